import Foundation
import Testing
@testable import FolioCore

/// Whole fixture publications built end to end; the produced pages are parsed and their structure checked.
@Suite struct SiteBuildTests {
    @Test func buildsTheLanguageChooserWithAlternates() throws {
        let project = try FixtureProject()
        defer { project.cleanUp() }
        let result = project.build()
        #expect(result.errors.isEmpty, "\(result.errors)")

        let chooser = try project.page("index.html")
        #expect(try chooser.values("//link[@rel='alternate']/@hreflang") == ["en", "fr"])
        #expect(try chooser.values("//ul[@class='chooser-list']/li/@lang") == ["en", "fr"])
        #expect(try chooser.values("//ul[@class='chooser-list']//span[@class='chooser-name']") == ["English", "Français"])
        #expect(try chooser.values("//ul[@class='chooser-list']//a/@href") == ["en/index.html", "fr/index.html"])
    }

    @Test func homeListsNumberedChaptersAndLandingText() throws {
        let project = try FixtureProject()
        defer { project.cleanUp() }
        #expect(project.build().errors.isEmpty)

        let home = try project.page("en/index.html")
        #expect(try home.value("/html/@lang") == "en")
        #expect(try home.value("//h1[@class='cover-title']") == "Cities Report")
        #expect(try home.value("//div[contains(@class,'landing')]//em") == "landing")
        #expect(try home.values("//ol[@class='contents-list']/li//span[@class='contents-number']") == ["Chapter 1", "Chapter 2"])
        #expect(try home.values("//ol[@class='contents-list']/li/a/@href") == ["../en/introduction/index.html", "../en/governance/index.html"])
        // The switcher marks the home's own language as the current page and links the others.
        #expect(try home.value("//nav[@id='language-switcher']//span[@aria-current='page']") == "English")
        #expect(try home.values("//nav[@id='language-switcher']//a/@href") == ["../fr/index.html"])
    }

    @Test func chapterPageHasNavigationSwitcherAndFootnotes() throws {
        let project = try FixtureProject()
        defer { project.cleanUp() }
        #expect(project.build().errors.isEmpty)

        let page = try project.page("fr/introduction/index.html")
        #expect(try page.value("/html/@lang") == "fr")
        #expect(try page.value("/html/@dir") == "ltr")
        #expect(try page.value("//h1") == "Introduction (FR)")
        // The language switcher leads to the same chapter in every language.
        #expect(try page.values("//nav[@id='language-switcher']//a/@href") == ["../../en/introduction/index.html"])
        #expect(try page.value("//nav[@id='language-switcher']//span[@aria-current='page']") == "Français")
        // Book navigation lists every chapter and marks the current one.
        #expect(try page.count("//nav[@id='book-nav']//li") == 2)
        #expect(try page.value("//nav[@id='book-nav']//a[@aria-current='page']/@href") == "../../fr/introduction/index.html")
        #expect(try page.value("//a[@rel='next']/@href") == "../../fr/governance/index.html")
        #expect(try page.count("//a[@rel='prev']") == 0)
        // Headings: unique ids, a self-link, listed under "on this page".
        #expect(try page.values("//div[contains(@class,'chapter-body')]/h2/@id") == ["les-villes-et-le-programme-2030", "les-villes-et-le-programme-2030-2"])
        #expect(try page.values("//aside[@id='page-toc']//a/@href") == ["#les-villes-et-le-programme-2030", "#les-villes-et-le-programme-2030-2"])
        #expect(try page.value("//h2[@id='les-villes-et-le-programme-2030']/a[@class='self-link']/@href") == "#les-villes-et-le-programme-2030")
        // Footnotes: the reference and the note link to each other.
        #expect(try page.value("//sup[@class='footnote-ref']/a/@href") == "#fn:1")
        #expect(try page.value("//section[@id='footnotes']//li/@id") == "fn:1")
        #expect(try page.value("//section[@id='footnotes']//a[@role='doc-backlink']/@href") == "#fnref:1")
        #expect(try page.value("//section[@id='footnotes']/h2") == "Notes")
        // Interface strings come from Templates/i18n/fr.yml.
        #expect(try page.value("//p[@class='chapter-number']") == "Chapitre\u{00A0}1")
    }

    @Test func aChapterTemplateLoopingOverNavGetsTheSamePages() throws {
        // The bundled chapter template joins entries rendered once per language (bookNavHTML); a
        // template written before that, looping over `nav` itself, must still get the list.
        let project = try FixtureProject()
        defer { project.cleanUp() }
        #expect(project.build().errors.isEmpty)
        let joined = try project.read("fr/introduction/index.html")
        let template = try project.defaultTemplate("chapter.mustache")
        let entry = try project.defaultTemplate("partials/book-nav-entry.mustache")
        try project.write("Templates/chapter.mustache",
                          template.replacingOccurrences(of: "{{{bookNavHTML}}}", with: "{{#nav}}\n\(entry){{/nav}}\n"))
        #expect(project.build().errors.isEmpty)
        #expect(try project.read("fr/introduction/index.html") == joined)
    }

    /// The basic publication with a chapter whose headings need escaping, at levels 2 to 4.
    private func projectWithTrickyHeadings() throws -> FixtureProject {
        var files = FixtureProject.basicFiles
        files["Content/en/02-governance.md"] = """
        ---
        title: Governance
        ---
        ## Who decides

        ### Mayors & councils <in "their" cities>

        #### Not listed

        ## Ce qu'il faut savoir: «e\u{0301}tat» des lieux
        """
        return try FixtureProject(files: files)
    }

    @Test func tableOfContentsListsLevelTwoAndThreeHeadingsEscaped() throws {
        let project = try projectWithTrickyHeadings()
        defer { project.cleanUp() }
        #expect(project.build().errors.isEmpty)
        let page = try project.page("en/governance/index.html")
        #expect(try page.values("//aside[@id='page-toc']//li/a") == ["Who decides", "Mayors & councils <in \"their\" cities>",
                                                                     "Ce qu'il faut savoir: «e\u{0301}tat» des lieux"])
        #expect(try page.values("//aside[@id='page-toc']//li/a/@href")
                == (try page.values("//div[contains(@class,'chapter-body')]/*[self::h2 or self::h3]/@id")).map { "#" + $0 })
        #expect(try page.values("//aside[@id='page-toc']//li/@class") == ["sub"])
        #expect(try project.read("en/governance/index.html").contains("Mayors &amp; councils &lt;in &quot;their&quot; cities&gt;"))
    }

    @Test func tableOfContentsEntriesComeOutAsMustacheRendersEachOne() throws {
        // The bundled entry partial is rendered once per build with stand-ins and filled for each entry
        // (EntryPartial). A partial that also refers to a page variable is rendered by
        // Mustache for each entry: the two must give the same bytes.
        let project = try projectWithTrickyHeadings()
        defer { project.cleanUp() }
        #expect(project.build().errors.isEmpty)
        let pages = ["en/governance/index.html", "en/introduction/index.html", "fr/introduction/index.html"]
        let filled = try pages.map { try project.read($0) }
        let entry = try project.defaultTemplate("partials/toc-entry.mustache")
        try project.write("Templates/partials/toc-entry.mustache", "{{#lang}}{{/lang}}" + entry)
        #expect(project.build().errors.isEmpty)
        #expect(try pages.map { try project.read($0) } == filled)

        // A template written before tocHTML, looping over `toc` itself, gets the same pages too.
        try project.write("Templates/partials/toc-entry.mustache", entry)
        let template = try project.defaultTemplate("chapter.mustache")
        try project.write("Templates/chapter.mustache",
                          template.replacingOccurrences(of: "{{{tocHTML}}}", with: "{{#toc}}\n\(entry){{/toc}}\n"))
        #expect(project.build().errors.isEmpty)
        #expect(try pages.map { try project.read($0) } == filled)
    }

    @Test func tableOfContentsEntriesUsingPageVariablesOrRawTextAreRenderedForEachEntry() throws {
        let project = try projectWithTrickyHeadings()
        defer { project.cleanUp() }
        try project.write("Templates/partials/toc-entry.mustache",
                          "<li data-lang=\"{{lang}}\"><a href=\"#{{id}}\">{{{text}}}</a></li>\n")
        #expect(project.build().errors.isEmpty)
        let html = try project.read("en/governance/index.html")
        #expect(html.components(separatedBy: "<li data-lang=\"en\">").count - 1 == 3)
        // `{{{text}}}` is the heading's text as it is, unescaped: never filled in escaped.
        #expect(html.contains("<a href=\"#mayors-councils-in-their-cities\">Mayors & councils <in \"their\" cities></a>"))
    }

    @Test func templatesLoopingOverLanguagesGetTheSamePages() throws {
        // The bundled layout and switcher join entries filled into partials cut once per build
        // (alternateLinksHTML, languageEntriesHTML); templates written before that, looping over
        // `languages`, must get the same pages.
        let project = try FixtureProject()
        defer { project.cleanUp() }
        #expect(project.build().errors.isEmpty)
        let pages = ["fr/introduction/index.html", "en/governance/index.html", "fr/index.html", "index.html", "fr/governance/index.html"]
        let joined = try pages.map { try project.read($0) }
        func template(_ name: String) throws -> String {
            try project.defaultTemplate("\(name).mustache")
        }
        let layout = try template("layout"), switcher = try template("partials/language-switcher")
        let alternate = try template("partials/alternate-link"), entry = try template("partials/language-switcher-entry")
        try project.write("Templates/layout.mustache",
                          layout.replacingOccurrences(of: "{{{alternateLinksHTML}}}", with: "{{#languages}}\n\(alternate){{/languages}}\n"))
        try project.write("Templates/partials/language-switcher.mustache",
                          switcher.replacingOccurrences(of: "{{{languageEntriesHTML}}}", with: "{{#languages}}\n\(entry){{/languages}}\n"))
        #expect(project.build().errors.isEmpty)
        #expect(try pages.map { try project.read($0) } == joined)
    }

    @Test func languageEntriesUsingPageVariablesAreRenderedForEachPage() throws {
        // An entry that shows a page variable cannot be cut once per build: Mustache renders it for each
        // entry of each page, with the page's variables.
        let project = try FixtureProject()
        defer { project.cleanUp() }
        let entry = try project.defaultTemplate("partials/language-switcher-entry.mustache")
        try project.write("Templates/partials/language-switcher-entry.mustache",
                          entry.replacingOccurrences(of: "<li>", with: "<li data-page=\"{{lang}}\" title=\"{{t.language_switcher}}\">"))
        #expect(project.build().errors.isEmpty)
        for (language, label) in [("en", "Read in another language"), ("fr", "Lire dans une autre langue")] {
            let page = try project.page("\(language)/introduction/index.html")
            #expect(try page.values("//nav[@id='language-switcher']//li/@data-page") == [language, language])
            #expect(try page.values("//nav[@id='language-switcher']//li/@title") == [label, label])
        }
    }

    @Test func missingTranslationFallsBackToSourceWithNoticeAndWarning() throws {
        let project = try FixtureProject()
        defer { project.cleanUp() }
        let result = project.build()
        let warning = try #require(result.diagnostic(containing: "'governance' is not yet translated into French"))
        #expect(warning.severity == .warning)
        #expect(warning.location?.file == "Content/en/02-governance.md")

        let page = try project.page("fr/governance/index.html")
        #expect(try page.value("/html/@lang") == "fr")
        #expect(try page.value("//p[contains(@class,'notice-untranslated')]")?.contains("pas encore été traduit") == true)
        #expect(try page.value("//div[contains(@class,'chapter-body')]/@lang") == "en")
        #expect(try page.value("//h1") == "Governance")
        #expect(try page.value("//header[@class='chapter-header']/@lang") == "en")
        // The French home marks it as not yet translated.
        let home = try project.page("fr/index.html")
        #expect(try home.count("//span[contains(@class,'badge-untranslated')]") == 1)
    }

    @Test func emptyPartsLeaveNoEmptyElements() throws {
        let project = try FixtureProject()
        defer { project.cleanUp() }
        #expect(project.build().errors.isEmpty)
        // The governance chapter has no footnotes, summary or authors: no empty "Notes" heading or wrappers.
        let page = try project.page("en/governance/index.html")
        #expect(try page.count("//section[@id='footnotes']") == 0)
        #expect(try page.count("//p[@class='chapter-summary']") == 0)
        #expect(try page.count("//p[@class='chapter-authors']") == 0)
        #expect(try project.page("en/introduction/index.html").count("//section[@id='footnotes']") == 1)
    }

    @Test func untranslatedChaptersCanBeLeftOut() throws {
        var files = FixtureProject.basicFiles
        files["Content/publication.yml"]! += "\nuntranslated: omit\n"
        let project = try FixtureProject(files: files)
        defer { project.cleanUp() }
        #expect(project.build().errors.isEmpty)
        #expect(!project.exists("fr/governance/index.html"))
        #expect(project.exists("en/governance/index.html"))
        #expect(try project.page("fr/index.html").count("//ol[@class='contents-list']/li") == 1)
    }

    @Test func tablesLinksAndAssets() throws {
        let project = try FixtureProject()
        defer { project.cleanUp() }
        #expect(project.build().errors.isEmpty)
        let intro = try project.page("en/introduction/index.html")
        // A link to another chapter's file becomes a relative link to its page.
        #expect(try intro.value("//div[contains(@class,'chapter-body')]//p/a/@href") == "../../en/governance/index.html#who-decides")
        let governance = try project.page("en/governance/index.html")
        #expect(try governance.values("//table/thead/tr/th/@scope") == ["col", "col"])
        #expect(try governance.value("//table/tbody/tr/td[2]/@class") == "align-end")
        // The stylesheet is published with a content hash in its name and linked relatively.
        let href = try #require(try governance.value("//link[@rel='stylesheet']/@href"))
        #expect(href.hasPrefix("../../assets/folio.") && href.hasSuffix(".css"))
        #expect(project.exists(String(href.dropFirst(6))))
    }

    @Test func arabicPagesAreRightToLeft() throws {
        var files = FixtureProject.basicFiles
        files["Content/publication.yml"] = "title: {en: Cities, ar: المدن}\nsource-language: en\nlanguages: [en, ar]\n"
        files.removeValue(forKey: "Content/fr/01-introduction.md")
        files["Content/ar/01-introduction.md"] = "---\ntitle: مقدمة\n---\n## المدن وخطة عام 2030\n\nنص.\n"
        let project = try FixtureProject(files: files)
        defer { project.cleanUp() }
        #expect(project.build().errors.isEmpty)
        let page = try project.page("ar/introduction/index.html")
        #expect(try page.value("/html/@dir") == "rtl")
        #expect(try page.value("/html/@lang") == "ar")
        #expect(try page.value("//div[contains(@class,'chapter-body')]/h2/@id") == "المدن-وخطة-عام-2030")
        let fallback = try project.page("ar/governance/index.html")
        #expect(try fallback.value("//div[contains(@class,'chapter-body')]/@dir") == "ltr")
    }

    @Test func rawHTMLIsEscapedUnlessAllowed() throws {
        var files = FixtureProject.basicFiles
        files["Content/en/02-governance.md"] = "---\ntitle: Governance\n---\n<script>alert(1)</script>\n\nText <b onclick=\"x\">bold</b>.\n"
        let project = try FixtureProject(files: files)
        defer { project.cleanUp() }
        #expect(project.build().errors.isEmpty)
        let html = try project.read("en/governance/index.html")
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&lt;b onclick=&quot;x&quot;&gt;"))

        try project.write("Content/publication.yml", FixtureProject.basicFiles["Content/publication.yml"]! + "\nallow-raw-html: true\n")
        #expect(project.build().errors.isEmpty)
        #expect(try project.read("en/governance/index.html").contains("<b onclick=\"x\">bold</b>"))
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let project = try FixtureProject()
        defer { project.cleanUp() }
        #expect(project.build().errors.isEmpty)
        let first = try folderSnapshot(project.output)
        #expect(project.build().errors.isEmpty)
        #expect(try folderSnapshot(project.output) == first)
        #expect(first.count >= 8)
    }

    @Test func mediaIsCopiedAndMissingMediaIsAnErrorAtItsLine() throws {
        var files = FixtureProject.basicFiles
        files["Content/en/02-governance.md"] = "---\ntitle: Governance\n---\nIntro.\n\n![Map of the region](../media/map.png)\n\n![Missing chart](../media/none.png)\n"
        let project = try FixtureProject(files: files)
        defer { project.cleanUp() }
        try project.write("Content/media/map.png", Data([0x89, 0x50, 0x4E, 0x47]))
        let result = project.build()
        let error = try #require(result.diagnostic(containing: "image not found"))
        #expect(error.severity == .error)
        #expect(error.location == SourceLocation(file: "Content/en/02-governance.md", line: 8, column: 1))
        #expect(error.message.contains("Content/media/none.png"))

        try project.write("Content/en/02-governance.md", "---\ntitle: Governance\n---\n![Map of the region](../media/map.png)\n")
        #expect(project.build().errors.isEmpty)
        #expect(project.exists("media/map.png"))
        #expect(try project.page("en/governance/index.html").value("//img/@src") == "../../media/map.png")
        #expect(try project.page("en/governance/index.html").value("//img/@alt") == "Map of the region")
    }

}

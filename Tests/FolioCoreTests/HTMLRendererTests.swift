import Foundation
import FolioMarkdown
import Testing
@testable import FolioCore

@Suite struct HTMLRendererTests {
    /// `markdown` as chapter 3 of a small publication, checked (which annotates it) and rendered as
    /// its page renders it.
    private func render(_ markdown: String, allowRawHTML: Bool = false) throws -> RenderedBody {
        let project = try FixtureProject()
        defer { project.cleanUp() }
        try project.write("Content/media/map.png", Data([1]))
        if allowRawHTML { try project.write("Content/publication.yml", "title: {en: T}\nsource-language: en\nlanguages: [en]\nallow-raw-html: true\n") }
        try project.write("Content/en/03-test.md", "---\ntitle: Test\n---\n" + markdown)
        let diagnostics = DiagnosticCollector()
        var publication = try #require(ContentLoader.load(project: project.root, diagnostics: diagnostics))
        PublicationChecker.check(&publication, diagnostics: diagnostics)
        let templates = try #require(TemplateSet.load(templates: project.root.appendingPathComponent("Templates"), diagnostics: diagnostics))
        let strings = UIStrings(language: "en", values: ["link_to_section": "Link to this section",
                                                         "back_to_reference": "Back to reference {n}", "table": "Table",
                                                         "xref_figure": "figure {n}", "table_label": "Table {n}"])
        let chapter = try #require(publication.chapter(slug: "test", language: "en"))
        var renderer = HTMLRenderer(context: .init(root: "../../", language: "en", pageLanguage: "en", allowRawHTML: allowRawHTML,
                                                   templates: templates, strings: strings, textStrings: strings,
                                                   formatter: LocaleFormatter(localeIdentifier: "en"), slug: "test",
                                                   crossReferences: publication.crossReferences, kpiFigures: nil),
                                    model: try #require(publication.models[chapter.path]))
        return renderer.render()
    }

    @Test func tablesScrollInFocusableFramesWithDistinctNames() throws {
        let html = try render("| a |\n|---|\n| 1 |\n\nText.\n\n| b |\n|---|\n| 2 |\n").html
        #expect(html.contains("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Table: a\"><table>"))
        #expect(html.contains("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Table: b\"><table>"))
    }

    @Test func unsafeURLsAreNeverEmitted() throws {
        let html = try render("[a](javascript:alert(1)) [b](JaVa%09Script:x) [c](vbscript:x) [d](data:text/html;base64,xx)").html
        #expect(!html.lowercased().contains("script:"))
        #expect(!html.contains("data:"))
        #expect(!html.contains("<a "))
        #expect(html.contains(">a ") || html.contains("a b c d") || html.contains("a "))
    }

    @Test func linksAndImagesAreRewrittenToRelativeSitePaths() throws {
        let html = try render("[next](02-governance.md#who-decides) [fr](../fr/01-introduction.md) [web](https://unece.org) ![Map](../media/map.png)").html
        #expect(html.contains("href=\"../../en/governance/index.html#who-decides\""))
        #expect(html.contains("href=\"../../fr/introduction/index.html\""))
        #expect(html.contains("href=\"https://unece.org\" class=\"external\""))
        #expect(html.contains("<img src=\"../../media/map.png\" alt=\"Map\" loading=\"lazy\" />"))
    }

    @Test func rawHTMLIsTextByDefault() throws {
        let body = try render("<div onclick=\"x\">hi</div>\n\nInline <span>x</span>.")
        #expect(body.html.contains("<pre class=\"raw-html\">&lt;div onclick=&quot;x&quot;&gt;hi&lt;/div&gt;"))
        #expect(body.html.contains("Inline &lt;span&gt;x&lt;/span&gt;."))
        let allowed = try render("<div class=\"box\">hi</div>", allowRawHTML: true)
        #expect(allowed.html.contains("<div class=\"box\">hi</div>"))
    }

    @Test func footnotesPairReferencesAndBacklinks() throws {
        let body = try render("One[^x] two[^x] three[^y].\n\n[^x]: First.\n[^y]: Second.\n")
        #expect(body.html.contains("<a href=\"#fn:1\" id=\"fnref:1\" role=\"doc-noteref\">1</a>"))
        #expect(body.html.contains("<a href=\"#fn:1\" id=\"fnref:1:2\" role=\"doc-noteref\">1</a>"))
        #expect(body.footnotesHTML.contains("<li id=\"fn:1\">\n<p>First. <a href=\"#fnref:1\""))
        #expect(body.footnotesHTML.contains("href=\"#fnref:1:2\""))
        #expect(body.footnotesHTML.contains("<li id=\"fn:2\">"))
    }

    @Test func headingsAreCollectedWithUniqueIDs() throws {
        let body = try render("## Context\n\n### Data\n\n## Context\n")
        #expect(body.headings.map(\.id) == ["context", "data", "context-2"])
        #expect(body.headings.map(\.level) == [2, 3, 2])
        #expect(body.html.contains("<h3 id=\"data\"><span class=\"section-number\">3.1.1</span> Data<a class=\"self-link\" href=\"#data\" aria-label=\"Link to this section\"></a></h3>"))
    }

    @Test func codeIsEscapedAndTaskListsAreMarked() throws {
        let html = try render("```html\n<b>&</b>\n```\n\n- [x] done\n- [ ] open\n").html
        #expect(html.contains("<pre><code class=\"language-html\">&lt;b&gt;&amp;&lt;/b&gt;\n</code></pre>"))
        #expect(html.contains("<ul class=\"task-list\">"))
        #expect(html.contains("checked=\"checked\""))
    }
}

@Suite struct LinkResolverTests {
    @Test func classifiesDestinations() throws {
        let project = try FixtureProject()
        defer { project.cleanUp() }
        try project.write("Content/media/charts/a b.png", Data([1]))
        let publication = try #require(ContentLoader.load(project: project.root, diagnostics: DiagnosticCollector()))
        let resolver = LinkResolver(publication: publication)
        #expect(resolver.resolve("#top", from: "en") == .fragment("top"))
        #expect(resolver.resolve("mailto:info@unece.org", from: "en") == .external("mailto:info@unece.org"))
        #expect(resolver.resolve(" javascript:x", from: "en") == .unsafe("javascript:x"))
        #expect(resolver.resolve("data:image/png;base64,AA", from: "en", isImage: true) == .external("data:image/png;base64,AA"))
        #expect(resolver.resolve("data:image/svg+xml,<svg/>", from: "en", isImage: true) == .unsafe("data:image/svg+xml,<svg/>"))
        #expect(resolver.resolve("../media/charts/a%20b.png", from: "fr") == .media("charts/a b.png"))
        #expect(resolver.resolve("./02-governance.md", from: "fr") == .chapter(slug: "governance", language: "fr", fragment: nil))
        #expect(resolver.resolve("_index.md#x", from: "en") == .home(language: "en", fragment: "x"))
        #expect(resolver.resolve("../../../etc/passwd", from: "en") == .outside("'../../../etc/passwd' points outside Content/"))
        #expect(resolver.resolve("/etc/passwd", from: "en")
                == .outside("'/etc/passwd' is an absolute path: link relative to the chapter file, inside Content/"))
        if case .broken = resolver.resolve("../media/none.png", from: "en", isImage: true) {} else { Issue.record("missing media") }
    }

    /// A sibling chapter's file name is resolved by a short path; what it gives must be what the long
    /// way (the same name reached through `./`) gives, fragment and all.
    @Test func siblingFileNamesResolveAsTheLongWayDoes() throws {
        let project = try FixtureProject()
        defer { project.cleanUp() }
        let publication = try #require(ContentLoader.load(project: project.root, diagnostics: DiagnosticCollector()))
        let resolver = LinkResolver(publication: publication)
        for name in ["02-governance.md", "02-governance.md#", "02-governance.md#a:b/c?d%20", "_index.md", "index.md#top",
                     "02-governance.md ", "02-governance.md#x ", "02-governance.md?x#y"] {
            #expect(resolver.resolve(name, from: "fr") == resolver.resolve("./" + name, from: "fr"), "\(name)")
        }
        #expect(resolver.resolve("02-governance.md#a:b", from: "fr") == .chapter(slug: "governance", language: "fr", fragment: "a:b"))
        #expect(resolver.resolve("index.md", from: "en") == .home(language: "en", fragment: nil))
        #expect(resolver.resolve("99-missing.md", from: "en") == .broken("'99-missing.md' is not a chapter: no file Content/en/99-missing.md"))
        #expect(resolver.resolve("...", from: "en") == .broken("'...' is not a chapter: no file Content/en/..."))
    }
}

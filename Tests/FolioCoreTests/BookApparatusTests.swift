import Foundation
import Testing
@testable import FolioCore

/// Front and back matter (issue 23): front-matter parts and annexes in the one document model, on the
/// web and in print; acronyms; the imprint's identifiers; and the head, sitemap and 404 page that let
/// the publication be found and cited.
@Suite struct BookApparatusTests {
    /// The basic fixture with a foreword, an executive summary (translated into French), an annex, an
    /// acronym list and the imprint's identifiers.
    static func files(publication extra: String = "", acronyms: String? = nil) -> [String: String] {
        var files = FixtureProject.basicFiles
        files["Content/publication.yml"] = """
        title: {en: Cities Report, fr: Rapport sur les villes}
        publisher: {en: United Nations Economic Commission for Europe, fr: Commission économique des Nations Unies pour l’Europe}
        year: "2021"
        source-language: en
        languages: [en, fr]
        front-matter: [foreword, executive-summary]
        isbn: 978-92-1-117265-2
        sales-number: E.21.II.E.7
        symbol: ECE/HBP/205
        doi: 10.18356/9789210055635
        placeholder-identifiers: [isbn]
        \(extra)
        """
        files["Content/en/foreword.md"] = "---\ntitle: Foreword\n---\n## Why this report\n\nCities matter to the ICT sector.\n"
        files["Content/en/executive-summary.md"] = """
        ---
        title: Executive summary
        ---
        ## Key messages

        ICTs help, and ICT helps more; see @sec-methods. The UNECE and the ICT sector agree. A NEWWORD appears.
        """
        files["Content/fr/executive-summary.md"] = "---\ntitle: Résumé\n---\n## Messages clés\n\nVoir l’@sec-methods.\n"
        files["Content/en/annex-1-methods.md"] = """
        ---
        title: Methods
        ---
        ## Sources

        | City | Year |
        |:-----|-----:|
        | Karmøy | 2020 |

        Table: Sources of the values {#tbl-sources}

        See @tbl-sources.
        """
        files["Content/en/acronyms.yml"] = acronyms ?? """
        acronyms:
          - UNECE: United Nations Economic Commission for Europe
          - ICT: information and communication technology
          - GDP: gross domestic product
        """
        return files
    }

    private func expectDiagnostic(_ result: SiteBuilder.Result, _ text: String, file: String, line: Int, column: Int,
                                  severity: Severity = .error, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let diagnostic = try #require(result.diagnostic(containing: text), "no diagnostic containing '\(text)' in \(result.diagnostics)",
                                      sourceLocation: sourceLocation)
        #expect(diagnostic.severity == severity, sourceLocation: sourceLocation)
        #expect(diagnostic.location == SourceLocation(file: file, line: line, column: column), "\(diagnostic)", sourceLocation: sourceLocation)
    }

    // MARK: - Front and back matter

    @Test func frontMatterComesFirstUnnumberedAndAnnexesAfterTheChaptersInRomanNumerals() throws {
        let project = try FixtureProject(files: Self.files())
        defer { project.cleanUp() }
        let result = project.build()
        #expect(result.errors.isEmpty, "\(result.errors)")
        let home = try project.page("en/index.html")
        #expect(try home.values("//ol[@class='contents-list']/li/a/span[@class='contents-title']")
                == ["Foreword", "Executive summary", "Introduction", "Governance", "Methods"])
        #expect(try home.values("//ol[@class='contents-list']/li/a/span[@class='contents-number']") == ["Chapter 1", "Chapter 2", "Annex I"])
        let annex = try project.page("en/methods/index.html")
        #expect(try annex.value("//p[@class='chapter-number']") == "Annex I")
        #expect(try annex.value("//caption")?.contains("Table I.1") == true)
        #expect(try annex.value("//a[@class='xref']") == "table I.1")
        // Front matter: no part number, no section numbers; a reference to the annex reads "annex I".
        let summary = try project.page("en/executive-summary/index.html")
        #expect(try summary.count("//p[@class='chapter-number']") == 0)
        #expect(try summary.value("//h2[@id='key-messages']")?.hasPrefix("Key messages") == true)
        #expect(try summary.value("//a[@class='xref']") == "annex I")
        // The French book: its own executive summary, the English foreword and annex with a notice.
        let french = try project.page("fr/index.html")
        #expect(try french.values("//ol[@class='contents-list']/li/a/span[@class='contents-title']").prefix(2) == ["Foreword", "Résumé"])
        #expect(try french.values("//ol[@class='contents-list']/li/a/span[@class='contents-number']").last == "Annexe I")
        #expect(try project.page("fr/executive-summary/index.html").value("//a[@class='xref']") == "annexe I")
        #expect(try project.page("fr/foreword/index.html").count("//*[contains(@class, 'notice-untranslated')]") == 1)
    }

    @Test func anUnknownFrontMatterPartIsAnErrorAtItsPlaceInPublicationYml() throws {
        var files = Self.files()
        files["Content/publication.yml"] = files["Content/publication.yml"]?
            .replacingOccurrences(of: "front-matter: [foreword, executive-summary]", with: "front-matter: [foreword, executive-sumary]")
        let project = try FixtureProject(files: files)
        defer { project.cleanUp() }
        let result = project.build()
        #expect(!result.succeeded)
        try expectDiagnostic(result, "unknown front-matter part 'executive-sumary'", file: "Content/publication.yml", line: 6, column: 26)
        #expect(result.diagnostic(containing: "did you mean 'executive-summary'") != nil)
        // The file the entry misses is not silently dropped either.
        #expect(result.diagnostic(containing: "'executive-summary.md' is not a chapter")?.location?.file == "Content/en/executive-summary.md")
    }

    /// The Word and EPUB editions walk the same book: front matter unnumbered, "Annex I", the ISBN as identifier.
    @Test func theWordAndEPUBEditionsHaveThePartsAndTheIdentifier() throws {
        let project = try FixtureProject(files: Self.files())
        defer { project.cleanUp() }
        let diagnostics = DiagnosticCollector()
        let prepared = try #require(SiteBuilder.prepare(SiteBuilder.Options(project: project.root), diagnostics: diagnostics))
        let json = String(decoding: try EditionDocument.make(site: prepared.site, language: "en").document.json(), as: UTF8.self)
        #expect(json.contains(#""identifier":{"c":"urn:isbn:9789211172652","t":"MetaString"}"#), "\(json.prefix(600))")
        #expect(json.contains(#"[{"c":"Annex","t":"Str"},{"t":"Space"},{"c":"I","t":"Str"}]"#))
        #expect(json.range(of: #"Foreword"#) != nil && json.range(of: #"Chapter"#) != nil)
        // The foreword's heading has no part number before its title.
        #expect(!json.contains(#"{"c":"Foreword","t":"Str"}],"t":"Span"}"#))
    }

    /// The editions open with the imprint and list the acronyms where print does: after the front matter.
    @Test func theWordAndEPUBEditionsCarryTheImprintAndTheAcronymsInPrintsPlaces() throws {
        let project = try FixtureProject(files: Self.files())
        defer { project.cleanUp() }
        let diagnostics = DiagnosticCollector()
        let prepared = try #require(SiteBuilder.prepare(SiteBuilder.Options(project: project.root), diagnostics: diagnostics))
        let blocks = EditionDocument.make(site: prepared.site, language: "en").document.blocks
        func sections(_ blocks: [PandocBlock]) -> [String] {
            blocks.flatMap { block -> [String] in
                switch block {
                case .header(level: 1, let attr, _): [attr.id]
                case .div(_, let inner): sections(inner)
                default: []
                }
            }
        }
        let front = [BookPart.frontBase + 1, BookPart.frontBase + 2].map(EditionAnchors.chapter)
        #expect(Array(sections(blocks).prefix(5)) == ["imprint"] + front + ["acronyms", EditionAnchors.chapter(1)])
        let json = String(decoding: try PandocDocument(blocks: blocks).json(), as: UTF8.self)
        // The print edition's words: the placeholder marked in a draft, the citation, the sorted list.
        #expect(json.contains(#"{"c":"978-92-1-117265-2","t":"Str"},{"t":"Space"},{"c":"(placeholder)","t":"Str"}"#))
        #expect(json.contains(#"{"c":"How","t":"Str"},{"t":"Space"},{"c":"to","t":"Str"},{"t":"Space"},{"c":"cite","t":"Str"}"#))
        let terms = ["GDP", "ICT", "UNECE"].compactMap { json.range(of: #"[[{"c":"\#($0)","t":"Str"}]"#)?.lowerBound }
        #expect(terms.count == 3 && terms == terms.sorted())
    }

    // MARK: - The imprint

    @Test func aBadISBNIsAnErrorAtItsValue() throws {
        var files = Self.files()
        files["Content/publication.yml"] = files["Content/publication.yml"]?
            .replacingOccurrences(of: "isbn: 978-92-1-117265-2", with: "isbn: 978-92-1-117265-3")
        let project = try FixtureProject(files: files)
        defer { project.cleanUp() }
        let result = project.build()
        #expect(!result.succeeded)
        try expectDiagnostic(result, "isbn: the check digit of ISBN '978-92-1-117265-3' is 3, but its first 12 digits give 2",
                             file: "Content/publication.yml", line: 7, column: 7)
        #expect(!project.exists("index.html"))
    }

    @Test func identifiersAreValidatedByTheirShapes() {
        #expect(PublicationIdentifiers.isbnProblem("978-92-1-117265-2") == nil)
        #expect(PublicationIdentifiers.isbnProblem("978-92-1-11726-2")?.contains("has 12") == true)
        #expect(PublicationIdentifiers.isbnProblem("977-92-1-117265-2")?.contains("978 or 979") == true)
        #expect(PublicationIdentifiers.issnProblem("2411-8524") == nil)
        #expect(PublicationIdentifiers.issnProblem("2411-8525") != nil)
        #expect(PublicationIdentifiers.salesNumberProblem("E.21.II.E.7") == nil)
        #expect(PublicationIdentifiers.salesNumberProblem("E.07.IV.2") == nil)
        #expect(PublicationIdentifiers.salesNumberProblem("21.II.E.7") != nil)
        #expect(PublicationIdentifiers.symbolProblem("ECE/HBP/205") == nil)
        #expect(PublicationIdentifiers.symbolProblem("ece/hbp") != nil)
        #expect(PublicationIdentifiers.doiProblem("10.18356/9789210055635") == nil)
        #expect(PublicationIdentifiers.doiProblem("https://doi.org/10.18356/x") != nil)
        #expect(PublicationIdentifiers.doiProblem("11.18356/x") != nil)
    }

    @Test func theImprintPageShowsIdentifiersAndHowToCite() throws {
        let project = try FixtureProject(files: Self.files())
        defer { project.cleanUp() }
        #expect(project.build().errors.isEmpty)
        let imprint = try project.page("en/imprint/index.html")
        let identifiers = try imprint.values("//dl[@class='imprint-identifiers']/dd")
        #expect(identifiers == ["978-92-1-117265-2 (placeholder)", "E.21.II.E.7", "ECE/HBP/205", "10.18356/9789210055635"])
        let cite = try #require(try imprint.value("//section[@class='how-to-cite']/p"))
        #expect(cite.hasPrefix("United Nations Economic Commission for Europe (2021). Cities Report. Geneva: United Nations. ISBN 978-92-1-117265-2."))
        #expect(cite.hasSuffix("https://doi.org/10.18356/9789210055635"))
        let french = try project.page("fr/index.html").value("//section[@class='how-to-cite']/p")
        #expect(french?.contains("Genève : Nations Unies.") == true)
    }

    // MARK: - Acronyms

    @Test func acronymsAreMarkedExpandedAtFirstUseAndCheckedAtTheirLines() throws {
        let project = try FixtureProject(files: Self.files(publication: "expand-acronyms: first-use"))
        defer { project.cleanUp() }
        let result = project.build()
        #expect(result.errors.isEmpty, "\(result.errors)")
        let summary = try project.page("en/executive-summary/index.html")
        #expect(try summary.values("//main//abbr[@title='information and communication technology']") == ["ICT", "ICT", "ICT"])
        let paragraph = try #require(try summary.value("//div[contains(@class, 'chapter-body')]/p"))
        // The first singular use is written out, not the plural before it.
        #expect(paragraph.hasPrefix("ICTs help, and information and communication technology (ICT) helps more"))
        // Each part expands its own first use.
        #expect(try project.page("en/foreword/index.html").value("//div[contains(@class, 'chapter-body')]/p")
                == "Cities matter to the information and communication technology (ICT) sector.")
        try expectDiagnostic(result, "'NEWWORD' looks like an acronym", file: "Content/en/executive-summary.md", line: 6, column: 88,
                             severity: .warning)
        try expectDiagnostic(result, "the acronym 'GDP' is defined but no part", file: "Content/en/acronyms.yml", line: 4, column: 5,
                             severity: .warning)
        let list = try project.page("en/acronyms/index.html")
        #expect(try list.values("//dl[@class='acronyms']//dt") == ["GDP", "ICT", "UNECE"])
    }

    @Test func aDuplicateAcronymIsAnErrorAtItsSecondDefinition() throws {
        let project = try FixtureProject(files: Self.files(acronyms: "acronyms:\n  - ICT: information and communication technology\n  - UNECE: United Nations Economic Commission for Europe\n  - ICT: information and communications technologies\n"))
        defer { project.cleanUp() }
        let result = project.build()
        #expect(!result.succeeded)
        try expectDiagnostic(result, "the acronym 'ICT' is defined twice: here and at Content/en/acronyms.yml:2:5",
                             file: "Content/en/acronyms.yml", line: 4, column: 5)
    }

    /// ICU's collation per language: Cyrillic in the Russian alphabet, before Latin; Ё sorts as Е (so "ЁЖ"
    /// comes before "ЕЭК", by its second letter), where the order of code points would put it first of all.
    @Test func theListIsSortedInTheLanguagesAlphabet() {
        let locate = SourceLocation(file: "Content/ru/acronyms.yml")
        let list = AcronymList(language: "ru", path: locate.file, entries: ["ЦУР", "U4SSC", "ЖКХ", "ЁЖ", "ЕЭК", "ВВП"].map {
            Acronym(short: $0, expansion: "-", location: locate)
        })
        #expect(list.sorted.map(\.short) == ["ВВП", "ЁЖ", "ЕЭК", "ЖКХ", "ЦУР", "U4SSC"])
    }

    // MARK: - Chronology

    /// A draft dated 10 May 2020 cannot cite a report of September 2020: a warning at the citation,
    /// whether the bibliography dates it in BibLaTeX (`date`, `year`) or CSL (`issued`, as parts or raw).
    @Test(arguments: [
        ("references.bib", """
        @book{karmoy-2020,
          author = {{U4SSC}},
          title = {Verification Report: Karmøy, Norway},
          date = {2020-09},
        }
        @book{methodology-2017,
          author = {{U4SSC}},
          title = {Collection Methodology},
          year = {2017},
        }
        """),
        ("references.json", """
        [
          {"id": "methodology-2017", "type": "report", "title": "Collection Methodology", "issued": {"date-parts": [[2017]]}},
          {"id": "karmoy-2020", "type": "report", "title": "Verification Report: Karmøy", "issued": {"date-parts": [[2020, 9]]}}
        ]
        """),
        ("references.yaml", """
        references:
          - id: methodology-2017
            type: report
            title: Collection Methodology
            issued: {date-parts: [[2017]]}
          - id: karmoy-2020
            type: report
            title: "Verification Report: Karmøy"
            issued: {raw: 2020-09}
        """),
    ])
    func aCitationOfASourceDatedAfterTheStatusDateIsAWarningAtIt(file: String, text: String) throws {
        var files = Self.files(publication: "status-date: 2020-05-10\nbibliography: \(file)")
        files["Content/\(file)"] = text
        files["Content/en/02-governance.md"] = "---\ntitle: Governance\n---\nAs verified [@methodology-2017] and later [@karmoy-2020, p. 14].\n"
        let project = try FixtureProject(files: files)
        defer { project.cleanUp() }
        let result = project.check(pdf: .skip)
        try expectDiagnostic(result, "'@karmoy-2020' is dated 2020-09, after the draft's status date 2020-05-10",
                             file: "Content/en/02-governance.md", line: 4, column: 44, severity: .warning)
        #expect(result.diagnostic(containing: "'@methodology-2017' is dated") == nil)
    }

    /// A draft dated May 2020 cannot show a city's value for 2021: a warning at the data row.
    @Test func aKPIValueForAYearAfterTheStatusDateIsAWarningAtIt() throws {
        var files = Self.files(publication: "status-date: 2020-05-10")
        files["Content/en/02-governance.md"] = """
        ---
        title: Governance
        ---
        ```kpi
        kpi: "EC: ICT: ICT: 1C"
        data:
          - {city: Karmøy, year: 2020, value: 97}
          - {city: Karmøy, year: 2021, value: 98}
        ```
        """
        let project = try FixtureProject(files: files)
        defer { project.cleanUp() }
        let result = project.check(pdf: .skip)
        try expectDiagnostic(result, "Karmøy's value for 2021 is after the draft's status date 2020-05-10",
                             file: "Content/en/02-governance.md", line: 8, column: 5, severity: .warning)
        #expect(result.diagnostic(containing: "value for 2020") == nil)
    }

    // MARK: - Found and cited

    @Test func withABaseURLPagesCarryCanonicalHreflangCitationTagsAndSchemaOrg() throws {
        let project = try FixtureProject(files: Self.files(publication: "base-url: https://example.org/ssc"))
        defer { project.cleanUp() }
        let result = project.build()
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.diagnostic(containing: "no base-url") == nil)
        let home = try project.page("en/index.html")
        #expect(try home.value("//link[@rel='canonical']/@href") == "https://example.org/ssc/en/")
        #expect(try home.values("//link[@rel='alternate']/@hreflang") == ["en", "fr", "x-default"])
        #expect(try home.value("//meta[@property='og:type']/@content") == "book")
        #expect(try home.value("//meta[@name='citation_isbn']/@content") == "978-92-1-117265-2")
        #expect(try home.value("//meta[@name='citation_author']/@content") == "United Nations Economic Commission for Europe")
        let book = try jsonLD(home)
        try SchemaOrgShapes.validate(book)
        #expect(book["@type"] as? String == "Book")
        #expect((book["hasPart"] as? [[String: Any]])?.compactMap { $0["name"] as? String }.first == "Foreword")
        let chapterPage = try project.page("en/governance/index.html")
        #expect(try chapterPage.value("//meta[@name='citation_inbook_title']/@content") == "Cities Report")
        let chapter = try jsonLD(chapterPage)
        try SchemaOrgShapes.validate(chapter)
        #expect(chapter["@type"] as? String == "Chapter")
        #expect((chapter["isPartOf"] as? [String: Any])?["@type"] as? String == "Book")
        // The sitemap: every page once, with every translation as an xhtml:link alternate.
        let sitemap = try Page(text: project.read("sitemap.xml"))
        let introduction = "https://example.org/ssc/en/introduction/"
        #expect(try sitemap.count("//*[local-name()='loc']") >= 10)
        #expect(try sitemap.values("//*[local-name()='url'][*[local-name()='loc']='\(introduction)']/*[local-name()='link']/@hreflang") == ["en", "fr"])
        #expect(try sitemap.count("//*[local-name()='url'][*[local-name()='loc']='https://example.org/ssc/en/governance/']/*[local-name()='link']") == 2)
        #expect(try project.read("robots.txt").contains("Sitemap: https://example.org/ssc/sitemap.xml"))
        let notFound = try project.page("404.html")
        #expect(try notFound.values("//li/a/@href") == ["https://example.org/ssc/en/index.html", "https://example.org/ssc/fr/index.html"])
    }

    @Test func withoutABaseURLOneNoticeSaysWhatIsMissing() throws {
        let project = try FixtureProject(files: Self.files())
        defer { project.cleanUp() }
        let result = project.build()
        let notices = result.diagnostics.filter { $0.message.contains("no base-url") }
        #expect(notices.count == 1)
        #expect(notices.first?.severity == .note)
        #expect(!project.exists("sitemap.xml"))
        #expect(project.exists("404.html") && project.exists("robots.txt"))
        let home = try project.page("en/index.html")
        #expect(try home.count("//link[@rel='canonical']") == 0)
        #expect(try home.count("//script[@type='application/ld+json']") == 0)
    }

    /// The shapes check can fail: `isbn` belongs to `Book`, not `Chapter`; `Chapter` has no `hasChapter`.
    @Test func schemaOrgShapesRejectWhatSchemaOrgDoesNotDefine() {
        #expect(throws: SchemaOrgShapes.Invalid.self) {
            try SchemaOrgShapes.validate(["@context": "https://schema.org", "@type": "Chapter", "name": "x", "isbn": "978-92-1-117265-2"])
        }
        #expect(throws: SchemaOrgShapes.Invalid.self) {
            try SchemaOrgShapes.validate(["@context": "https://schema.org", "@type": "Book", "name": "x", "hasChapter": "y"])
        }
        #expect(throws: SchemaOrgShapes.Invalid.self) {
            try SchemaOrgShapes.validate(["@context": "https://schema.org", "@type": "Chapter", "isPartOf": ["@type": "Organisation", "name": "y"]])
        }
    }

    private func jsonLD(_ page: Page) throws -> [String: Any] {
        let text = try #require(try page.value("//script[@type='application/ld+json']"))
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    // MARK: - Print

    @Test func printFrontMatterHasRomanPageNumbersAndTheAnnexIsInTheContents() throws {
        let project = try FixtureProject(files: Self.files())
        defer { project.cleanUp() }
        let result = project.build(pdf: .withSite)
        #expect(result.errors.isEmpty, "\(result.errors)")
        let pdf = PDFInspection(url: project.output.appendingPathComponent("en/cities-report-en.pdf"))
        let pages = try pdf.pages()
        let contents = try #require(pages.first { $0.contains("Contents") && $0.contains("Foreword") })
        let collapsed = PDFInspection.collapsed(contents)
        // Front matter on roman pages, the chapters from 1, the annex labelled in the contents.
        #expect(collapsed.range(of: #"Foreword[\s.]*v\b"#, options: .regularExpression) != nil, "\(collapsed)")
        #expect(collapsed.range(of: #"Introduction[\s.]*1\b"#, options: .regularExpression) != nil, "\(collapsed)")
        #expect(collapsed.contains("Annex I"), "\(collapsed)")
        let acronyms = try #require(pages.firstIndex { $0.contains("Acronyms and abbreviations") && $0.contains("information and communication technology") })
        let introduction = try #require(pages.firstIndex { $0.contains("Chapter 1") && $0.contains("Cities matter") })
        #expect(acronyms < introduction)
        #expect(pages[acronyms].contains("\nix") || pages[acronyms].contains("vii") || pages[acronyms].contains("\nvi"), "\(pages[acronyms])")
        let imprint = try #require(pages.first { $0.contains("E.21.II.E.7") })
        #expect(imprint.contains("How to cite"))
        let info = try pdf.info()
        #expect(info["Keywords"]?.contains("ISBN 978-92-1-117265-2") == true, "\(info)")
    }
}

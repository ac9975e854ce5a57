import Foundation
import Testing
@testable import FolioCore

/// Citations end to end: found in the document model (and nowhere else), checked against the
/// bibliography, formatted by pandoc's citeproc once per language, and shown alike on the web and in
/// print; the errors of a bibliography at their places; a build without pandoc.
@Suite struct CitationTests {
    static let bibliography = """
    % Test bibliography.
    @book{u4ssc-karmoy-2020,
      author    = {{United for Smart Sustainable Cities}},
      title     = {Verification Report: Karmøy, Norway},
      publisher = {International Telecommunication Union},
      location  = {Geneva},
      date      = {2020-09},
    }

    @article{huovila-2019,
      author       = {Huovila, Aapo and Bosch, Peter and Airaksinen, Miimu},
      title        = {Comparative Analysis of Standardized Indicators for Smart Sustainable Cities},
      journaltitle = {Cities},
      volume       = {89},
      pages        = {141--153},
      date         = {2019},
      doi          = {10.1016/j.cities.2019.01.029},
    }

    """

    /// A three-language publication citing the bibliography, in the style `csl`.
    static func files(csl: String = "chicago-fullnote-bibliography", extra: String = "") -> [String: String] {
        [
            "Content/publication.yml": """
            title: {en: Cities Report, fr: Rapport sur les villes, ru: Доклад о городах}
            source-language: en
            languages: [en, fr, ru]
            bibliography: references.bib
            csl: \(csl)
            \(extra)
            """,
            "Content/references.bib": bibliography,
            "Content/en/01-introduction.md": """
            ---
            title: Introduction
            ---
            ## Connectivity

            Internet access reached 97 per cent [@u4ssc-karmoy-2020, sec. 2]. @huovila-2019 compare seven standards.[^1]
            See `[@u4ssc-karmoy-2020]` in code and <https://example.org/@huovila-2019>, and write to info@example.org.

            [^1]: An explanatory note.
            """,
            "Content/fr/01-introduction.md": """
            ---
            title: Introduction
            ---
            ## Connectivité

            L'accès à Internet atteignait 97 % [@u4ssc-karmoy-2020, section 2]. @huovila-2019 comparent sept normes.[^1]
            Voir `[@u4ssc-karmoy-2020]` dans le code et <https://example.org/@huovila-2019>, et écrire à info@example.org.

            [^1]: Une note explicative.
            """,
            "Content/ru/01-introduction.md": """
            ---
            title: Введение
            ---
            ## Связь

            Доступ к Интернету достиг 97 процентов [@u4ssc-karmoy-2020, раздел 2]. @huovila-2019 сравнивают семь стандартов.[^1]
            См. `[@u4ssc-karmoy-2020]` в коде и <https://example.org/@huovila-2019>, и пишите на info@example.org.

            [^1]: Пояснительное примечание.
            """,
        ]
    }

    private func build(_ files: [String: String], pandoc: Pandoc?? = nil, pdf: SiteBuilder.PDFMode = .skip,
                       cache: CiteprocCache = CiteprocCache()) throws -> (FixtureProject, SiteBuilder.Result) {
        let project = try FixtureProject(files: files)
        var options = SiteBuilder.Options(project: project.root, pdf: pdf, pandoc: pandoc)
        options.citeprocCache = cache
        return (project, SiteBuilder.build(options))
    }

    private func expectError(_ result: SiteBuilder.Result, _ text: String, file: String, line: Int, column: Int,
                             sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let diagnostic = try #require(result.diagnostic(containing: text), "no diagnostic containing '\(text)' in \(result.diagnostics)",
                                      sourceLocation: sourceLocation)
        #expect(diagnostic.severity == .error, sourceLocation: sourceLocation)
        #expect(diagnostic.location == SourceLocation(file: file, line: line, column: column), sourceLocation: sourceLocation)
    }

    // MARK: - Finding citations

    @Test func pandocsSyntaxIsFoundInText() throws {
        func citations(_ text: String) -> [Citation] {
            (InlineSyntax.segments(of: text, locate: { SourceLocation(file: "x.md", line: 1, column: $0 + 1) }) ?? []).compactMap {
                if case .citation(let citation) = $0 { citation } else { nil }
            }
        }
        let one = try #require(citations("As shown [see @a-1, p. 14; -@b:c]. ").first)
        #expect(one.mode == .parenthetical)
        #expect(one.items.map(\.key) == ["a-1", "b:c"])
        #expect(one.items.map(\.prefix) == ["see", ""])
        #expect(one.items.map(\.suffix) == [", p. 14", ""])
        #expect(one.items.map(\.suppressAuthor) == [false, true])
        #expect(one.location.column == 10)
        #expect(one.items[1].location.column == 29)
        let narrative = try #require(citations("@smith04 [p. 33] says.").first)
        #expect(narrative.mode == .narrative && narrative.items.first?.suffix == "p. 33" && narrative.written == "@smith04 [p. 33]")
        #expect(citations("Key @doe99.").first?.items.first?.key == "doe99")
        #expect(citations("@{odd key}").first?.items.first?.key == "odd key")
        // Cross-references, addresses and lone at-signs are not citations.
        #expect(citations("See @fig-broadband, [@tbl-x], @Sec-intro and [see @box-a; @box-b].").isEmpty)
        #expect(citations("Write to someone@example.org or @ 5 pm.").isEmpty)
        #expect(citations("[@fig-a; @karmoy]").map(\.written) == ["@karmoy"])
    }

    /// Code spans, code blocks and link addresses keep their `@`, and an address in running text is
    /// not a citation: only text nodes outside links are looked at.
    @Test func codeAndAddressesAreNotCitations() throws {
        let (project, result) = try build(Self.files())
        defer { project.cleanUp() }
        #expect(result.errors.isEmpty, "\(result.errors)")
        let page = try project.page("en/introduction/index.html")
        #expect(try page.count("//span[@class='citation']") == 2)
        #expect(try page.value("//code") == "[@u4ssc-karmoy-2020]")
        #expect(try page.value("//a[starts-with(@href, 'https://example.org/')]") == "https://example.org/@huovila-2019")
        #expect(try page.count("//a[@href='mailto:info@example.org']") == 1)
    }

    // MARK: - Formatting

    /// One citeproc run per language: the locator's term is the language's, on the web and in print.
    @Test func locatorsAreLocalized() throws {
        let (project, result) = try build(Self.files(), pdf: .withSite)
        defer { project.cleanUp() }
        #expect(result.errors.isEmpty, "\(result.errors)")
        for (language, term) in [("en", "sec. 2"), ("fr", "sect. 2"), ("ru", "разд. 2")] {
            let notes = try project.page("\(language)/introduction/index.html").values("//section[@id='footnotes']//li").joined(separator: "\n")
            #expect(notes.contains("Verification Report: Karmøy, Norway"), "\(language): \(notes)")
            #expect(notes.contains(term + "."), "\(language): \(notes)")
            let pdf = PDFInspection(url: project.output.appendingPathComponent(SitePaths.pdfFile(slug: "cities-report", language: language)))
            #expect(PDFInspection.collapsed(try pdf.pages().joined(separator: "\n")).contains(term), "\(language) PDF")
        }
    }

    /// In a note style citations are footnotes numbered with the chapter's own, in reading order; the
    /// reference list links each entry to its DOI and back to each citation.
    @Test func noteCitationsMergeWithFootnotesAndTheListLinksBothWays() throws {
        let (project, result) = try build(Self.files())
        defer { project.cleanUp() }
        #expect(result.errors.isEmpty, "\(result.errors)")
        let page = try project.page("en/introduction/index.html")
        // The citation's note is 1, the narrative citation's 2, the author's own footnote 3.
        #expect(try page.values("//section[@id='footnotes']//li/@id") == ["fn:1", "fn:2", "fn:3"])
        #expect(try page.value("//section[@id='footnotes']//li[@id='fn:3']/p")?.hasPrefix("An explanatory note.") == true)
        #expect(try page.value("//span[@id='cite-1']//sup/a/@href") == "#fn:1")
        #expect(try page.value("//li[@id='fn:1']//a[@role='doc-biblioref']/@href") == "../../en/references/index.html#ref-u4ssc-karmoy-2020")
        // "…per cent.¹": the call follows the full stop, without the space before the citation.
        #expect(try page.value("//p[span[@id='cite-1']]")?.contains("97 per cent.1") == true)
        let references = try project.page("en/references/index.html")
        #expect(try references.values("//div[@class='csl-entry']/@id") == ["ref-huovila-2019", "ref-u4ssc-karmoy-2020"])
        #expect(try references.value("//div[@id='ref-huovila-2019']//a[@class='external']/@href") == "https://doi.org/10.1016/j.cities.2019.01.029")
        #expect(try references.value("//div[div[@id='ref-u4ssc-karmoy-2020']]//a[@role='doc-backlink']/@href") == "../../en/introduction/index.html#cite-1")
        #expect(try project.page("en/index.html").value("//a[@href='../en/references/index.html']") == "References")
        // French puts the call before the full stop.
        #expect(try project.page("fr/introduction/index.html").value("//p[span[@id='cite-1']]")?.contains("97 %1.") == true)
    }

    @Test func authorDateCitationsStayInTheTextAndAChapterMayListItsOwn() throws {
        let (project, result) = try build(Self.files(csl: "chicago-author-date", extra: "reference-list: chapter"))
        defer { project.cleanUp() }
        #expect(result.errors.isEmpty, "\(result.errors)")
        let page = try project.page("en/introduction/index.html")
        #expect(try page.value("//span[@id='cite-1']") == "(United for Smart Sustainable Cities 2020, sec. 2)")
        #expect(try page.value("//span[@id='cite-2']") == "Huovila, Bosch, and Airaksinen (2019)")
        #expect(try page.values("//section[@id='footnotes']//li/@id") == ["fn:1"])
        #expect(try page.value("//span[@id='cite-1']/a/@href") == "#ref-u4ssc-karmoy-2020")
        #expect(try page.count("//section[@id='references']//div[@class='csl-entry']") == 2)
        #expect(!project.exists("en/references/index.html"))
    }

    /// The web's reference list and the PDF's are the same text, entry by entry, in every language
    /// of the bundled publication (whitespace aside: lines break differently on paper).
    @Test(arguments: ["en", "fr", "ru"])
    func webAndPrintReferenceListsAreTheSame(_ language: String) throws {
        let edition = try BuiltEdition.bundled.get()
        #expect(edition.result.errors.isEmpty, "\(edition.result.errors)")
        let page = try Page(text: String(contentsOf: edition.output.appendingPathComponent(SitePaths.referencesFile(language: language)),
                                         encoding: .utf8))
        let entries = try page.values("//div[@class='csl-entry']")
        #expect(entries.count >= 20, "\(language): \(entries.count) entries")
        let title = try #require(try edition.strings(language)["references_title"])
        // Laid out as set: plain pdftotext joins a word that a line break split after a hyphen, which
        // would take the hyphen out of an address.
        // A draft numbers its lines in the margin for reviewers ("12   ———. …"): the number is not the entry's.
        let marginNumber = /^[0-9]{1,4} {2,}/
        let pages = try edition.pdf(language).pages(layout: true).map { page in
            page.split(separator: "\n").map { line in
                line.trimmingCharacters(in: .whitespaces).replacing(marginNumber, with: "", maxReplacements: 1)
            }.filter { !$0.isEmpty }
        }
        // The references section: from the page its heading opens to the page before the next part (an annex).
        let titles = try edition.sectionTitles(language)
        let following = Set(titles.drop { $0 != title }.dropFirst())
        let first = try #require(pages.firstIndex { $0.prefix(3).contains(title) && $0.contains { $0.hasPrefix("———") } })
        let end = pages[first...].firstIndex { !following.isDisjoint(with: $0.prefix(3)) } ?? pages.count
        #expect(end < pages.count, "\(language): no part follows the references")
        // Without the page furniture: the draft mark, the running head, the page number.
        let text = pages[first..<end].map { lines in
            lines.filter { $0 != title && !$0.contains("·") && Int($0) == nil }.joined(separator: "\n")
        }.joined(separator: "\n")
        func normalized(_ text: String) -> String { String(text.unicodeScalars.filter { !$0.properties.isWhitespace }) }
        let printed = normalized(text)
        var cursor = printed.startIndex
        for entry in entries {
            let wanted = normalized(entry)
            let found = printed.range(of: wanted, range: cursor..<printed.endIndex)
            #expect(found != nil, "\(language): not in the PDF's references, in order: \(entry)")
            if let found { cursor = found.upperBound }
        }
    }

    // MARK: - Errors and warnings

    @Test func anUnknownKeyIsAnErrorAtTheCitationWithASuggestion() throws {
        var files = Self.files()
        files["Content/en/01-introduction.md"] = "---\ntitle: Introduction\n---\nText [@u4ssc-karmoy-2021, p. 3] and [@a; @huovila-2019].\n"
        let (project, result) = try build(files)
        defer { project.cleanUp() }
        #expect(!result.succeeded)
        try expectError(result, "unknown citation key '@u4ssc-karmoy-2021'", file: "Content/en/01-introduction.md", line: 4, column: 7)
        #expect(result.diagnostic(containing: "'@u4ssc-karmoy-2021'")?.message.contains("did you mean 'u4ssc-karmoy-2020'") == true)
        try expectError(result, "unknown citation key '@a'", file: "Content/en/01-introduction.md", line: 4, column: 38)
        #expect(!project.exists("index.html"))
    }

    @Test func aDuplicateKeyIsAnErrorAtTheSecondEntry() throws {
        var files = Self.files()
        files["Content/references.bib"] = Self.bibliography + "@book{huovila-2019,\n  title = {Again},\n}\n"
        let (project, result) = try build(files)
        defer { project.cleanUp() }
        try expectError(result, "the key 'huovila-2019' is used twice: here and at line 10", file: "Content/references.bib", line: 19, column: 7)
        #expect(result.diagnostic(containing: "used twice")?.related == [SourceLocation(file: "Content/references.bib", line: 10, column: 10)])
    }

    /// CSL-JSON and CSL-YAML bibliographies report a repeated `id` at its second place too.
    @Test(arguments: [
        ("references.json", "[\n  {\"id\": \"huovila-2019\", \"type\": \"book\", \"title\": \"One\"},\n  {\"id\": \"huovila-2019\", \"type\": \"book\", \"title\": \"Again\"}\n]\n",
         3, 10, 2, 10),
        ("references.yaml", "references:\n- id: huovila-2019\n  type: book\n  title: One\n- id: huovila-2019\n  type: book\n  title: Again\n",
         5, 7, 2, 7),
    ])
    func aDuplicateKeyInCSLIsAnErrorAtTheSecondEntry(_ file: String, _ text: String, line: Int, column: Int,
                                                      firstLine: Int, firstColumn: Int) throws {
        var files = Self.files().filter { $0.key != "Content/references.bib" }
        files["Content/publication.yml"] = files["Content/publication.yml"]?.replacingOccurrences(of: "references.bib", with: file)
        files["Content/\(file)"] = text
        let (project, result) = try build(files)
        defer { project.cleanUp() }
        try expectError(result, "the key 'huovila-2019' is used twice: here and at line \(firstLine)", file: "Content/\(file)",
                        line: line, column: column)
        #expect(result.diagnostic(containing: "used twice")?.related
                == [SourceLocation(file: "Content/\(file)", line: firstLine, column: firstColumn)])
    }

    @Test func malformedEntriesAreErrorsAtTheirPlaces() throws {
        var files = Self.files()
        files["Content/references.bib"] = Self.bibliography + """
        @book{unclosed-title,
          title = {Never closed,
          date = {2020},

        @report{missing-equals,
          title {Report},
        }

        @misc no-brace,
        """
        let (project, result) = try build(files)
        defer { project.cleanUp() }
        #expect(!result.succeeded)
        try expectError(result, "the value of 'title' is not closed", file: "Content/references.bib", line: 20, column: 11)
        try expectError(result, "the field 'title' needs '='", file: "Content/references.bib", line: 24, column: 9)
        try expectError(result, "the entry @misc needs a '{'", file: "Content/references.bib", line: 27, column: 7)
    }

    @Test func uncitedEntriesAndTranslationsCitingOtherWorksAreWarnings() throws {
        var files = Self.files()
        files["Content/references.bib"] = Self.bibliography + "@book{never-cited,\n  title = {Unused},\n  date = {2001},\n}\n"
        files["Content/fr/01-introduction.md"] = "---\ntitle: Introduction\n---\nTexte [@huovila-2019].\n"
        let (project, result) = try build(files)
        defer { project.cleanUp() }
        #expect(result.succeeded, "\(result.errors)")
        let uncited = try #require(result.diagnostic(containing: "the entry 'never-cited' is never cited"))
        #expect(uncited.severity == .warning && uncited.location == SourceLocation(file: "Content/references.bib", line: 19, column: 7))
        let parity = try #require(result.diagnostic(containing: "the translation cites other works"))
        #expect(parity.severity == .warning && parity.location?.file == "Content/fr/01-introduction.md")
        #expect(parity.message.contains("not cited here: 'u4ssc-karmoy-2020'"))
    }

    /// Without pandoc: one warning that says how to install it, citations shown as written (their
    /// keys), every page and PDF still built.
    @Test func withoutPandocTheBuildWarnsOnceAndSucceeds() throws {
        let (project, result) = try build(Self.files(), pandoc: .some(nil), pdf: .withSite)
        defer { project.cleanUp() }
        #expect(result.succeeded, "\(result.errors)")
        let warnings = result.warnings.filter { $0.message.contains("pandoc") }
        #expect(warnings.count == 1)
        #expect(warnings.first?.message.contains(Pandoc.testedPackage) == true)
        let page = try project.page("en/introduction/index.html")
        #expect(try page.value("//span[@id='cite-1']") == "[@u4ssc-karmoy-2020, sec. 2]")
        #expect(try project.page("en/references/index.html").values("//div[@class='csl-entry']") == ["huovila-2019", "u4ssc-karmoy-2020"])
        #expect(project.exists(SitePaths.pdfFile(slug: "cities-report", language: "ru")))
    }

    /// The preview server's rebuilds run citeproc again only when the citations, the bibliography or
    /// the style changed: the runs are kept by the hash of what they were made from.
    @Test func citeprocRunsAgainOnlyWhenItsInputChanged() throws {
        let cache = CiteprocCache()
        let (project, first) = try build(Self.files(), cache: cache)
        defer { project.cleanUp() }
        #expect(first.succeeded && cache.hitCount == 0)
        var options = SiteBuilder.Options(project: project.root, pdf: .skip)
        options.citeprocCache = cache
        #expect(SiteBuilder.build(options).succeeded)
        #expect(cache.hitCount == 3)
        try project.write("Content/fr/01-introduction.md", Self.files()["Content/fr/01-introduction.md", default: ""]
            .replacingOccurrences(of: "section 2", with: "section 3"))
        #expect(SiteBuilder.build(options).succeeded)
        #expect(cache.hitCount == 5, "only French ran again")
        #expect(try project.page("fr/introduction/index.html").values("//section[@id='footnotes']//li").joined().contains("sect. 3"))
    }

    /// A build answered from the disk cache (a new process: nothing in memory) renders exactly what the
    /// build that ran citeproc rendered.
    @Test func theDiskCacheGivesTheSamePagesAsCiteproc() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("folio-citeproc-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (project, first) = try build(Self.files(), cache: CiteprocCache(folder: folder))
        defer { project.cleanUp() }
        #expect(first.succeeded)
        let pages = ["en/introduction/index.html", "fr/introduction/index.html", "en/references/index.html"]
        let ran = try pages.map { try String(contentsOf: project.output.appendingPathComponent($0), encoding: .utf8) }
        let fresh = CiteprocCache(folder: folder)
        var options = SiteBuilder.Options(project: project.root, pdf: .skip)
        options.citeprocCache = fresh
        #expect(SiteBuilder.build(options).succeeded)
        #expect(fresh.hitCount == 3, "every language read from disk")
        let kept = try pages.map { try String(contentsOf: project.output.appendingPathComponent($0), encoding: .utf8) }
        #expect(kept == ran)
    }

    /// The cache file keeps every kind of formatted inline, notes and their absence; a file of another
    /// format or a damaged one is not read (citeproc runs again).
    @Test func theCacheFileKeepsEveryInlineKind() throws {
        let inner: [FormattedInline] = [.text("Karmøy, "), .emphasis([.text("Verification")]), .text(" “report”")]
        let all: [FormattedInline] = [.text("a"), .emphasis(inner), .strong(inner), .smallCaps(inner), .superscript([.text("2")]),
                                      .subscript([.text("x")]), .link(url: "https://doi.org/10.1/x", inner),
                                      .entry(key: "u4ssc-karmoy-2020", [.strong([.link(url: "https://e.org", [.text("deep")])])])]
        let reader = CiteprocReader(citations: ["c-0-1": FormattedCitation(inline: all, note: nil),
                                                "c-3-12": FormattedCitation(inline: [], note: all)],
                                    entries: [FormattedEntry(key: "k", content: all), FormattedEntry(key: "empty", content: [])])
        let data = CiteprocCacheFile.data(reader)
        #expect(CiteprocCacheFile.reader(data) == reader)
        #expect(CiteprocCacheFile.data(reader) == data, "the same result gives the same bytes")
        // Cut anywhere, the file reads as nothing; so does one with a byte more.
        for length in 0..<data.count { #expect(CiteprocCacheFile.reader(data.prefix(length)) == nil) }
        #expect(CiteprocCacheFile.reader(data + [0]) == nil)
        var otherVersion = data
        otherVersion[CiteprocCacheFile.magic.count] = CiteprocCacheFile.version + 1
        #expect(CiteprocCacheFile.reader(otherVersion) == nil)
        // An earlier version's JSON is not read.
        #expect(CiteprocCacheFile.reader(Data(#"{"format":1,"citations":{},"entries":[]}"#.utf8)) == nil)
        // Any byte changed: a result or nothing, never a crash (a text byte changed is still a text).
        for offset in data.indices {
            var damaged = data
            damaged[offset] ^= 0xA5
            _ = CiteprocCacheFile.reader(damaged)
        }
        // A string that is not UTF-8 makes the file unreadable.
        var invalid = data
        let text = try #require(data.firstRange(of: Data("Karmøy".utf8)))
        invalid[text.lowerBound] = 0xFF
        #expect(CiteprocCacheFile.reader(invalid) == nil)
        // Nesting deeper than citeproc ever gives is refused before it can exhaust the stack.
        var deep: [FormattedInline] = [.text("x")]
        for _ in 1..<CiteprocCacheFile.maximumDepth { deep = [.emphasis(deep)] }
        let deepEnough = CiteprocReader(citations: [:], entries: [FormattedEntry(key: "k", content: deep)])
        #expect(CiteprocCacheFile.reader(CiteprocCacheFile.data(deepEnough)) == deepEnough)
        let tooDeep = CiteprocReader(citations: [:], entries: [FormattedEntry(key: "k", content: [.emphasis(deep)])])
        #expect(CiteprocCacheFile.reader(CiteprocCacheFile.data(tooDeep)) == nil)
    }
}

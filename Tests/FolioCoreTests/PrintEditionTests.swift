import Foundation
import Testing
@testable import FolioCore

/// The print edition as a printer and a reader get it: the PDFs of the six-language fixture and of the
/// bundled publication, looked at with poppler's tools.
@Suite struct PrintEditionTests {
    static let sixLanguages = ["en", "fr", "es", "ru", "ar", "zh"]
    static let bundledLanguages = ["en", "fr", "ru"]

    func six() throws -> BuiltEdition { try BuiltEdition.sixLanguages.get() }
    func bundled() throws -> BuiltEdition { try BuiltEdition.bundled.get() }

    // MARK: - Files, fonts, boxes, standards

    @Test func buildWritesOnePDFPerLanguageNamedBySlug() throws {
        let edition = try six()
        #expect(edition.result.errors.isEmpty, "\(edition.result.errors)")
        #expect(edition.result.printTimings.map(\.language).sorted() == Self.sixLanguages.sorted())
        for language in Self.sixLanguages {
            let path = "\(language)/ssc-policies-and-progress-\(language).pdf"
            #expect(FileManager.default.fileExists(atPath: edition.output.appendingPathComponent(path).path), "\(path)")
        }
    }

    @Test(arguments: sixLanguages)
    func everyFontIsEmbeddedAndTheScriptHasItsFont(language: String) throws {
        let fonts = try six().pdf(language).fonts()
        #expect(!fonts.isEmpty)
        for font in fonts {
            #expect(font.embedded, "\(font.name) is not embedded in the \(language) edition")
            #expect(!font.type.contains("Type 3"), "\(font.name) is a Type 3 font")
        }
        let expected = ["ar": "NotoNaskhArabic", "zh": "NotoSerifCJKsc", "ru": "NotoSerif"][language] ?? "NotoSerif"
        #expect(fonts.contains { $0.name.contains(expected) }, "\(fonts.map(\.name))")
    }

    @Test(arguments: sixLanguages)
    func pageCountTitleAndBoxesAreThoseOfAnA4BookWithBleed(language: String) throws {
        let edition = try six()
        let pdf = edition.pdf(language)
        let info = try pdf.info(boxes: true)
        let pages = try pdf.pageCount
        // Cover, imprint, contents (and its verso), two chapters of two or three pages, the annex.
        #expect((9...16).contains(pages), "\(pages) pages")
        #expect(info["Title"] == edition.publication.config.title(in: language))
        // A4 trimmed (595.28 × 841.89 pt) with 3 mm (8.5 pt) bleed on every side.
        #expect(info["MediaBox"]?.split(separator: " ").compactMap { Double($0) }.map { ($0 * 10).rounded() / 10 } == [0, 0, 612.3, 858.9])
        #expect(info["TrimBox"]?.split(separator: " ").compactMap { Double($0) }.map { ($0 * 10).rounded() / 10 } == [8.5, 8.5, 603.8, 850.4])
        // The timestamp comes from the content (status-date 2020-05-10), never from the clock.
        #expect(info["CreationDate"]?.contains("2020") == true, "\(info["CreationDate"] ?? "")")
    }

    @Test(arguments: sixLanguages)
    func claimsPDFA2aAndPDFUA1WithTheDocumentLanguage(language: String) throws {
        let data = try Data(contentsOf: try six().pdf(language).url)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("<pdfaid:part>2</pdfaid:part>"))
        #expect(text.contains("<pdfaid:conformance>A</pdfaid:conformance>"))
        #expect(text.contains("<pdfuaid:part>1</pdfuaid:part>"))
        #expect(text.contains("/Lang(\(language)"))
        #expect(text.contains("/StructTreeRoot"))
    }

    // MARK: - Footnotes

    /// Every note of the fixture carries `[N_<lang>_<chapter>.<nn>]` and its call `[C_…]` beside it
    /// (underscores, where a line cannot break: a tag cut in two would be found on neither line).
    @Test(arguments: sixLanguages)
    func everyFootnoteIsPresentOnceOnThePageOfItsCall(language: String) throws {
        let edition = try six()
        let tags = try footnoteTags(in: edition, language: language)
        #expect(tags.count == 9, "\(tags)")
        // Lines as set, as poppler reads them.
        let pages = try edition.pdf(language).pages(layout: true).map(PDFInspection.collapsed)
        for tag in tags {
            let notes = pages.enumerated().flatMap { index, page in
                Array(repeating: index, count: page.components(separatedBy: "N_\(tag)").count - 1)
            }
            let calls = pages.indices.filter { pages[$0].contains("C_\(tag)") }
            #expect(notes.count == 1, "note N_\(tag) is printed \(notes.count) times")
            #expect(calls.count == 1, "call C_\(tag) is printed \(calls.count) times")
            #expect(notes == calls, "note N_\(tag) is on page \(notes.map { $0 + 1 }), its call on \(calls.map { $0 + 1 })")
        }
    }

    func footnoteTags(in edition: BuiltEdition, language: String) throws -> [String] {
        var tags: [String] = []
        for chapter in edition.publication.chapters[language] ?? [] {
            let text = try String(contentsOf: edition.project.appendingPathComponent(chapter.path), encoding: .utf8)
            for line in text.split(separator: "\n") where line.hasPrefix("[^") {
                if let open = line.range(of: "[N_"), let close = line.range(of: "]", range: open.upperBound..<line.endIndex) {
                    tags.append(String(line[open.upperBound..<close.lowerBound]))
                }
            }
        }
        return tags
    }

    // MARK: - Contents and running heads

    @Test(arguments: sixLanguages)
    func contentsPageNumbersAreThePagesOfTheHeadings(language: String) throws {
        try checkContents(of: try six(), language: language, expectedEntries: 10)
    }

    @Test(arguments: bundledLanguages)
    func bundledContentsPageNumbersAreThePagesOfTheHeadings(language: String) throws {
        try checkContents(of: try bundled(), language: language, expectedEntries: 40)
    }

    func checkContents(of edition: BuiltEdition, language: String, expectedEntries: Int) throws {
        let pdf = edition.pdf(language)
        let layout = try pdf.pages(layout: true)
        let text = try pdf.pages()
        let folios = layout.map(PDFInspection.folio(of:))
        let entries = PDFInspection.contents(layout)
        #expect(entries.count >= expectedEntries, "\(entries.map(\.title))")
        for entry in entries {
            guard let page = folios.firstIndex(of: entry.page) else {
                Issue.record("no page is numbered \(entry.page) (entry '\(entry.title)')")
                continue
            }
            // The heading is on that page (outside the running head), in either of poppler's readings.
            let readings = [text[page], layout[page]].map { PDFInspection.key(withoutPageFurniture($0)) }
            #expect(readings.contains { $0.contains(PDFInspection.key(entry.title)) },
                    "'\(entry.title)' is listed on page \(entry.page) but is not set there")
        }
        // Every chapter is listed.
        for title in try edition.sectionTitles(language) {
            #expect(entries.contains { lists($0, title) }, "'\(title)' is not in the contents: \(entries.map(\.title))")
        }
    }

    /// Whether a contents entry is `title` (a wrapped title's entry line holds its end).
    func lists(_ entry: PDFInspection.ContentsEntry, _ title: String) -> Bool {
        !PDFInspection.key(entry.title).isEmpty && PDFInspection.key(title).hasSuffix(PDFInspection.key(entry.title))
    }

    /// The lines of a page without its draft mark and running head (both have a middle dot).
    func withoutPageFurniture(_ page: String) -> String {
        page.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains(" · ") }.joined(separator: "\n")
    }

    @Test(arguments: sixLanguages)
    func runningHeadOfEveryPageIsItsChapter(language: String) throws {
        try checkRunningHeads(of: try six(), language: language)
    }

    @Test(arguments: bundledLanguages)
    func bundledRunningHeadOfEveryPageIsItsChapter(language: String) throws {
        try checkRunningHeads(of: try bundled(), language: language)
    }

    func checkRunningHeads(of edition: BuiltEdition, language: String) throws {
        let pdf = edition.pdf(language)
        let layout = try pdf.pages(layout: true)
        let text = try pdf.pages()
        let folios = layout.map(PDFInspection.folio(of:))
        let entries = PDFInspection.contents(layout)
        let titles = try edition.sectionTitles(language)
        let draftMark = try edition.strings(language)["draft_mark"] ?? "draft_mark"
        // Each chapter's (and the annex's) first page, from the contents.
        var starts: [Int] = []
        var remaining = entries[...]
        for title in titles {
            guard let index = remaining.firstIndex(where: { lists($0, title) }),
                  let page = folios.firstIndex(of: remaining[index].page) else {
                Issue.record("'\(title)' is not in the contents")
                return
            }
            starts.append(page)
            remaining = remaining[(index + 1)...]
        }
        #expect(starts == starts.sorted())
        var checked = 0
        for (index, title) in titles.enumerated() {
            let end = index + 1 < starts.count ? starts[index + 1] : text.count
            // The opening page has no running head, and opens on a right-hand (odd) page.
            #expect(starts[index] % 2 == 0, "'\(title)' opens on page \(starts[index] + 1), a left-hand page")
            #expect(head(of: text[starts[index]], draftMark: draftMark).isEmpty, "'\(title)' has a running head on its opening page")
            for page in (starts[index] + 1)..<end {
                let body = withoutPageFurniture(text[page]).trimmingCharacters(in: .whitespacesAndNewlines)
                if body.isEmpty {
                    // A blank left-hand page before the next chapter: no head, no number.
                    #expect(folios[page] == nil, "blank page \(page + 1) is numbered")
                    continue
                }
                // A chapter's head is "Chapter 2 · Title"; a section without a label (the references, the
                // annex) has its title alone.
                let running = head(of: text[page], draftMark: draftMark)
                let shown = running.isEmpty ? topLine(of: text[page], draftMark: draftMark) : running
                #expect(PDFInspection.key(shown).contains(PDFInspection.key(title)),
                        "page \(page + 1)'s running head is '\(shown)', not '\(title)'")
                checked += 1
            }
        }
        #expect(checked >= titles.count - 1, "only \(checked) pages with a running head")
    }

    /// The running head: among a page's first lines, the furniture line that is not the draft mark.
    /// The first line of a page under the draft mark: the running head of a section without a label.
    func topLine(of page: String, draftMark: String) -> String {
        let lines = page.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return lines.first { !PDFInspection.key($0).contains(PDFInspection.key(draftMark)) } ?? ""
    }

    func head(of page: String, draftMark: String) -> String {
        let top = page.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.prefix(3)
        let head = top.first { $0.contains(" · ") && !PDFInspection.key(String($0)).contains(PDFInspection.key(draftMark)) }
        return PDFInspection.collapsed(head.map(String.init) ?? "")
    }

    /// The KPI annex folio adds is numbered after the content's own annexes, as United Nations
    /// publications number them: "Annex II" after the bundled methodology annex, "Annex I" in the
    /// fixture that has none. The references close the main text, before the annexes.
    @Test func kpiAnnexIsNumberedAfterTheContentsAnnexes() throws {
        for (edition, language, number) in [(try bundled(), "en", "II"), (try bundled(), "ru", "II"),
                                             (try six(), "en", "I"), (try six(), "zh", "I"), (try six(), "ar", "I")] {
            let strings = try edition.strings(language)
            let annex = try #require(strings["annex_number"]).replacingOccurrences(of: "{n}", with: number)
            let title = try #require(strings["print_kpi_annex"])
            let pages = try edition.pdf(language).pages()
            let contentsTitle = try #require(strings["contents"])
            let contents = PDFInspection.collapsed(pages.filter { $0.contains(contentsTitle) }.joined(separator: "\n"))
            // Whitespace aside: Typst spaces "附件I" as "附件 I".
            #expect(PDFInspection.key(contents).contains(PDFInspection.key(annex + title)),
                    "\(language): '\(annex) \(title)' not in the contents: \(contents)")
            guard number == "II", let references = strings["references_title"], let firstAnnex = strings["annex_number"]?
                .replacingOccurrences(of: "{n}", with: "I") else { continue }
            let positions = [references, firstAnnex + " ", annex + " "].compactMap { contents.range(of: $0)?.lowerBound }
            #expect(positions.count == 3 && positions == positions.sorted(),
                    "\(language): references, Annex I, Annex II out of order: \(contents)")
        }
    }

    // MARK: - Scripts

    @Test func arabicTextIsExtractedInLogicalOrder() throws {
        let text = PDFInspection.collapsed(try six().pdf("ar").pages().joined(separator: "\n"))
        for phrase in ["أهداف التنمية المستدامة", "يعيش أكثر من نصف سكان العالم في المدن", "المدن الذكية المستدامة"] {
            #expect(text.contains(phrase), "'\(phrase)' is not in the Arabic text in reading order")
            #expect(!text.contains(String(phrase.reversed())))
        }
    }

    @Test func chineseTextIsExtracted() throws {
        let text = PDFInspection.collapsed(try six().pdf("zh").pages().joined(separator: "\n"))
        #expect(text.contains("世界一半以上的人口居住在城市"))
        // Typst spaces Latin digits from Chinese characters, which poppler reads as a space.
        let unspaced = text.replacingOccurrences(of: " ", with: "")
        #expect(unspaced.contains("图2.1家庭互联网接入"))
        #expect(unspaced.contains("表1.1U4SSC关键绩效指标的三个维度"))
    }

    // MARK: - Numbering, captions, annex, marks

    @Test func figuresAndTablesAreNumberedPerChapterAsOnTheWeb() throws {
        let edition = try six()
        let text = PDFInspection.collapsed(try edition.pdf("en").pages().joined(separator: "\n"))
        // The author's "Table 1." is replaced by folio's number.
        #expect(text.contains("Table 1.1 The three dimensions of the U4SSC key performance indicators"))
        #expect(!text.contains("Table 1. The three"))
        #expect(text.contains("Figure 2.1 Household Internet Access (%)"))
        let web = try Page(text: String(contentsOf: edition.output.appendingPathComponent("en/measuring-progress/index.html"), encoding: .utf8))
        #expect(try web.value("//figure[@class='kpi-figure']//span[@class='figure-label']") == "Figure 2.1")
        let french = PDFInspection.collapsed(try edition.pdf("fr").pages().joined(separator: "\n"))
        #expect(french.contains("Tableau 1.1 Les trois dimensions"))
        #expect(french.contains("Figure 2.1 Accès des ménages à Internet (%)"))
    }

    /// Boxes and cross-references in all six languages: Arabic joins the numbers with a hyphen ("1-1")
    /// and sets the box right to left, on the web and in print; every language links the same anchors.
    @Test func boxesAndCrossReferencesFollowEachLanguagesConventions() throws {
        let edition = try six()
        let expected: [String: (box: String, table: String)] = [
            "en": ("Box 1.1", "Table 1.1"), "fr": ("Encadré\u{00A0}1.1", "tableau\u{00A0}1.1"), "es": ("Recuadro 1.1", "cuadro 1.1"),
            "ru": ("Вставка 1.1", "таблица 1.1"), "ar": ("الإطار 1-1", "الجدول 1-1"), "zh": ("专栏1.1", "表1.1"),
        ]
        for (language, labels) in expected {
            let page = try Page(text: String(contentsOf: edition.output.appendingPathComponent("\(language)/cities-and-the-2030-agenda/index.html"),
                                             encoding: .utf8))
            #expect(try page.value("//section[@id='box-verification']//span[@class='box-label']") == labels.box, "\(language)")
            #expect(try page.values("//a[@class='xref'][@href='#tbl-dimensions']").contains(labels.table), "\(language)")
            #expect(try page.count("//a[@class='xref'][@href='../../\(language)/measuring-progress/index.html#fig-households']") == 1, "\(language)")
            let direction = try page.value("//div[contains(@class,'chapter-body')]/@dir")
            #expect(direction == (language == "ar" ? "rtl" : "ltr"), "\(language)")
            // The print edition says the same.
            let text = PDFInspection.key(try edition.pdf(language).pages().joined(separator: "\n"))
            #expect(text.contains(PDFInspection.key(labels.box)), "\(language)")
        }
        let arabic = try edition.pdf("ar").pages().joined(separator: "\n")
        #expect(arabic.contains("1-1"))
    }

    /// In the bundled publication, every cross-reference's number on the web is the number its target's
    /// caption has in the PDF: both come from the one chapter model.
    @Test(arguments: bundledLanguages)
    func bundledReferencesAndCaptionsAgreeBetweenWebAndPrint(language: String) throws {
        let edition = try bundled()
        let pdfText = PDFInspection.key(try edition.pdf(language).pages().joined(separator: "\n"))
        let prepared = try #require(SiteBuilder.prepare(.init(project: edition.project), diagnostics: DiagnosticCollector()))
        let publication = prepared.site.publication
        // Numbered as folio words them for this language: "2.1", and "I.1" in an annex.
        let labels = ElementLabels(strings: prepared.site.strings(language),
                                   formatter: LocaleFormatter(localeIdentifier: prepared.site.config.language(language)?.localeIdentifier ?? language))
        var checked = 0
        for entry in prepared.site.books[language] ?? [] {
            let html = try String(contentsOf: edition.output.appendingPathComponent("\(language)/\(entry.slug)/index.html"), encoding: .utf8)
            for element in publication.models[entry.chapter.path]?.elements ?? [] {
                let caption = labels.caption(element)
                #expect(html.contains(">\(caption)</span>"), "web: \(caption) in \(entry.slug)")
                #expect(pdfText.contains(PDFInspection.key(caption)), "print: \(caption)")
                checked += 1
            }
        }
        #expect(checked >= 10)
    }

    @Test func kpiAnnexListsEachIndicatorWithCodeNameUnitAndPage() throws {
        let edition = try six()
        let pages = try edition.pdf("en").pages(layout: true)
        guard let annex = pages.lastIndex(where: { $0.contains("the indicators shown in the figures of this publication") }) else {
            Issue.record("no annex")
            return
        }
        let text = PDFInspection.collapsed(pages[annex])
        #expect(text.contains("EC: ICT: ICT: 1C"))
        #expect(text.contains("Household Internet Access"))
        #expect(text.contains("%"))
        // Where it is shown: the figure and the page it is on.
        let figurePage = try #require(pages.firstIndex { $0.contains("Figure 2.1") && !$0.contains("Annex") })
        let folio = try #require(PDFInspection.folio(of: pages[figurePage]))
        #expect(text.contains("Figure 2.1 (p. \(folio))"), "\(text)")
    }

    @Test func draftMarkIsOnEveryPageOfADraft() throws {
        let pages = try six().pdf("ru").pages()
        for (index, page) in pages.enumerated() {
            #expect(page.contains("Проект — не для цитирования"), "page \(index + 1) has no draft mark")
        }
    }

    @Test func webPagesLinkTheirLanguagesPDF() throws {
        let edition = try six()
        let home = try Page(text: String(contentsOf: edition.output.appendingPathComponent("ar/index.html"), encoding: .utf8))
        #expect(try home.value("//a[@type='application/pdf']/@href") == "../ar/ssc-policies-and-progress-ar.pdf")
        #expect(try home.value("//a[@type='application/pdf']") == "النسخة المطبوعة (PDF)")
        let chapter = try Page(text: String(contentsOf: edition.output.appendingPathComponent("zh/measuring-progress/index.html"), encoding: .utf8))
        #expect(try chapter.value("//a[@type='application/pdf']/@href") == "../../zh/ssc-policies-and-progress-zh.pdf")
    }

    @Test func bundledEditionsAreBooksOfSanePageCounts() throws {
        let edition = try bundled()
        #expect(edition.result.errors.isEmpty, "\(edition.result.errors)")
        for language in Self.bundledLanguages {
            let pdf = edition.pdf(language)
            let pages = try pdf.pageCount
            #expect((20...60).contains(pages), "\(language): \(pages) pages")
            for font in try pdf.fonts() { #expect(font.embedded, "\(language): \(font.name)") }
            // A chapter not yet translated is printed in English, with the notice.
            if language != "en" {
                let text = PDFInspection.collapsed(try pdf.pages().joined(separator: "\n"))
                #expect(text.contains("Governance of smart sustainable cities"))
            }
        }
        let french = PDFInspection.collapsed(try edition.pdf("fr").pages().joined(separator: "\n"))
        #expect(french.contains("pas encore été traduit"))
    }
}

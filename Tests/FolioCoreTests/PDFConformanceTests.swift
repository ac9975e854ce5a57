import Foundation
import Testing
@testable import FolioCore

/// PDF/A-2a and PDF/UA-1 essentials of every PDF of the six-language fixture and of the bundled
/// publication, read with pikepdf (`Tests/PDF/pdf_conformance.py`; `make` installs pikepdf into the
/// tools venv, whose `python3` `make test` puts first on PATH): a structure tree with /MarkInfo
/// /Marked true, /Lang the edition's language, the PDF/A and PDF/UA identification in the XMP, the
/// title displayed, every font embedded, every figure with /Alt, and a /Lang on every chapter shown
/// in the source language (fallback chapters).
@Suite struct PDFConformanceTests {
    struct Report: Decodable {
        var problems: [String]
        var facts: Facts
    }

    struct Facts: Decodable {
        var fonts: Int
        var images: Int
        var figures: Int
        var chapterHeadings: Int
        var headingLanguages: [String: Int]
    }

    static let script = FixtureProject.repository.appendingPathComponent("Tests/PDF/pdf_conformance.py")
    static let python = ProcessInfo.processInfo.environment["FOLIO_PYTHON"] ?? "python3"

    /// The script's report on one PDF.
    static func run(_ arguments: [String]) throws -> Report {
        let output = try PDFInspection.run(python, [script.path] + arguments,
                                           installedBy: "does this python3 have pikepdf? `make test` installs it into .tools/venv")
        return try JSONDecoder().decode(Report.self, from: Data(output.utf8))
    }

    private func report(_ edition: BuiltEdition, _ language: String) throws -> Report {
        let publication = edition.publication
        let source = publication.config.sourceLanguage
        let fallbacks = language == source ? 0
            : publication.sourceChapters.filter { publication.chapter(slug: $0.slug, language: language) == nil }.count
        return try Self.run([edition.pdf(language).url.path, language, publication.config.title(in: language)]
                            + (fallbacks > 0 ? ["\(source)=\(fallbacks)"] : []))
    }

    private func expectConformance(_ edition: BuiltEdition, _ language: String, figures: ClosedRange<Int>,
                                   sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        #expect(edition.result.errors.isEmpty, "\(edition.result.errors)", sourceLocation: sourceLocation)
        let report = try report(edition, language)
        #expect(report.problems.isEmpty, "\(language): \(report.problems)", sourceLocation: sourceLocation)
        #expect(report.facts.fonts >= 2, sourceLocation: sourceLocation)
        #expect(figures.contains(report.facts.figures), "\(report.facts)", sourceLocation: sourceLocation)
        #expect(report.facts.chapterHeadings >= edition.publication.sourceChapters.count, sourceLocation: sourceLocation)
    }

    @Test(arguments: PrintEditionTests.sixLanguages)
    func sixLanguageEditionConforms(language: String) throws {
        try expectConformance(try BuiltEdition.sixLanguages.get(), language, figures: 0...100)
    }

    /// The bundled publication has KPI figures (charts, each a Figure with its /Alt) and, in French
    /// and Russian, chapters shown in English.
    @Test(arguments: PrintEditionTests.bundledLanguages)
    func bundledEditionConforms(language: String) throws {
        let edition = try BuiltEdition.bundled.get()
        try expectConformance(edition, language, figures: 1...100)
        if language != "en" {
            #expect(try report(edition, language).facts.headingLanguages["en", default: 0] >= 1)
        }
    }

    /// A chapter with an image: the picture is a Figure of the structure tree with the Markdown's
    /// alternative text.
    @Test func anImageIsAFigureWithItsAlternativeText() throws {
        let project = try FixtureProject()
        defer { project.cleanUp() }
        try project.write("Content/en/02-governance.md", "---\ntitle: Governance\n---\n## Who decides\n\n![Map of the UNECE region](../media/region.png)\n")
        try project.write("Content/media/region.png", PrintBuildTests.png)
        let result = project.build(pdf: .withSite)
        #expect(result.errors.isEmpty, "\(result.errors)")
        let pdf = project.output.appendingPathComponent(SitePaths.pdfFile(slug: "cities-report", language: "en"))
        let report = try Self.run([pdf.path, "en", "Cities Report"])
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.facts.images >= 1)
        #expect(report.facts.figures >= report.facts.images)
        let alternatives = try PDFInspection.run(Self.python, ["-c", """
            import pikepdf, sys
            pdf = pikepdf.open(sys.argv[1])
            stack = [pdf.Root.StructTreeRoot]
            while stack:
                e = stack.pop()
                if isinstance(e, pikepdf.Dictionary):
                    if e.get("/S") == "/Figure": print(str(e.get("/Alt", "")))
                    k = e.get("/K")
                    stack.extend(list(k) if isinstance(k, pikepdf.Array) else [k])
            """, pdf.path], installedBy: "pikepdf")
        #expect(alternatives.contains("Map of the UNECE region"), "\(alternatives)")
    }

    /// The script finds what it is meant to find: a wrong language, title or fallback count is named.
    @Test func theCheckerReportsWhatIsWrong() throws {
        let edition = try BuiltEdition.bundled.get()
        let report = try Self.run([edition.pdf("fr").url.path, "de", "Another title", "en=1"])
        #expect(report.problems.contains { $0.hasPrefix("/Lang is 'fr', not 'de'") })
        #expect(report.problems.contains { $0.hasPrefix("the title is") })
        #expect(report.problems.contains { $0.hasPrefix("1 chapters are shown in 'en'") })
    }
}

import Foundation
@testable import FolioCore

/// A publication built once, print edition included, and shared by every test that looks at its
/// PDFs: the six-language fixture (`Tests/Fixtures/six-languages`) and the bundled publication.
struct BuiltEdition: Sendable {
    let project: URL
    let output: URL
    let result: SiteBuilder.Result
    let publication: Publication

    static let sixLanguages = Result { try BuiltEdition(fixture: "six-languages") }
    static let bundled = Result { try BuiltEdition(bundledInto: "bundled") }

    /// A fixed temporary folder of this checkout (replaced on every run, so runs leave nothing behind):
    /// named after the checkout too, as the test runs of other worktrees on the machine share /tmp and
    /// would otherwise replace it in the middle of a build.
    static func scratch(_ name: String) -> URL {
        var checkout = FNV1a()
        checkout.add(FixtureProject.repository.path.utf8)
        return FileManager.default.temporaryDirectory.appendingPathComponent("folio-print-tests-\(name)-\(checkout.hex.prefix(8))")
    }

    /// Builds a fixture publication (with the repository's templates) in a fixed temporary folder.
    init(fixture name: String) throws {
        let root = Self.scratch(name)
        try? FileManager.default.removeItem(at: root)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: FixtureProject.repository.appendingPathComponent("Tests/Fixtures/\(name)/Content"),
                                         to: root.appendingPathComponent("Content"))
        try self.init(project: root, output: root.appendingPathComponent("Public"))
    }

    /// Builds the repository's own publication into a temporary folder (the repository is not touched).
    init(bundledInto name: String) throws {
        let output = Self.scratch(name)
        try? FileManager.default.removeItem(at: output)
        try self.init(project: FixtureProject.repository, output: output)
    }

    private init(project: URL, output: URL) throws {
        self.project = project
        self.output = output
        result = SiteBuilder.build(SiteBuilder.Options(project: project, output: output, pdf: .withSite))
        let diagnostics = DiagnosticCollector()
        guard let publication = ContentLoader.load(project: project, diagnostics: diagnostics) else {
            throw PDFInspection.ToolError(description: "the publication in \(project.path) does not load: \(diagnostics.diagnostics)")
        }
        self.publication = publication
    }

    var slug: String { publication.config.publicationSlug }

    func pdf(_ language: String) -> PDFInspection {
        PDFInspection(url: output.appendingPathComponent(SitePaths.pdfFile(slug: slug, language: language)))
    }

    func strings(_ language: String) throws -> [String: String] {
        let diagnostics = DiagnosticCollector()
        let all = UIStrings.load(templates: project.appendingPathComponent("Templates"), languages: [language],
                                 source: publication.config.sourceLanguage, diagnostics: diagnostics)
        return all[language]?.values ?? [:]
    }

    /// The titles of a language's book in order: its parts (translated, or the source text), with the
    /// acronyms after the front matter and the references before the first annex, then the KPI annex.
    func sectionTitles(_ language: String) throws -> [String] {
        let chapters = publication.sourceChapters.map { publication.chapter(slug: $0.slug, language: language) ?? $0 }
        var titles = chapters.map(\.title)
        if publication.config.bibliography != nil {
            let firstAnnex = chapters.firstIndex { $0.part == .annex } ?? chapters.count
            titles.insert(try strings(language)["references_title"] ?? "references_title", at: firstAnnex)
        }
        // The list of acronyms closes the front matter, when the language has one.
        if FileManager.default.fileExists(atPath: project.appendingPathComponent("Content/\(language)/acronyms.yml").path) {
            let end = chapters.firstIndex { $0.part != .front } ?? chapters.count
            titles.insert(try strings(language)["acronyms_title"] ?? "acronyms_title", at: end)
        }
        return titles + [try strings(language)["print_kpi_annex"] ?? "print_kpi_annex"]
    }
}

import Foundation
import Testing
@testable import FolioCore

/// A small publication written into a temporary folder from one dictionary of files, on folio's built-in
/// templates and catalogue (the Hugo integration-test idea).
struct FixtureProject {
    let root: URL

    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A two-language publication (English source, French translation of chapter 1) to start from.
    static let basicFiles: [String: String] = [
        "Content/publication.yml": """
        title: {en: Cities Report, fr: Rapport sur les villes}
        source-language: en
        languages: [en, fr]
        """,
        "Content/en/_index.md": "---\ntitle: Welcome\n---\nThe *landing* text.\n",
        "Content/en/01-introduction.md": """
        ---
        title: Introduction
        summary: Why cities matter.
        ---
        ## Cities and the 2030 Agenda

        Cities matter.[^1] See [the next chapter](02-governance.md#who-decides).

        ## Cities and the 2030 Agenda

        Repeated heading.

        [^1]: A footnote.
        """,
        "Content/en/02-governance.md": """
        ---
        title: Governance
        ---
        ## Who decides

        | City | Value |
        |:-----|------:|
        | Karmøy | 97 |
        """,
        "Content/fr/01-introduction.md": """
        ---
        title: Introduction (FR)
        ---
        ## Les villes et le Programme 2030

        Les villes comptent.[^1]

        ## Les villes et le Programme 2030

        Titre répété.

        [^1]: Une note.
        """,
    ]

    init(files: [String: String] = FixtureProject.basicFiles) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("folio-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for (path, text) in files { try write(path, text) }
    }

    /// A copy of a whole fixture publication of `Tests/Fixtures/<name>/` (its Content/ only).
    init(fixture name: String) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("folio-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.repository.appendingPathComponent("Tests/Fixtures/\(name)/Content"),
                                         to: root.appendingPathComponent("Content"))
    }

    /// folio's default of `Templates/<relative>`, as text: a test overrides it with a changed copy.
    func defaultTemplate(_ relative: String) throws -> String {
        let data = try #require(BuiltInFiles.data("Templates/\(relative)"), "no default Templates/\(relative)")
        return String(decoding: data, as: UTF8.self)
    }

    func write(_ path: String, _ text: String) throws {
        try write(path, Data(text.utf8))
    }

    func write(_ path: String, _ data: Data) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(path))
    }

    var output: URL { root.appendingPathComponent("Public") }

    /// Builds the site; the print edition only when asked, as most tests are about the pages.
    func build(pdf: SiteBuilder.PDFMode = .skip, release: Bool = false, python: String? = nil) -> SiteBuilder.Result {
        SiteBuilder.build(SiteBuilder.Options(project: root, release: release, pdf: pdf, python: python))
    }

    func check(pdf: SiteBuilder.PDFMode = .withSite) -> SiteBuilder.Result {
        SiteBuilder.check(SiteBuilder.Options(project: root, pdf: pdf))
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    /// The page parsed as XML (folio writes well-formed markup), for XPath queries.
    func page(_ path: String) throws -> Page {
        try Page(text: read(path))
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: output.appendingPathComponent(path).path)
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: root)
    }
}

/// Every regular file under `folder` with its bytes, keyed by path relative to the folder.
func folderSnapshot(_ folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
    while let url = enumerator?.nextObject() as? URL {
        if (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            files[url.path.replacingOccurrences(of: folder.path, with: "")] = try Data(contentsOf: url)
        }
    }
    return files
}

extension SiteBuilder.Result {
    var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }

    /// The diagnostic whose message contains `text`, if any.
    func diagnostic(containing text: String) -> Diagnostic? {
        diagnostics.first { $0.message.contains(text) }
    }
}

import Foundation
import FolioCore

/// The translation exchange on any chapter: the fuzzed English chapter of a small publication is
/// exported (PO, every unit) and imported back twice. With every target equal to its source, the
/// written French body is the English body byte for byte (units map to their exact bytes, nothing
/// else is touched). With a Markdown-laden phrase added to every target, the import succeeds or
/// refuses with every diagnostic placed in the exchange file, and never crashes.
public final class ExchangeRoundTripHarness: FuzzHarness {
    static let fixture = "Tests/Fixtures/fuzz-publication"
    static let chapter = "Content/en/01-fuzzed.md"
    static let translation = "Content/fr/01-fuzzed.md"
    static let added = " (FR) *x* [y](z) <b> &amp; _u_ `c` 1. #"
    let project: URL

    init(repository: URL) throws {
        project = FileManager.default.temporaryDirectory.appendingPathComponent("folio-fuzz-exchange-\(UUID().uuidString)")
        let files = FileManager.default
        try files.createDirectory(at: project, withIntermediateDirectories: true)
        try files.copyItem(at: repository.appendingPathComponent("\(Self.fixture)/Content"), to: project.appendingPathComponent("Content"))
    }

    deinit { try? FileManager.default.removeItem(at: project) }

    public func violations(for input: Data) -> [String] {
        let translation = project.appendingPathComponent(Self.translation)
        try? FileManager.default.removeItem(at: translation)
        do {
            try input.write(to: project.appendingPathComponent(Self.chapter))
        } catch {
            return ["cannot write the input: \(error)"]
        }
        let outcome = TranslationExporter.export(project: project, language: "fr", format: .po, scope: .all)
        guard let po = outcome.text else { return [] }  // the chapter does not load: its own diagnostics say why
        var found: [String] = []
        var same = po.components(separatedBy: "\n")
        var edited = same
        for index in same.indices.dropFirst() where same[index].hasPrefix("msgstr ") && same[index - 1].hasPrefix("msgid \"") {
            guard same[index - 1] != "msgid \"\"" else { continue }
            let source = same[index - 1].dropFirst("msgid ".count)
            same[index] = "msgstr " + source
            edited[index] = "msgstr " + source.dropLast() + Self.added + "\""
        }
        let file = project.appendingPathComponent("exchange.po")
        // Identity: the source's bytes come back.
        try? Data(same.joined(separator: "\n").utf8).write(to: file)
        let identity = TranslationImporter.importFile(file, displayPath: "exchange.po", project: project)
        if identity.succeeded, identity.written.contains(where: { $0.path == Self.translation }) {
            let written = (try? String(contentsOf: translation, encoding: .utf8)).flatMap { try? FrontMatter.split($0).get().body }
            // Compared with the source as folio reads it (line endings as `\n`, no byte-order mark).
            let original = (try? SourceText.decode(input).get()).flatMap { try? FrontMatter.split($0).get().body }
            if let written, let original, written != original {
                found.append("the source's own text, imported, does not give the source's body back")
            }
        } else if !identity.succeeded, outcome.units > 0 {
            found.append("the source's own text was refused: \(identity.diagnostics.first?.message ?? "")")
        }
        // Edited: refused with placed diagnostics, or written.
        try? FileManager.default.removeItem(at: translation)
        try? Data(edited.joined(separator: "\n").utf8).write(to: file)
        let changed = TranslationImporter.importFile(file, displayPath: "exchange.po", project: project)
        for diagnostic in changed.diagnostics where diagnostic.severity == .error {
            if diagnostic.location?.file != "exchange.po" { found.append("an import error not placed in the exchange file: \(diagnostic.message)") }
        }
        return found
    }
}

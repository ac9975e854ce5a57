import Foundation
import FolioCore

/// The whole chapter pipeline, as `folio check` runs it (load, check, render every page, generate the
/// print edition's markup), on a small three-language publication whose first English chapter is the
/// input. Every problem is placed within the file, and a publication without errors renders pages
/// that are all well-formed markup (XML): an escaping slip or a control character let through breaks that.
/// Every word of the chapter's prose appears in its page, or a diagnostic names it (`ProseWords`).
public final class ChapterPipelineHarness: FuzzHarness {
    static let fixture = "Tests/Fixtures/fuzz-publication"
    static let chapter = "Content/en/01-fuzzed.md"
    let project: URL

    /// Copies the fixture into a fresh temporary folder (the templates are folio's built-in defaults).
    init(repository: URL) throws {
        project = FileManager.default.temporaryDirectory.appendingPathComponent("folio-fuzz-\(UUID().uuidString)")
        let files = FileManager.default
        try? files.removeItem(at: project)
        try files.createDirectory(at: project, withIntermediateDirectories: true)
        try files.copyItem(at: repository.appendingPathComponent("\(Self.fixture)/Content"), to: project.appendingPathComponent("Content"))
    }

    deinit { try? FileManager.default.removeItem(at: project) }

    public func violations(for input: Data) -> [String] {
        do {
            try input.write(to: project.appendingPathComponent(Self.chapter))
        } catch {
            return ["cannot write the input: \(error)"]
        }
        let output = MemoryOutput()
        let result = SiteBuilder.check(SiteBuilder.Options(project: project), into: output)
        var found: [String] = []
        let last = lastLine(of: String(decoding: input, as: UTF8.self))
        for diagnostic in result.diagnostics {
            guard let location = diagnostic.location, location.file == Self.chapter else { continue }
            if location.line > last { found.append("'\(diagnostic.message)' at \(location), after the file's last line \(last)") }
        }
        guard !result.diagnostics.contains(where: { $0.severity == .error }) else { return found }
        if output.files.isEmpty { found.append("no pages rendered for a publication without errors") }
        return found + Self.malformedPages(in: output.files) + Self.droppedWords(of: input, in: output.files, diagnostics: result.diagnostics)
    }

    static let page = "en/fuzzed/index.html"

    /// The words of the chapter's prose that its page does not show and no diagnostic names.
    static func droppedWords(of input: Data, in files: [String: Data], diagnostics: [Diagnostic]) -> [String] {
        guard let page = files.first(where: { $0.key.hasSuffix(Self.page) })?.value else {
            return ["the chapter has no page \(Self.page)"]
        }
        let words = ProseWords.words(ofChapter: String(decoding: input, as: UTF8.self))
        let missing = ProseWords.missing(words, page: String(decoding: page, as: UTF8.self), file: Self.chapter, diagnostics: diagnostics)
        guard !missing.isEmpty else { return [] }
        return ["\(missing.count) word\(missing.count == 1 ? "" : "s") of the prose neither on the page nor named by a diagnostic: "
                + missing.prefix(5).map(\.description).joined(separator: ", ")]
    }

    /// The pages (`.html`) that do not parse as XML, with the parser's reason.
    public static func malformedPages(in files: [String: Data]) -> [String] {
        var found: [String] = []
        for (path, data) in files.sorted(by: { $0.key < $1.key }) where path.hasSuffix(".html") {
            if let problem = WellFormedXML.problem(in: data) { found.append("\(path) is not well-formed: \(problem)") }
        }
        return found
    }
}

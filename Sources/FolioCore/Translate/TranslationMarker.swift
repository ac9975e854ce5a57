import Foundation

/// `folio translations mark`: records in a translation's front matter the fingerprints of the source
/// sections it now matches. The only command that writes under Content/, and it writes through a
/// temporary file and a rename, keeping the file's line endings and byte-order mark.
public enum TranslationMarker {
    public struct Outcome: Sendable {
        public var marked: [String]
        public var diagnostics: [Diagnostic]
        public var succeeded: Bool { !diagnostics.contains { $0.severity == .error } }
    }

    /// Marks `files` (`fr/01-introduction.md` or `Content/fr/01-introduction.md`), or every translation of `allLanguage`.
    public static func mark(project: URL, files: [String], allLanguage: String?) -> Outcome {
        let diagnostics = DiagnosticCollector()
        guard let publication = ContentLoader.load(project: project, diagnostics: diagnostics) else {
            return Outcome(marked: [], diagnostics: diagnostics.diagnostics)
        }
        var targets: [Chapter] = []
        if let language = allLanguage {
            guard publication.config.languageCodes.contains(language), language != publication.config.sourceLanguage else {
                diagnostics.error("'\(language)' is not a translation language of this publication (\(publication.config.languageCodes.filter { $0 != publication.config.sourceLanguage }.joined(separator: ", ")))", at: nil)
                return Outcome(marked: [], diagnostics: diagnostics.diagnostics)
            }
            targets = publication.chapters[language] ?? []
        }
        for file in files {
            let path = file.hasPrefix("Content/") ? file : "Content/\(file)"
            guard let chapter = publication.chapters.values.joined().first(where: { $0.path == path }) else {
                diagnostics.error("no chapter \(path) (give the translation as <lang>/NN-slug.md)", at: nil)
                continue
            }
            targets.append(chapter)
        }
        var marked: [String] = []
        for translation in targets {
            guard translation.language != publication.config.sourceLanguage else {
                diagnostics.error("\(translation.path) is in the source language: mark translations, not sources", at: translation.location)
                continue
            }
            guard let source = publication.chapter(slug: translation.slug, language: publication.config.sourceLanguage) else {
                diagnostics.error("translation has no source chapter to match", at: translation.location)
                continue
            }
            do {
                try write(record: source.sections, into: project.appendingPathComponent(translation.path))
                marked.append(translation.path)
            } catch {
                diagnostics.error("cannot write the translation record: \(ContentLoader.reason(error))", at: translation.location)
            }
        }
        return Outcome(marked: marked, diagnostics: diagnostics.diagnostics)
    }

    /// Replaces (or adds) the `translation:` block at the end of the front matter.
    static func write(record sections: [SectionFingerprint], into url: URL) throws {
        let data = try Data(contentsOf: url)
        let hasBOM = data.starts(with: [0xEF, 0xBB, 0xBF])
        guard case .success(let text) = SourceText.decode(data) else {
            throw CocoaError(.fileReadInapplicableStringEncoding)
        }
        let usesCRLF = String(decoding: data.prefix(4096), as: UTF8.self).contains("\r\n")
        let updated = try recorded(text, sections: sections)
        var output = usesCRLF ? updated.replacingOccurrences(of: "\n", with: "\r\n") : updated
        if hasBOM { output = "\u{FEFF}" + output }
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).folio-\(getpid())")
        try Data(output.utf8).write(to: temporary)
        if rename(temporary.path, url.path) != 0 {
            let error = POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// The chapter text with its front matter's `translation:` block set to `sections`.
    static func recorded(_ text: String, sections: [SectionFingerprint]) throws -> String {
        guard case .success(let split) = FrontMatter.split(text), let yaml = split.yaml else {
            throw CocoaError(.fileReadCorruptFile)
        }
        var lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        if let start = lines.firstIndex(where: { $0.hasPrefix("translation:") }) {
            var end = start + 1
            while end < lines.count, lines[end].isEmpty || lines[end].first == " " || lines[end].first == "\t" { end += 1 }
            lines.removeSubrange(start..<end)
        }
        lines.append("translation:")
        lines.append("  # Written by `folio translations mark`: the source sections this translation matches.")
        lines.append("  sections:")
        for section in sections {
            lines.append("    - {id: \"\(section.id)\", hash: \"\(section.hash)\"}")
        }
        let frontMatterLines = lines.joined(separator: "\n")
        return "---\n\(frontMatterLines)\n---\n\(split.body)"
    }
}

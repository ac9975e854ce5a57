import FolioMarkdown
import Foundation

/// Finds, in a git repository's history, the version of a source chapter that a translation was marked
/// against: the newest committed version whose section fingerprints are exactly the recorded ones.
public enum SourceHistory {
    public struct Version: Sendable {
        public var commit: String
        public var text: String
    }

    public static func markedVersion(of sourcePath: String, project: URL, record: TranslationRecord) -> Version? {
        guard let top = git(["rev-parse", "--show-toplevel"], in: project)?.trimmingCharacters(in: .whitespacesAndNewlines) else {
            return nil
        }
        let absolute = project.appendingPathComponent(sourcePath).standardizedFileURL.resolvingSymlinksInPath().path
        let root = URL(fileURLWithPath: top).resolvingSymlinksInPath().path
        guard absolute.hasPrefix(root + "/") else { return nil }
        let relative = String(absolute.dropFirst(root.count + 1))
        guard let log = git(["log", "--format=%H", "--", relative], in: project) else { return nil }
        let wanted = Set(record.sections.map { "\($0.id) \($0.hash)" })
        for commit in log.split(separator: "\n").map(String.init) {
            guard let text = git(["show", "\(commit):\(relative)"], in: project),
                  let sections = sectionsOf(text) else { continue }
            if Set(sections.map { "\($0.id) \($0.hash)" }) == wanted { return Version(commit: commit, text: text) }
        }
        return nil
    }

    /// The sections of a chapter's text (with their text kept).
    public static func sectionsOf(_ text: String) -> [SectionFingerprint]? {
        guard case .success(let decoded) = SourceText.decode(Data(text.utf8)),
              case .success(let split) = FrontMatter.split(decoded) else { return nil }
        let (encoded, _) = CriticMarkup.encode(split.body)
        let document = CriticMarkup.restoreCode(in: MarkdownParser.parse(encoded))
        return SectionFingerprint.sections(body: split.body, document: document, lineOffset: split.bodyLineOffset, keepText: true)
    }

    /// Runs git; nil when git is missing, the folder is no repository, or the command fails.
    static func git(_ arguments: [String], in folder: URL) -> String? {
        ProgramOutput.of("/usr/bin/env", ["git", "-C", folder.path] + arguments)
    }
}

import Foundation
import FolioMarkdown

/// `folio review accept|reject`: applies or discards reviewers' CriticMarkup edits, and resolves
/// comments. Accepting keeps insertions and the new side of substitutions and drops deletions;
/// rejecting does the opposite. A highlight keeps its text either way, and a comment is resolved by
/// removing it (with its replies): the decision is in git's history, not in the text. Only the
/// marks' bytes change; the file is replaced through a temporary file and a rename.
///
/// Marks are taken in groups: an edit or highlight with the comments written right after it, and a
/// comment with its replies. `--line N` takes the groups that start on line N, `--by NAME` those whose
/// first comment is by NAME, `--all` every group.
public enum ReviewResolver {
    public enum Decision: String, Sendable {
        case accept, reject
    }

    public enum Selection: Sendable, Equatable {
        case all
        case line(Int)
        case author(String)
    }

    public struct Outcome: Sendable {
        /// One line per mark: `Content/en/05-governance.md:18:1: accepted substitution “plans” → “strategies”`.
        public var report: [String]
        public var diagnostics: [Diagnostic]
        public var succeeded: Bool { !diagnostics.contains { $0.severity == .error } }
    }

    public static func resolve(project: URL, files: [String], decision: Decision, selection: Selection) -> Outcome {
        let diagnostics = DiagnosticCollector()
        guard let publication = ContentLoader.load(project: project, diagnostics: diagnostics) else {
            return Outcome(report: [], diagnostics: diagnostics.diagnostics)
        }
        let chapters = ReviewTargets.chapters(files, in: publication, diagnostics: diagnostics)
        guard !diagnostics.hasErrors else { return Outcome(report: [], diagnostics: diagnostics.diagnostics) }
        var writes: [(URL, [UInt8])] = []
        var report: [String] = []
        for chapter in chapters {
            let url = project.appendingPathComponent(chapter.path)
            do {
                let file = try ChapterFile(url: url)
                let (bytes, lines) = apply(decision, selection: selection, to: file, path: chapter.path, document: chapter.document)
                if lines.isEmpty {
                    report.append("\(chapter.path): nothing to \(decision.rawValue)\(describe(selection))")
                } else {
                    writes.append((url, bytes))
                    report += lines
                }
            } catch {
                diagnostics.error("cannot read the chapter: \(ReviewTargets.reason(error))", at: chapter.location)
            }
        }
        guard !diagnostics.hasErrors else { return Outcome(report: [], diagnostics: diagnostics.diagnostics) }
        for (url, bytes) in writes {
            do {
                try ChapterFile.write(bytes, to: url)
            } catch {
                diagnostics.error("cannot write the chapter: \(ContentLoader.reason(error))",
                                  at: SourceLocation(file: url.path))
            }
        }
        return Outcome(report: report, diagnostics: diagnostics.diagnostics)
    }

    private static func describe(_ selection: Selection) -> String {
        switch selection {
        case .all: ""
        case .line(let line): " on line \(line)"
        case .author(let name): " by \(name)"
        }
    }

    /// A chapter file's bytes with every mark accepted or rejected (nil when they are not a chapter:
    /// not UTF-8, front matter not closed): what the command would write, for the fuzz target.
    public static func resolved(_ bytes: [UInt8], decision: Decision) -> [UInt8]? {
        guard String(validating: bytes, as: UTF8.self) != nil,
              let file = try? ChapterFile(url: URL(fileURLWithPath: "/dev/null"), raw: bytes) else { return nil }
        return apply(decision, selection: .all, to: file, path: "x.md").bytes
    }

    /// The file with the selected marks applied or discarded, and a line of report per mark.
    static func apply(_ decision: Decision, selection: Selection, to file: ChapterFile, path: String,
                      document: MarkdownDocument? = nil) -> (bytes: [UInt8], report: [String]) {
        let body = Array(file.body)
        let skipped = codeLines(document)
        let spans = CriticMarkup.spans(in: body).filter { !skipped.contains($0.line) }
        var replacements: [(range: Range<Int>, bytes: [UInt8])] = []
        var report: [String] = []
        for group in groups(spans) where selected(group, selection: selection, body: body, lineOffset: file.bodyLineOffset) {
            for span in group {
                let kept: Range<Int>?
                switch (span.kind, decision) {
                case (.insertion, .accept), (.deletion, .reject), (.highlight, _): kept = span.content
                case (.insertion, .reject), (.deletion, .accept), (.comment, _): kept = nil
                case (.substitution, .accept): kept = span.newText
                case (.substitution, .reject): kept = span.oldText
                }
                let start = file.bodyStart
                let bytes = kept.map { Array(file.rawBytes(($0.lowerBound + start)..<($0.upperBound + start))) } ?? []
                replacements.append(((span.range.lowerBound + start)..<(span.range.upperBound + start), bytes))
                let location = "\(path):\(span.line + file.bodyLineOffset):\(span.column)"
                report.append("\(location): \(decision == .accept ? "accepted" : "rejected") \(summary(span, body: body))")
            }
        }
        return (file.replacing(replacements), report)
    }

    /// Runs of marks written one right after the other, each starting a group unless it is a comment
    /// following a mark (the comment on that edit, or a reply).
    static func groups(_ spans: [CriticMarkup.Span]) -> [[CriticMarkup.Span]] {
        var groups: [[CriticMarkup.Span]] = []
        for span in spans {
            if span.kind == .comment, let last = groups.last?.last, last.range.upperBound == span.range.lowerBound {
                groups[groups.count - 1].append(span)
            } else {
                groups.append([span])
            }
        }
        return groups
    }

    private static func selected(_ group: [CriticMarkup.Span], selection: Selection, body: [UInt8], lineOffset: Int) -> Bool {
        switch selection {
        case .all: return true
        case .line(let line): return group.contains { $0.line + lineOffset == line }
        case .author(let name):
            guard let comment = group.first(where: { $0.kind == .comment }) else { return false }
            let content = String(decoding: body[comment.content], as: UTF8.self)
            return CommentIndex.matches(CommentAttribution.parse(content)?.author, name)
        }
    }

    private static func summary(_ span: CriticMarkup.Span, body: [UInt8]) -> String {
        func text(_ range: Range<Int>) -> String {
            let words = String(decoding: body[range], as: UTF8.self).split(whereSeparator: \.isWhitespace).joined(separator: " ")
            return "“" + (words.count > 60 ? words.prefix(59) + "…" : words) + "”"
        }
        switch span.kind {
        case .insertion: return "insertion \(text(span.content))"
        case .deletion: return "deletion \(text(span.content))"
        case .substitution: return "substitution \(text(span.oldText)) → \(text(span.newText))"
        case .highlight: return "highlight \(text(span.content)) (the text stays)"
        case .comment:
            let comment = ReviewComment(String(decoding: body[span.content], as: UTF8.self), isReply: false)
            return "comment by \(CommentIndex.byline(comment)) \(text(span.content)): resolved"
        }
    }

    /// The body lines of code blocks (by the document model), where CriticMarkup is text, never a mark.
    private static func codeLines(_ document: MarkdownDocument?) -> Set<Int> {
        guard let document else { return [] }
        var lines = Set<Int>()
        for index in document.nodes.indices where document[index].kind == .codeBlock {
            let start = document[index].start.line
            let count = document.text(of: index).count { $0 == "\n" }
            lines.formUnion(start...(start + count + 1))
        }
        return lines
    }
}

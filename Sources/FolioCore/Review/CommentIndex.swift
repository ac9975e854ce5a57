import Foundation

/// Every reviewer's comment of a publication, in threads: a comment and the replies written right after
/// it. A thread is open until someone answers it; `folio review accept|reject` resolves it (removes it
/// from the chapter; git keeps the history). Made from what the loader found, so every position is the
/// one the other commands report.
public struct CommentIndex: Sendable {
    public struct Entry: Sendable {
        public var location: SourceLocation
        public var comment: ReviewComment
    }

    public struct Thread: Sendable {
        public var chapter: String
        public var slug: String
        public var language: String
        public var first: Entry
        public var replies: [Entry]
        /// Nobody has answered yet.
        public var isOpen: Bool { replies.isEmpty }
        public var entries: [Entry] { [first] + replies }
    }

    public let threads: [Thread]

    public init(threads: [Thread]) {
        self.threads = threads
    }

    /// Every chapter's threads, source language first, chapters in order.
    public init(publication: Publication) {
        let languages = [publication.config.sourceLanguage] + publication.config.languageCodes.filter { $0 != publication.config.sourceLanguage }
        threads = languages.flatMap { publication.chapters[$0] ?? [] }.flatMap(Self.threads(of:))
    }

    public static func threads(of chapter: Chapter) -> [Thread] {
        var threads: [Thread] = []
        for mark in chapter.reviewMarks {
            guard let comment = mark.comment else { continue }
            let entry = Entry(location: SourceLocation(file: chapter.path, line: mark.line, column: mark.column), comment: comment)
            if comment.isReply, !threads.isEmpty {
                threads[threads.count - 1].replies.append(entry)
            } else {
                threads.append(Thread(chapter: chapter.path, slug: chapter.slug, language: chapter.language, first: entry, replies: []))
            }
        }
        return threads
    }

    /// Only open threads, and/or only comments by `author` (with their thread's other comments).
    public func filtered(openOnly: Bool, by author: String?) -> CommentIndex {
        CommentIndex(threads: threads.filter { thread in
            (!openOnly || thread.isOpen)
                && (author.map { name in thread.entries.contains { Self.matches($0.comment.author, name) } } ?? true)
        })
    }

    static func matches(_ author: String?, _ name: String) -> Bool {
        guard let author else { return false }
        return author.compare(name, options: [.caseInsensitive, .diacriticInsensitive]) == .orderedSame
    }

    public var openCount: Int { threads.filter(\.isOpen).count }

    /// `path:line:column: AUTHOR, DATE: words` per comment, replies indented under their thread.
    public func text() -> String {
        var out = ""
        for thread in threads {
            for (index, entry) in thread.entries.enumerated() {
                let state = index > 0 ? "reply" : thread.isOpen ? "open" : "answered"
                out += (index > 0 ? "  " : "") + "\(entry.location): \(Self.byline(entry.comment)): \(entry.comment.text) [\(state)]\n"
            }
        }
        let comments = threads.reduce(0) { $0 + $1.entries.count }
        out += "\(comments) comment\(comments == 1 ? "" : "s") in \(threads.count) thread\(threads.count == 1 ? "" : "s"), \(openCount) open\n"
        return out
    }

    static func byline(_ comment: ReviewComment) -> String {
        guard let author = comment.author else { return "(no author)" }
        return comment.date.map { "\(author), \($0)" } ?? author
    }

    public func json() -> String {
        struct Row: Encodable {
            var file: String; var line: Int; var column: Int; var author: String?; var date: String?; var text: String
            var reply: Bool; var thread: Int; var open: Bool
        }
        var rows: [Row] = []
        for (number, thread) in threads.enumerated() {
            for entry in thread.entries {
                rows.append(Row(file: entry.location.file, line: entry.location.line, column: entry.location.column,
                                author: entry.comment.author, date: entry.comment.date?.description, text: entry.comment.text,
                                reply: entry.comment.isReply, thread: number + 1, open: thread.isOpen))
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(rows)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }
}

import FolioMarkdown

/// Reviewers' inline edits and comments in CriticMarkup: `{++insert++}`, `{--delete--}`,
/// `{~~old~>new~~}`, `{==highlight==}` and `{>>comment<<}`.
///
/// cmark-gfm knows nothing of them (and would read `{~~a~>b~~}` as strikethrough), so before parsing
/// each delimiter is replaced by one private-use character. The characters pass through cmark as text,
/// so the Markdown around and inside an edit still parses; the renderer turns them into `<ins>`,
/// `<del>`, `<mark>` and comments. The mapping is one-to-one, so inside code (spans, fenced blocks,
/// `kpi` blocks) the original text is restored exactly: CriticMarkup never applies inside code.
public enum CriticMarkup {
    public enum Delimiter: Character, CaseIterable, Sendable {
        case insertOpen = "\u{E100}", insertClose = "\u{E101}"
        case deleteOpen = "\u{E102}", deleteClose = "\u{E103}"
        case substituteOpen = "\u{E104}", substituteSeparator = "\u{E105}", substituteClose = "\u{E106}"
        case highlightOpen = "\u{E107}", highlightClose = "\u{E108}"
        case commentOpen = "\u{E109}", commentClose = "\u{E10A}"

        /// The CriticMarkup text the character stands for.
        public var syntax: String {
            switch self {
            case .insertOpen: "{++"
            case .insertClose: "++}"
            case .deleteOpen: "{--"
            case .deleteClose: "--}"
            case .substituteOpen: "{~~"
            case .substituteSeparator: "~>"
            case .substituteClose: "~~}"
            case .highlightOpen: "{=="
            case .highlightClose: "==}"
            case .commentOpen: "{>>"
            case .commentClose: "<<}"
            }
        }
    }

    /// An edit or comment found in a chapter, by line (counted in the text that was encoded).
    public struct Mark: Sendable, Hashable {
        public var line: Int
        public var kind: String
    }

    private static let spans: [(open: String, close: String, openMark: Delimiter, closeMark: Delimiter, kind: String)] = [
        ("{++", "++}", .insertOpen, .insertClose, "insertion"),
        ("{--", "--}", .deleteOpen, .deleteClose, "deletion"),
        ("{~~", "~~}", .substituteOpen, .substituteClose, "substitution"),
        ("{==", "==}", .highlightOpen, .highlightClose, "highlight"),
        ("{>>", "<<}", .commentOpen, .commentClose, "comment"),
    ]

    /// Replaces complete CriticMarkup spans (opened and closed within one paragraph) by private-use
    /// characters; unmatched delimiters stay as written. Text with no opening delimiter is returned untouched.
    public static func encode(_ text: String) -> (text: String, marks: [Mark]) {
        guard mayContainSpan(text) else { return (text, []) }
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var marks: [Mark] = []
        var line = 1
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "{", let span = spans.first(where: { text[index...].hasPrefix($0.open) }) {
                let contentStart = text.index(index, offsetBy: 3)
                if let close = text.range(of: span.close, range: contentStart..<text.endIndex),
                   !text[contentStart..<close.lowerBound].contains("\n\n") {
                    var content = String(text[contentStart..<close.lowerBound])
                    if span.openMark == .substituteOpen {
                        content = content.replacingOccurrences(of: "~>", with: String(Delimiter.substituteSeparator.rawValue))
                    }
                    marks.append(Mark(line: line, kind: span.kind))
                    output.append(span.openMark.rawValue)
                    output += content
                    output.append(span.closeMark.rawValue)
                    line += content.filter { $0 == "\n" }.count
                    index = close.upperBound
                    continue
                }
            }
            if character == "\n" { line += 1 }
            output.append(character)
            index = text.index(after: index)
        }
        return (output, marks)
    }

    /// The first private-use delimiter character already in `text`, with its line and column (1-based).
    static func firstDelimiter(in text: String) -> (scalar: Unicode.Scalar, syntax: String, line: Int, column: Int)? {
        guard containsDelimiter(text) else { return nil }
        var line = 1
        var column = 1
        for character in text {
            if let delimiter = Delimiter(rawValue: character), let scalar = character.unicodeScalars.first {
                return (scalar, delimiter.syntax, line, column)
            }
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return nil
    }

    /// Whether the bytes hold an opening delimiter (`{++`, `{--`, `{~~`, `{==`, `{>>`) at all. Without
    /// one there is no span, and the Character-by-Character scan (most of the time spent loading a
    /// chapter whose kpi blocks hold `{city: …}` rows) is skipped.
    static func mayContainSpan(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable(hasOpeningDelimiter) ?? hasOpeningDelimiter(text.utf8)
    }

    private static func hasOpeningDelimiter(_ bytes: some Sequence<UInt8>) -> Bool {
        // Every opening delimiter is `{` followed by the same mark twice.
        var first: UInt8 = 0
        var second: UInt8 = 0
        for byte in bytes {
            if first == UInt8(ascii: "{"), second == byte, "+-~=>".utf8.contains(byte) { return true }
            first = second
            second = byte
        }
        return false
    }

    /// The original text of `text`, with every private-use delimiter turned back into its syntax.
    public static func decode(_ text: String) -> String {
        guard containsDelimiter(text) else { return text }
        var output = ""
        for character in text {
            if let delimiter = Delimiter(rawValue: character) { output += delimiter.syntax } else { output.append(character) }
        }
        return output
    }

    /// The text without edits' markup: insertions kept, deletions dropped, substitutions as their new
    /// text, comments dropped (for headings' ids and the table of contents).
    public static func accepted(_ text: String) -> String {
        guard containsDelimiter(text) else { return text }
        var output = ""
        var skipping = false
        for character in text {
            switch Delimiter(rawValue: character) {
            case .deleteOpen?, .commentOpen?, .substituteOpen?: skipping = true
            case .deleteClose?, .commentClose?, .substituteSeparator?: skipping = false
            case .some: break
            case nil: if !skipping { output.append(character) }
            }
        }
        return output
    }

    static func containsDelimiter(_ text: String) -> Bool {
        // All delimiters are U+E100…U+E10A: UTF-8 EE 84 80…8A. Every text node of every page is asked,
        // so the lead byte is searched for in the contiguous buffer first.
        let hasLeadByte = text.utf8.withContiguousStorageIfAvailable { $0.contains(0xEE) } ?? text.utf8.contains(0xEE)
        return hasLeadByte && text.unicodeScalars.contains { (0xE100...0xE10A).contains($0.value) }
    }

    /// Whether a tree parsed from `text` can hold a delimiter character at all: only when the text has
    /// one (lead byte EE) or a numeric character reference (`&#…;`), which cmark-gfm turns into one.
    /// Without either, `restoreCode` would walk the whole tree to change nothing.
    static func mayHoldDelimiters(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable(hasDelimiterOrReference) ?? hasDelimiterOrReference(text.utf8)
    }

    private static func hasDelimiterOrReference(_ bytes: some Sequence<UInt8>) -> Bool {
        var previous: UInt8 = 0
        for byte in bytes {
            if byte == 0xEE || (previous == UInt8(ascii: "&") && byte == UInt8(ascii: "#")) { return true }
            previous = byte
        }
        return false
    }

    /// Restores the original text inside code spans and code blocks, where CriticMarkup never applies.
    static func restoreCode(in document: MarkdownDocument) -> MarkdownDocument {
        var restoredDocument = document
        for index in document.blocks.indices {
            if let restoredBlock = restored(document.blocks[index]) { restoredDocument.blocks[index] = restoredBlock }
        }
        return restoredDocument
    }

    /// The node with the original text back in its code, or nil when nothing in it changes: most
    /// chapters have no edits, and copying every tree cost more than the check.
    private static func restored(_ node: MarkdownNode) -> MarkdownNode? {
        var restoredKind: MarkdownKind?
        switch node.kind {
        case .codeBlock(let info, let literal): restoredKind = .codeBlock(info: decode(info), literal: decode(literal))
        case .code(let code): restoredKind = .code(decode(code))
        case .htmlBlock(let raw): restoredKind = .htmlBlock(decode(raw))
        case .htmlInline(let raw): restoredKind = .htmlInline(decode(raw))
        case .link(let destination, let title): restoredKind = .link(destination: decode(destination), title: decode(title))
        case .image(let source, let title): restoredKind = .image(source: decode(source), title: decode(title))
        default: restoredKind = nil
        }
        var copy: MarkdownNode?
        if let restoredKind, restoredKind != node.kind {
            copy = node
            copy?.kind = restoredKind
        }
        for index in node.children.indices {
            guard let child = restored(node.children[index]) else { continue }
            if copy == nil { copy = node }
            copy?.children[index] = child
        }
        return copy
    }
}

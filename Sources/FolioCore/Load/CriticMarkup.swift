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

        /// The delimiter a scalar stands for. Scalars, not Characters: a delimiter followed by a
        /// combining mark is one Character, and would not be recognised.
        public init?(_ scalar: Unicode.Scalar) {
            guard (0xE100...0xE10A).contains(scalar.value) else { return nil }
            self.init(rawValue: Character(scalar))
        }

        var utf8: [UInt8] { Array(String(rawValue).utf8) }

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
        public var column: Int = 1
        /// A comment's author, date and words.
        public var comment: ReviewComment?
    }

    /// One complete CriticMarkup span of a text, as written: where it is (UTF-8 byte offsets), what it
    /// is, and where it starts (1-based line, and column in Unicode scalars, as diagnostics count).
    public struct Span: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable, CaseIterable {
            case insertion, deletion, substitution, highlight, comment
        }
        public var kind: Kind
        /// The whole span, delimiters included.
        public var range: Range<Int>
        /// The text between the opening and closing delimiters.
        public var content: Range<Int>
        /// A substitution's `~>`: the old text is before it, the new text after it.
        public var separator: Range<Int>?
        public var line: Int
        public var column: Int

        /// A substitution's old text, any other span's content.
        public var oldText: Range<Int> { separator.map { content.lowerBound..<$0.lowerBound } ?? content }
        /// A substitution's new text, any other span's content.
        public var newText: Range<Int> { separator.map { $0.upperBound..<content.upperBound } ?? content }
    }

    private struct Syntax {
        let open: (UInt8, UInt8)
        let close: [UInt8]
        let openMark: Delimiter
        let closeMark: Delimiter
        let kind: Span.Kind
    }

    /// Every opening delimiter is `{` and two marks; its closing one the two marks and `}`.
    private static let syntaxes: [Syntax] = [
        Syntax(open: (0x2B, 0x2B), close: Array("++}".utf8), openMark: .insertOpen, closeMark: .insertClose, kind: .insertion),
        Syntax(open: (0x2D, 0x2D), close: Array("--}".utf8), openMark: .deleteOpen, closeMark: .deleteClose, kind: .deletion),
        Syntax(open: (0x7E, 0x7E), close: Array("~~}".utf8), openMark: .substituteOpen, closeMark: .substituteClose, kind: .substitution),
        Syntax(open: (0x3D, 0x3D), close: Array("==}".utf8), openMark: .highlightOpen, closeMark: .highlightClose, kind: .highlight),
        Syntax(open: (0x3E, 0x3E), close: Array("<<}".utf8), openMark: .commentOpen, closeMark: .commentClose, kind: .comment),
    ]

    /// The complete spans of `bytes` (opened and closed within one paragraph), in order: the one reading
    /// of CriticMarkup that `encode` (for the pages), the comment index and accept/reject all share.
    public static func spans(in bytes: [UInt8]) -> [Span] {
        var spans: [Span] = []
        var line = 1
        var lineStart = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "{"), index + 2 < bytes.count,
               let syntax = syntaxes.first(where: { $0.open == (bytes[index + 1], bytes[index + 2]) }),
               let close = firstRange(of: syntax.close, in: bytes, from: index + 3),
               firstRange(of: [0x0A, 0x0A], in: bytes[..<close], from: index + 3) == nil {
                let column = bytes[lineStart..<index].count { $0 & 0xC0 != 0x80 } + 1
                let content = (index + 3)..<close
                var separator: Range<Int>?
                if syntax.kind == .substitution, let found = firstRange(of: Array("~>".utf8), in: bytes[..<close], from: index + 3) {
                    separator = found..<(found + 2)
                }
                let end = close + syntax.close.count
                spans.append(Span(kind: syntax.kind, range: index..<end, content: content, separator: separator,
                                  line: line, column: column))
                for offset in content where bytes[offset] == 0x0A {
                    line += 1
                    lineStart = offset + 1
                }
                index = end
                continue
            }
            if byte == 0x0A {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        return spans
    }

    /// Replaces complete CriticMarkup spans (opened and closed within one paragraph) by private-use
    /// characters; unmatched delimiters stay as written. Text with no opening delimiter is returned untouched.
    ///
    /// Works on UTF-8 bytes: the delimiters are ASCII, so every cut falls between characters, and a
    /// span whose text starts with a combining mark (a reviewer adding an Arabic vowel sign,
    /// `كت{++َ++}ب`) is found as written, where a scan by Characters would glue the mark to the `+`.
    public static func encode(_ text: String) -> (text: String, marks: [Mark]) {
        guard mayContainSpan(text) else { return (text, []) }
        let bytes = Array(text.utf8)
        let found = spans(in: bytes)
        guard !found.isEmpty else { return (text, []) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var marks: [Mark] = []
        var copied = 0
        var previous: Span?
        for span in found {
            guard let syntax = syntaxes.first(where: { $0.kind == span.kind }) else { continue }
            output += bytes[copied..<span.range.lowerBound]
            var content = Array(bytes[span.content])
            if span.kind == .substitution {
                content = replacing(Array("~>".utf8), with: Delimiter.substituteSeparator.utf8, in: content)
            }
            var comment: ReviewComment?
            if span.kind == .comment {
                let reply = previous.map { $0.kind == .comment && $0.range.upperBound == span.range.lowerBound } ?? false
                comment = ReviewComment(String(decoding: bytes[span.content], as: UTF8.self), isReply: reply)
            }
            previous = span
            marks.append(Mark(line: span.line, kind: span.kind.rawValue, column: span.column, comment: comment))
            output += syntax.openMark.utf8
            output += content
            output += syntax.closeMark.utf8
            copied = span.range.upperBound
        }
        output += bytes[copied...]
        return (String(decoding: output, as: UTF8.self), marks)
    }

    private static func firstRange<Bytes: RandomAccessCollection<UInt8>>(of needle: [UInt8], in bytes: Bytes, from start: Int) -> Int?
    where Bytes.Index == Int, Bytes.SubSequence: RandomAccessCollection<UInt8>, Bytes.SubSequence.Index == Int {
        guard let first = needle.first, start < bytes.endIndex else { return nil }
        var index = start
        while let found = bytes[index...].firstIndex(of: first) {
            if bytes.endIndex - found >= needle.count, bytes[found..<(found + needle.count)].elementsEqual(needle) { return found }
            index = found + 1
        }
        return nil
    }

    private static func replacing(_ needle: [UInt8], with replacement: [UInt8], in bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var index = 0
        while let found = firstRange(of: needle, in: bytes, from: index) {
            result += bytes[index..<found]
            result += replacement
            index = found + needle.count
        }
        result += bytes[index...]
        return result
    }

    /// The first private-use delimiter character already in `text`, with its line and column (1-based).
    static func firstDelimiter(in text: String) -> (scalar: Unicode.Scalar, syntax: String, line: Int, column: Int)? {
        guard containsDelimiter(text) else { return nil }
        var line = 1
        var column = 1
        for scalar in text.unicodeScalars {
            if let delimiter = Delimiter(scalar) { return (scalar, delimiter.syntax, line, column) }
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return nil
    }

    /// A numeric character reference to a delimiter (`&#xE100;`, `&#57600;`), with its line and column:
    /// cmark-gfm would decode it into the delimiter itself, after `firstDelimiter` looked.
    static func firstDelimiterReference(in text: String) -> (reference: String, line: Int, column: Int)? {
        guard mayHoldDelimiters(text) else { return nil }  // the byte scan for `&#` every chapter gets
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where line.contains("&#") {
            for match in line.matches(of: /&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));/) {
                let value = match.1.flatMap { UInt32($0, radix: 16) } ?? match.2.flatMap { UInt32($0) }
                if let value, (0xE100...0xE10A).contains(value) {
                    return (String(match.0), offset + 1, line.distance(from: line.startIndex, to: match.range.lowerBound) + 1)
                }
            }
        }
        return nil
    }

    /// Whether the bytes hold an opening delimiter (`{++`, `{--`, `{~~`, `{==`, `{>>`) at all. Without
    /// one there is no span, and the Character-by-Character scan (most of the time spent loading a
    /// chapter whose kpi blocks hold `{city: …}` rows) is skipped.
    static func mayContainSpan(_ text: String) -> Bool {
        // Every opening delimiter is `{` followed by the same mark twice.
        ByteSearch.withUTF8(text) { bytes in
            ByteSearch.containsSequence(startingWith: UInt8(ascii: "{"), in: bytes) { bytes, index in
                index + 2 < bytes.count && bytes[index + 1] == bytes[index + 2] && "+-~=>".utf8.contains(bytes[index + 1])
            }
        }
    }

    /// The original text of `text`, with every private-use delimiter turned back into its syntax.
    public static func decode(_ text: String) -> String {
        guard containsDelimiter(text) else { return text }
        var output = ""
        for scalar in text.unicodeScalars {
            if let delimiter = Delimiter(scalar) { output += delimiter.syntax } else { output.unicodeScalars.append(scalar) }
        }
        return output
    }

    /// The text without edits' markup: insertions kept, deletions dropped, substitutions as their new
    /// text, comments dropped (for headings' ids and the table of contents).
    public static func accepted(_ text: String) -> String {
        guard containsDelimiter(text) else { return text }
        var output = ""
        var skipping = false
        for scalar in text.unicodeScalars {
            switch Delimiter(scalar) {
            case .deleteOpen?, .commentOpen?, .substituteOpen?: skipping = true
            case .deleteClose?, .commentClose?, .substituteSeparator?: skipping = false
            case .some: break
            case nil: if !skipping { output.unicodeScalars.append(scalar) }
            }
        }
        return output
    }

    /// The text as its authors wrote it, before the reviewers' marks: insertions dropped, deletions
    /// kept, substitutions as their old text, highlights as their text, comments dropped (for the
    /// redline, which compares the authors' versions; pending marks are shown on the chapter page).
    public static func original(_ text: String) -> String {
        guard containsDelimiter(text) else { return text }
        var output = ""
        var skipping = false
        for scalar in text.unicodeScalars {
            switch Delimiter(scalar) {
            case .insertOpen?, .commentOpen?, .substituteSeparator?: skipping = true
            case .insertClose?, .commentClose?, .substituteClose?: skipping = false
            case .some: break
            case nil: if !skipping { output.unicodeScalars.append(scalar) }
            }
        }
        return output
    }

    /// Whether UTF-8 text holds a delimiter: U+E100…U+E10A are EE 84 80…8A. Every text node of every
    /// page is asked.
    static func containsDelimiter(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        ByteSearch.containsSequence(startingWith: 0xEE, in: bytes) { bytes, index in
            index + 2 < bytes.count && bytes[index + 1] == 0x84 && (0x80...0x8A).contains(bytes[index + 2])
        }
    }

    static func containsDelimiter(_ text: String) -> Bool {
        ByteSearch.withUTF8(text, containsDelimiter)
    }

    /// Whether a tree parsed from `text` can hold a delimiter character at all: only when the text has
    /// one (lead byte EE) or a numeric character reference (`&#…;`), which cmark-gfm turns into one.
    /// Without either, `restoreCode` would walk the whole tree to change nothing.
    static func mayHoldDelimiters(_ text: String) -> Bool {
        ByteSearch.withUTF8(text) { bytes in
            ByteSearch.contains(0xEE, in: bytes)
                || ByteSearch.containsSequence(startingWith: UInt8(ascii: "&"), in: bytes) { bytes, index in
                    index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "#")
                }
        }
    }

    /// Restores the original text inside code spans and code blocks, where CriticMarkup never applies,
    /// and in link and image addresses.
    static func restoreCode(in document: MarkdownDocument) -> MarkdownDocument {
        var restored = document
        for index in document.nodes.indices {
            switch document[index].kind {
            case .codeBlock, .link, .image:
                let detail = document.detail(of: index)
                let decoded = decode(detail)
                if decoded != detail { restored.setDetail(of: index, to: decoded) }
                fallthrough
            case .code, .htmlBlock, .htmlInline:
                let text = document.text(of: index)
                let decoded = decode(text)
                if decoded != text { restored.setText(of: index, to: decoded) }
            default:
                continue
            }
        }
        return restored
    }
}

import FolioMarkdown

/// The syntax folio reads inside Markdown text, which cmark-gfm leaves as text: cross-references
/// (`@fig-broadband`, `[see @tbl-kpi-structure]`), labels (`{#box-karmoy}`) and reviewers'
/// CriticMarkup delimiters (already single characters, see `CriticMarkup`). Only text nodes are
/// scanned: code spans, code blocks and link addresses never are.
public enum InlineSyntax {
    static let prefixes = ["fig", "tbl", "box", "sec"]

    /// The text split into plain runs, edit delimiters and cross-references; nil when it holds none
    /// (nearly every text node), so the renderers show it as it is. `locate`: the position of a byte
    /// offset in `text`. `citations`: whether citations (`[@key]`, `@key`) are looked for too (not in
    /// link texts and headings).
    public static func segments(of text: String, citations: Bool = true, locate: (Int) -> SourceLocation) -> [InlineSegment]? {
        guard mayContainSyntax(text) else { return nil }
        let scalars = ScalarText(text)
        var segments: [InlineSegment] = []
        // The plain run since the last piece of syntax, cut from the text's own bytes when it ends.
        var runStart = 0
        var found = false
        var index = 0
        func flush() {
            if runStart < index { segments.append(.text(scalars.string(runStart..<index))) }
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if let delimiter = CriticMarkup.Delimiter(scalar) {
                flush()
                segments.append(.mark(delimiter))
                found = true
                index += 1
                if delimiter == .commentOpen, let attribution = attribution(scalars, from: index) {
                    segments.append(.attribution(attribution))
                    index += attribution.length
                }
                runStart = index
                continue
            }
            if scalar == "[", let (inner, end) = bracketedReferences(scalars, from: index, locate: locate) {
                flush()
                segments.append(contentsOf: inner)
                found = true
                index = end
                runStart = index
                continue
            }
            if scalar == "[", citations, let (citation, end) = CitationSyntax.bracketed(scalars, from: index, locate: locate) {
                flush()
                segments.append(.citation(citation))
                found = true
                index = end
                runStart = index
                continue
            }
            if scalar == "@", startsReference(scalars, at: index) {
                if let (reference, end) = reference(scalars, at: index, locate: locate) {
                    flush()
                    segments.append(.reference(reference))
                    found = true
                    index = end
                    runStart = index
                    continue
                }
                if citations, let (citation, end) = CitationSyntax.narrative(scalars, at: index, locate: locate) {
                    flush()
                    segments.append(.citation(citation))
                    found = true
                    index = end
                    runStart = index
                    continue
                }
            }
            index += 1
        }
        flush()
        return found ? segments : nil
    }

    /// A comment's author and date at `start`, when they are written there and end before the comment does.
    private static func attribution(_ scalars: ScalarText, from start: Int) -> CommentAttribution? {
        var end = start
        while end < min(scalars.count, start + CommentAttribution.maximumAuthorLength + 16), CriticMarkup.Delimiter(scalars[end]) == nil {
            end += 1
        }
        return CommentAttribution.parse(scalars.string(start..<end))
    }

    /// Whether the text may hold an `@` or an edit delimiter (private-use characters, whose UTF-8
    /// starts with 0xEE): the test that lets nearly all text through untouched.
    static func mayContainSyntax(_ text: String) -> Bool {
        ByteSearch.withUTF8(text, mayContainSyntax)
    }

    static func mayContainSyntax(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        ByteSearch.contains(UInt8(ascii: "@"), in: bytes) || ByteSearch.contains(0xEE, in: bytes)
    }

    /// An `@` starts a reference at the text's start or after anything but an ASCII letter or digit or
    /// one of `_ . @ + -` (so `someone@fig-example.org` stays an address). Other scripts may run into
    /// it: Chinese sets no space before a reference (`如@fig-x所示`).
    private static func startsReference(_ scalars: ScalarText, at index: Int) -> Bool {
        guard index > 0 else { return true }
        let before = scalars[index - 1]
        return !(isLabelCharacter(before) || before == "_" || before == "." || before == "@" || before == "+")
    }

    /// `@fig-name` at `index`: the reference and the index after it.
    private static func reference(_ scalars: ScalarText, at index: Int, locate: (Int) -> SourceLocation) -> (CrossReference, Int)? {
        var cursor = index + 1
        // `@`, three letters of prefix, `-`, and at least one character of name.
        guard cursor + 4 < scalars.count else { return nil }
        let written = scalars.string(cursor..<(cursor + 3))
        let prefix = written.lowercased()
        guard prefixes.contains(prefix),
              written == prefix || written == prefix.prefix(1).uppercased() + prefix.dropFirst() else { return nil }
        cursor += 3
        guard cursor < scalars.count, scalars[cursor] == "-" else { return nil }
        cursor += 1
        let nameStart = cursor
        while cursor < scalars.count {
            let scalar = scalars[cursor]
            if isLabelCharacter(scalar) {
                cursor += 1
            } else if (scalar == "." || scalar == ":"), cursor + 1 < scalars.count, isLabelCharacter(scalars[cursor + 1]),
                      scalars[cursor + 1] != "-" {
                cursor += 1
            } else {
                break
            }
        }
        // A name ends on a letter or digit: a hyphen before a space or a dash belongs to the sentence.
        while cursor > nameStart, scalars[cursor - 1] == "-" || scalars[cursor - 1] == "_" { cursor -= 1 }
        guard cursor > nameStart else { return nil }
        let name = scalars.string(nameStart..<cursor)
        let reference = CrossReference(label: "\(prefix)-\(name)", capitalized: written != prefix, location: locate(scalars.offsets[index]))
        return (reference, cursor)
    }

    /// `[see @fig-a; @fig-b]`: the bracket's content as segments, without the brackets, when it holds
    /// at least one cross-reference and no other `@` (a citation, `[@key, p. 4]`, is left as written).
    private static func bracketedReferences(_ scalars: ScalarText, from open: Int,
                                            locate: (Int) -> SourceLocation) -> ([InlineSegment], Int)? {
        var close = open + 1
        while close < scalars.count, scalars[close] != "]" {
            if scalars[close] == "[" || CriticMarkup.Delimiter(scalars[close]) != nil { return nil }
            close += 1
        }
        guard close < scalars.count else { return nil }
        var inner: [InlineSegment] = []
        var runStart = open + 1
        var index = open + 1
        var references = 0
        while index < close {
            if scalars[index] == "@" {
                guard startsReference(scalars, at: index),
                      let (reference, end) = reference(scalars, at: index, locate: locate), end <= close else { return nil }
                if runStart < index { inner.append(.text(scalars.string(runStart..<index))) }
                inner.append(.reference(reference))
                references += 1
                index = end
                runStart = end
                continue
            }
            index += 1
        }
        guard references > 0 else { return nil }
        if runStart < close { inner.append(.text(scalars.string(runStart..<close))) }
        return (inner, close + 1)
    }

    static func isLabelCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "-", "_": true
        default: false
        }
    }

    /// A label written at the end of a text (`Karmøy: verified KPIs {#box-karmoy}`): the label and the
    /// text before it, trailing spaces removed. Nil when the text does not end with one.
    public static func trailingLabel(in text: String) -> (label: String, rest: String)? {
        var scalars = Substring(text).unicodeScalars
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        guard scalars.last == "}" else { return nil }
        scalars.removeLast()
        var name = String.UnicodeScalarView()
        while let last = scalars.last, isLabelCharacter(last) {
            name.insert(last, at: name.startIndex)
            scalars.removeLast()
        }
        guard scalars.last == "#" else { return nil }
        scalars.removeLast()
        guard scalars.last == "{", !name.isEmpty else { return nil }
        scalars.removeLast()
        var rest = String(scalars)
        while rest.hasSuffix(" ") || rest.hasSuffix("\t") { rest.removeLast() }
        return (String(name), rest)
    }

    /// A label's kind from its prefix (`fig-x` → figure); nil for a label with no known prefix.
    static func prefix(of label: String) -> String? {
        guard let dash = label.firstIndex(of: "-") else { return nil }
        let prefix = String(label[..<dash])
        return prefixes.contains(prefix) ? prefix : nil
    }
}

/// A text as the scalars the finders step through, each scalar's UTF-8 offset (and the end's), and
/// its bytes: what they find is placed by its byte offset and cut from the text's own bytes.
struct ScalarText {
    let scalars: [Unicode.Scalar]
    let offsets: [Int]
    private let bytes: [UInt8]

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
        offsets = Self.utf8Offsets(of: scalars)
        bytes = Array(text.utf8)
    }

    var count: Int { scalars.count }

    subscript(index: Int) -> Unicode.Scalar { scalars[index] }

    /// The text of the scalars in `range`.
    func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[offsets[range.lowerBound]..<offsets[range.upperBound]], as: UTF8.self)
    }

    static func utf8Offsets(of scalars: [Unicode.Scalar]) -> [Int] {
        var offsets: [Int] = []
        offsets.reserveCapacity(scalars.count + 1)
        var offset = 0
        for scalar in scalars {
            offsets.append(offset)
            offset += UTF8.width(scalar)
        }
        offsets.append(offset)
        return offsets
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// A definition written in the Markdown that the parsed tree holds no node of: a link reference
/// definition (`[label]: /url "title"`: cmark-gfm resolves links with it and keeps nothing of it), or a
/// footnote definition cmark-gfm left out of the tree (never referenced, or a second one with the same
/// label). When there are such footnote definitions, the ones the tree kept are listed too
/// (`isInTree`), so that labels can be compared.
public struct MarkdownDefinition: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case footnote
        case link
    }

    public var kind: Kind
    /// The label as written between the brackets (without a footnote's `^`).
    public var label: String
    /// Where its `[` is.
    public var start: SourcePoint
    /// A footnote definition the tree holds (as a `footnoteDefinition` node).
    public var isInTree: Bool
    /// A link reference definition's destination and title, as cmark-gfm gives them to the links that
    /// use it (empty for footnotes).
    public var destination: String
    public var title: String

    /// The label as cmark-gfm matches it: case-folded, inner white space as one space.
    public var normalizedLabel: String {
        label.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

/// Finds the definitions of `MarkdownDefinition` without reading Markdown syntax itself.
///
/// cmark-gfm frees unreferenced and duplicate footnote definitions before it returns its tree, and its
/// map of link reference definitions lives inside the parser (without positions). What the tree does
/// give is the lines of every block it kept: a non-blank line that no leaf block covers is a line whose
/// content the page will not show. Those lines (the ones with a `]:`) are parsed again one by one
/// without the footnote extension: a line cmark-gfm then turns into no content at all is a link
/// reference definition (its label is read up to the first unescaped `]`, its destination from
/// cmark-gfm's own resolution of a reference to it); a line that becomes a paragraph starting with
/// `[^label]:` is a footnote definition. Code blocks, code spans and HTML blocks are leaf blocks that
/// cover their lines, so text in them is never mistaken for a definition (a regular expression over the
/// raw Markdown would be). The common chapter (every line covered) costs one `memchr` pass.
///
/// Known limit: link reference definitions directly above a paragraph's text (no blank line between)
/// are covered by that paragraph's lines in Debian's cmark-gfm 0.29 and are not found.
struct DefinitionFinder {
    let text: String
    let leafLines: [ClosedRange<Int>]
    let footnoteLines: [Int]

    func definitions() -> [MarkdownDefinition] {
        var text = self.text
        let candidates = text.withUTF8(Self.linesWithColon)
        guard !candidates.isEmpty else { return [] }
        var found: [MarkdownDefinition] = []
        for (number, line) in candidates where !leafLines.contains(where: { $0.contains(number) }) {
            if let definition = Self.definition(in: line[...], at: number) { found.append(definition) }
        }
        if found.contains(where: { $0.kind == .footnote }) {
            let byNumber = Dictionary(candidates.map { ($0.number, $0.bytes) }, uniquingKeysWith: { first, _ in first })
            for number in footnoteLines {
                guard let line = byNumber[number], var kept = Self.definition(in: line[...], at: number), kept.kind == .footnote else { continue }
                kept.isInTree = true
                found.append(kept)
            }
        }
        return found.sorted { ($0.start.line, $0.start.column) < ($1.start.line, $1.start.column) }
    }

    /// The lines with a `]:` (every definition has one on its first line), numbered as cmark-gfm numbers
    /// them (LF, CR or CRLF end a line). One pass with `memchr` over the text: the common chapter, whose
    /// only such lines are footnote definitions its leaf blocks cover, costs little more than that.
    static func linesWithColon(_ bytes: UnsafeBufferPointer<UInt8>) -> [(number: Int, bytes: [UInt8])] {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return [] }
        let count = bytes.count
        let newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
        let hasCarriageReturns = memchr(base, Int32(carriageReturn), count) != nil
        /// The offset of the next line break at or after `offset` (or the end).
        func lineEnd(from offset: Int) -> Int {
            if !hasCarriageReturns {
                guard let hit = memchr(base + offset, Int32(newline), count - offset) else { return count }
                return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            }
            var index = offset
            while index < count, bytes[index] != newline, bytes[index] != carriageReturn { index += 1 }
            return index
        }
        var found: [(number: Int, bytes: [UInt8])] = []
        var line = 1, lineStart = 0, search = 0
        while search < count, let hit = memchr(base + search, Int32(UInt8(ascii: "]")), count - search) {
            let offset = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            search = offset + 1
            guard offset + 1 < count, bytes[offset + 1] == UInt8(ascii: ":") else { continue }
            // Count the line breaks from the current line's start up to the `]`.
            var index = lineStart
            while true {
                let end = lineEnd(from: index)
                guard end < offset else { break }
                index = end + (bytes[end] == carriageReturn && end + 1 < count && bytes[end + 1] == newline ? 2 : 1)
                line += 1
            }
            lineStart = index
            let end = lineEnd(from: offset)
            found.append((line, Array(bytes[lineStart..<end])))
            search = end
        }
        return found
    }

    /// The definition that starts on `line` (number `number`), read by parsing the line alone.
    private static func definition(in line: ArraySlice<UInt8>, at number: Int) -> MarkdownDefinition? {
        // Leading white space dropped: the whole parse found no code block here, and alone, a line
        // indented in a list item would become one.
        let trimmed = line.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        guard let bracket = trimmed.firstIndex(of: UInt8(ascii: "[")) else { return nil }
        let column = bracket - line.startIndex + 1
        let source = String(decoding: trimmed, as: UTF8.self)
        let alone = MarkdownParser.parseWithoutFootnotes(source + "\n")
        if alone.nodes.allSatisfy({ [.document, .blockQuote, .list, .item].contains($0.kind) }) {
            // Nothing to show: cmark-gfm took the line as a link reference definition.
            guard let label = Self.label(trimmed[(bracket + 1)...]) else { return nil }
            let point = SourcePoint(line: number, column: column)
            if label.hasPrefix("^") {
                return MarkdownDefinition(kind: .footnote, label: String(label.dropFirst()), start: point, isInTree: false,
                                          destination: "", title: "")
            }
            let target = Self.target(of: source, label: label)
            return MarkdownDefinition(kind: .link, label: label, start: point, isInTree: false,
                                      destination: target.destination, title: target.title)
        }
        guard let paragraph = alone.nodes.firstIndex(where: { $0.kind == .paragraph }),
              let first = alone.children(of: paragraph).first, alone[first].kind == .text else { return nil }
        let words = alone.text(of: first)
        guard words.hasPrefix("[^"), let close = words.firstIndex(of: "]"),
              words[words.index(after: close)...].hasPrefix(":") else { return nil }
        let label = words[words.index(words.startIndex, offsetBy: 2)..<close]
        guard !label.isEmpty, !label.contains(where: \.isWhitespace) else { return nil }
        return MarkdownDefinition(kind: .footnote, label: String(label), start: SourcePoint(line: number, column: column),
                                  isInTree: false, destination: "", title: "")
    }

    /// The label of a definition line, from after its `[` to the first unescaped `]`, which a `:` follows.
    private static func label(_ rest: ArraySlice<UInt8>) -> String? {
        var index = rest.startIndex
        while index < rest.endIndex {
            switch rest[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "]"):
                let next = index + 1
                guard next < rest.endIndex, rest[next] == UInt8(ascii: ":"), index > rest.startIndex else { return nil }
                return String(decoding: rest[rest.startIndex..<index], as: UTF8.self)
            default: index += 1
            }
        }
        return nil
    }

    /// The destination and title cmark-gfm gives a link that uses the definition on `line`.
    private static func target(of line: String, label: String) -> (destination: String, title: String) {
        let probe = MarkdownParser.parseWithoutFootnotes(line + "\n\n[\(label)][]\n")
        guard let link = probe.nodes.firstIndex(where: { $0.kind == .link || $0.kind == .image }) else { return ("", "") }
        return (probe.text(of: link), probe.detail(of: link))
    }
}

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
/// raw Markdown would be). The common chapter (every line covered) costs one pass over its lines.
///
/// Known limit: link reference definitions directly above a paragraph's text (no blank line between)
/// are covered by that paragraph's lines in Debian's cmark-gfm 0.29 and are not found.
struct DefinitionFinder {
    let text: String
    let leafLines: [ClosedRange<Int>]
    let footnoteLines: [Int]

    func definitions() -> [MarkdownDefinition] {
        let lines = Self.lines(of: text)
        guard !lines.isEmpty else { return [] }
        var covered = [Bool](repeating: false, count: lines.count + 2)
        for range in leafLines {
            let first = max(range.lowerBound, 1), last = min(range.upperBound, lines.count)
            guard first <= last else { continue }
            for line in first...last { covered[line] = true }
        }
        var found: [MarkdownDefinition] = []
        for (offset, line) in lines.enumerated() where !covered[offset + 1] && Self.mayDefine(line) {
            if let definition = Self.definition(in: line, at: offset + 1) { found.append(definition) }
        }
        if found.contains(where: { $0.kind == .footnote }) {
            for number in footnoteLines where number >= 1 && number <= lines.count {
                if var kept = Self.definition(in: lines[number - 1], at: number), kept.kind == .footnote {
                    kept.isInTree = true
                    found.append(kept)
                }
            }
        }
        return found.sorted { ($0.start.line, $0.start.column) < ($1.start.line, $1.start.column) }
    }

    /// The lines of `text` as bytes, as cmark-gfm counts them (LF, CR or CRLF end a line).
    static func lines(of text: String) -> [ArraySlice<UInt8>] {
        let bytes = Array(text.utf8)
        var lines: [ArraySlice<UInt8>] = []
        var start = 0, index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                lines.append(bytes[start..<index])
                if byte == UInt8(ascii: "\r"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") { index += 1 }
                start = index + 1
            }
            index += 1
        }
        if start < bytes.count { lines.append(bytes[start..<bytes.count]) }
        return lines
    }

    /// Every definition has a `]:` on its first line: other uncovered lines (blank block quote lines,
    /// a definition's continuation) are not parsed again.
    private static func mayDefine(_ line: ArraySlice<UInt8>) -> Bool {
        var previous: UInt8 = 0
        for byte in line {
            if previous == UInt8(ascii: "]"), byte == UInt8(ascii: ":") { return true }
            previous = byte
        }
        return false
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

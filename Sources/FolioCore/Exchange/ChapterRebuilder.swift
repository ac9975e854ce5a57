/// Writes a translation's Markdown body: the source body, byte for byte, with each translated unit's
/// bytes replaced by its translation (placeholders put back as the Markdown they stand for). Everything
/// that is not a unit (KPI blocks, code, labels, table pipes, list markers, footnote labels) is copied.
enum ChapterRebuilder {
    static func body(of source: ExchangeChapter, targets: [String: UnitText]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(source.body.bytes.count)
        var copied = 0
        let bytes = source.body.bytes
        let units = source.units.filter { $0.range != nil }.sorted { $0.range!.lowerBound < $1.range!.lowerBound }
        for unit in units {
            guard let range = unit.range, range.lowerBound >= copied, let target = targets[unit.id] else { continue }
            out += bytes[copied..<range.lowerBound]
            if target == unit.text {
                out += bytes[range]
            } else {
                let atLineStart = range.lowerBound == 0 || isLineStart(bytes, range.lowerBound)
                out += Array(markdown(of: target, in: unit, atLineStart: atLineStart).utf8)
            }
            copied = range.upperBound
        }
        out += bytes[copied...]
        return CriticMarkup.decode(String(decoding: out, as: UTF8.self))
    }

    /// Whether only a block's prefix (spaces, `>`, a list marker) stands before `offset` on its line.
    private static func isLineStart(_ bytes: [UInt8], _ offset: Int) -> Bool {
        var index = offset
        while index > 0, bytes[index - 1] != 0x0A {
            index -= 1
            let byte = bytes[index]
            guard byte == 0x20 || byte == 0x09 || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "*")
                    || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ")") || (0x30...0x39).contains(byte) else {
                return false
            }
        }
        return true
    }

    /// The Markdown of a translated unit.
    static func markdown(of target: UnitText, in unit: TranslationUnit, atLineStart: Bool) -> String {
        let pieces = spacesOutsideTags(target.pieces)
        var out = ""
        for (position, piece) in pieces.enumerated() {
            switch piece {
            case .text(let text):
                switch unit.context {
                case .inline: out += MarkdownEscaping.inline(text, atStart: position == 0 && atLineStart, inTable: false)
                case .tableCell: out += MarkdownEscaping.inline(text, atStart: false, inTable: true)
                case .title(let quote): out += MarkdownEscaping.title(text, quote: quote)
                case .frontMatter: out += YAMLQuoting.doubleQuoted(text, lineBreaks: .space)
                }
            case .standalone(let id) where unit.placeholder(id)?.kind == .reference:
                out += reference(unit.placeholder(id)?.opening ?? "", capitalized: startsSentence(out))
            case .open(let id), .standalone(let id): out += unit.placeholder(id)?.opening ?? ""
            case .close(let id): out += unit.placeholder(id)?.closing ?? ""
            }
        }
        return out
    }

    /// A cross-reference written as the sentence needs it: `@Fig-x` where a sentence starts (the
    /// rendered text then starts with a capital), `@fig-x` elsewhere, whatever the source language did.
    static func reference(_ written: String, capitalized: Bool) -> String {
        guard written.hasPrefix("@"), written.count > 1 else { return written }
        let first = written.dropFirst().prefix(1)
        return "@" + (capitalized ? first.uppercased() : first.lowercased()) + written.dropFirst(2)
    }

    /// Whether text written so far ends where a sentence starts: nothing yet, or `.`, `!`, `?` then spaces.
    static func startsSentence(_ text: String) -> Bool {
        let trimmed = text.reversed().drop { $0 == " " || $0 == "\u{A0}" }
        guard let last = trimmed.first else { return true }
        return ".!?。！？".contains(last)
    }

    /// `<1> word</1>` would not be emphasis in Markdown (`* word*`): spaces just inside a paired tag
    /// move outside it, as the translator meant.
    static func spacesOutsideTags(_ pieces: [UnitPiece]) -> [UnitPiece] {
        var result = pieces
        var changed = true
        while changed {
            changed = false
            for index in result.indices.dropLast() {
                if case .open = result[index], case .text(let text) = result[index + 1], let first = text.first, first == " " {
                    let trimmed = String(text.drop { $0 == " " })
                    let spaces = String(repeating: " ", count: text.count - trimmed.count)
                    result[index + 1] = result[index]
                    result[index] = .text(spaces)
                    result.insert(.text(trimmed), at: index + 2)
                    changed = true
                    break
                }
                if case .text(let text) = result[index], case .close = result[index + 1], let last = text.last, last == " " {
                    var trimmed = text
                    while trimmed.last == " " { trimmed.removeLast() }
                    let spaces = String(repeating: " ", count: text.count - trimmed.count)
                    result[index] = result[index + 1]
                    result[index + 1] = .text(spaces)
                    result.insert(.text(trimmed), at: index)
                    changed = true
                    break
                }
            }
        }
        return UnitText(result).pieces
    }
}

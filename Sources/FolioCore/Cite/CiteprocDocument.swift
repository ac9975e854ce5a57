import Foundation

/// The document one citeproc run formats: every citation of one language's book, in reading order,
/// each in a paragraph of its own inside a span that names it (`c-<unit>-<ordinal>`), as pandoc's JSON.
/// A citation inside a footnote or a figure's source line is put inside a note, so that a note style
/// sets it in the note's text instead of calling a note of its own. Pandoc adds the reference list.
package struct CiteprocDocument {
    /// A chapter whose citations go into the document.
    struct Unit {
        var path: String
        var slug: String
        var number: Int
        var model: ChapterModel
    }

    let units: [Unit]
    /// Each unit's citations in reading order (`readingOrder(of:)`), found once for the document and
    /// for the places the reference list links back to.
    let readingOrders: [[Citation]]

    init(units: [Unit]) {
        self.units = units
        readingOrders = units.map { Self.readingOrder(of: $0.model) }
    }

    /// The span id of a unit's citation.
    static func spanID(unit: Int, ordinal: Int) -> String { "c-\(unit)-\(ordinal)" }

    /// The citations of a chapter in the order a reader meets them: those in running text where they
    /// stand, those of a footnote where the footnote is called, the rest (figure sources) after.
    static func readingOrder(of model: ChapterModel) -> [Citation] {
        var order: [Citation] = []
        var done = Set<Int>()
        var byFootnote: [String: [Citation]] = [:]
        for citation in model.citations {
            if case .footnote(let label) = citation.placement { byFootnote[label, default: []].append(citation) }
        }
        for call in model.noteCalls {
            switch call {
            case .citation(let ordinal):
                guard ordinal >= 1, ordinal <= model.citations.count, done.insert(ordinal).inserted else { continue }
                order.append(model.citations[ordinal - 1])
            case .footnote(let label):
                for citation in byFootnote.removeValue(forKey: label) ?? [] where done.insert(citation.ordinal).inserted {
                    order.append(citation)
                }
            }
        }
        for citation in model.citations where done.insert(citation.ordinal).inserted { order.append(citation) }
        return order
    }

    /// The JSON pandoc reads (`-f json`), written directly: JSONSerialization (with sorted keys, for
    /// the same bytes every time) took a quarter of a citing build at 1,000 citations per language.
    func json() -> Data {
        var out = JSONText()
        out.raw("{\"pandoc-api-version\":[\(Pandoc.apiVersion.map(String.init).joined(separator: ","))],\"meta\":{},\"blocks\":[")
        var first = true
        for (unitIndex, unit) in units.enumerated() {
            for citation in readingOrders[unitIndex] {
                if !first { out.raw(",") }
                first = false
                let inNote = citation.placement != .text
                out.raw(inNote ? "{\"t\":\"Para\",\"c\":[{\"t\":\"Note\",\"c\":[{\"t\":\"Para\",\"c\":[" : "{\"t\":\"Para\",\"c\":[")
                out.raw("{\"t\":\"Span\",\"c\":[[")
                out.string(Self.spanID(unit: unitIndex, ordinal: citation.ordinal))
                out.raw(",[],[]],[{\"t\":\"Cite\",\"c\":[[")
                for (position, item) in citation.items.enumerated() {
                    if position > 0 { out.raw(",") }
                    let mode = item.suppressAuthor ? "SuppressAuthor" : citation.mode == .narrative ? "AuthorInText" : "NormalCitation"
                    out.raw("{\"citationId\":")
                    out.string(item.key)
                    out.raw(",\"citationPrefix\":")
                    Self.writeInlines(item.prefix, into: &out)
                    out.raw(",\"citationSuffix\":")
                    Self.writeInlines(item.suffix, into: &out)
                    out.raw(",\"citationMode\":{\"t\":\"\(mode)\"},\"citationNoteNum\":0,\"citationHash\":0}")
                }
                out.raw("],[{\"t\":\"Str\",\"c\":")
                out.string(citation.written)
                out.raw("}]]}]]}")
                out.raw(inNote ? "]}]}]}" : "]}")
            }
        }
        out.raw("]}")
        return Data(out.bytes)
    }

    /// Plain text as pandoc's words (`Str`) and the spaces between them, split as the editions split it.
    private static func writeInlines(_ text: String, into out: inout JSONText) {
        out.raw("[")
        for (position, inline) in PandocInline.text(text).enumerated() {
            if position > 0 { out.raw(",") }
            if case .str(let word) = inline {
                out.raw("{\"t\":\"Str\",\"c\":")
                out.string(word)
                out.raw("}")
            } else {
                out.raw("{\"t\":\"Space\"}")
            }
        }
        out.raw("]")
    }

    /// `text` as the JSON list of inlines the document gives pandoc (the fuzzing harness parses it).
    package static func inlinesJSON(_ text: String) -> [UInt8] {
        var out = JSONText()
        writeInlines(text, into: &out)
        return out.bytes
    }
}

/// JSON text written piece by piece: raw syntax, and strings escaped as RFC 8259 requires.
struct JSONText {
    private(set) var bytes: [UInt8] = []

    mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

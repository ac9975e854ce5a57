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

    /// The JSON pandoc reads (`-f json`).
    func json() -> Data {
        var blocks: [Any] = []
        for (unitIndex, unit) in units.enumerated() {
            for citation in Self.readingOrder(of: unit.model) {
                let cite: [String: Any] = ["t": "Cite", "c": [citation.items.map { item(for: $0, mode: citation.mode) },
                                                             [["t": "Str", "c": citation.written]]]]
                let span: [String: Any] = ["t": "Span", "c": [[Self.spanID(unit: unitIndex, ordinal: citation.ordinal), [String](), [[String]]()],
                                                              [cite]]]
                if citation.placement == .text {
                    blocks.append(["t": "Para", "c": [span]])
                } else {
                    blocks.append(["t": "Para", "c": [["t": "Note", "c": [["t": "Para", "c": [span]]]]]])
                }
            }
        }
        let document: [String: Any] = ["pandoc-api-version": Pandoc.apiVersion, "meta": [String: Any](), "blocks": blocks]
        return (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])) ?? Data()
    }

    private func item(for item: CitationItem, mode: Citation.Mode) -> [String: Any] {
        let citationMode: String
        if item.suppressAuthor {
            citationMode = "SuppressAuthor"
        } else {
            citationMode = mode == .narrative ? "AuthorInText" : "NormalCitation"
        }
        return ["citationId": item.key, "citationPrefix": Self.inlines(item.prefix), "citationSuffix": Self.inlines(item.suffix),
                "citationMode": ["t": citationMode], "citationNoteNum": 0, "citationHash": 0]
    }

    /// Plain text as pandoc inlines: words (`Str`) and the spaces between them.
    package static func inlines(_ text: String) -> [[String: Any]] {
        var out: [[String: Any]] = []
        var word = ""
        for character in text {
            if character == " " || character == "\n" || character == "\t" {
                if !word.isEmpty { out.append(["t": "Str", "c": word]) }
                word = ""
                if let last = out.last, last["t"] as? String != "Space" { out.append(["t": "Space"]) }
            } else {
                word.append(character)
            }
        }
        if !word.isEmpty { out.append(["t": "Str", "c": word]) }
        return out
    }
}

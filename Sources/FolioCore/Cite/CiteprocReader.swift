import Foundation

/// Reads what citeproc made of a `CiteprocDocument`: each named span's formatted citation, and the
/// reference list (`Div#refs` of `Div.csl-entry#ref-<key>`), as `FormattedInline` trees.
struct CiteprocReader: Sendable, Equatable {
    private(set) var citations: [String: FormattedCitation] = [:]
    private(set) var entries: [FormattedEntry] = []

    init(citations: [String: FormattedCitation], entries: [FormattedEntry]) {
        self.citations = citations
        self.entries = entries
    }

    /// Nil when the output is not pandoc's JSON.
    init?(json: Data) {
        guard let document = try? JSONSerialization.jsonObject(with: json) as? [String: Any],
              let blocks = document["blocks"] as? [Any] else { return nil }
        readBlocks(blocks)
    }

    private mutating func readBlocks(_ blocks: [Any]) {
        for case let block as [String: Any] in blocks {
            let content = block["c"]
            switch block["t"] as? String {
            case "Para", "Plain":
                findSpans(in: content as? [Any] ?? [])
            case "Div":
                guard let parts = content as? [Any], parts.count == 2, let attributes = parts[0] as? [Any],
                      let children = parts[1] as? [Any] else { continue }
                let id = attributes.first as? String ?? ""
                let classes = attributes.count > 1 ? attributes[1] as? [String] ?? [] : []
                if classes.contains("csl-entry"), id.hasPrefix("ref-") {
                    entries.append(FormattedEntry(key: String(id.dropFirst(4)), content: Self.blockInlines(children)))
                } else {
                    readBlocks(children)
                }
            default:
                continue
            }
        }
    }

    /// The spans `c-…` in a paragraph (or inside its note).
    private mutating func findSpans(in inlines: [Any]) {
        for case let inline as [String: Any] in inlines {
            switch inline["t"] as? String {
            case "Span":
                guard let parts = inline["c"] as? [Any], parts.count == 2, let attributes = parts[0] as? [Any],
                      let id = attributes.first as? String, id.hasPrefix("c-"), let children = parts[1] as? [Any] else { continue }
                citations[id] = Self.citation(children)
            case "Note":
                for case let block as [String: Any] in inline["c"] as? [Any] ?? [] {
                    findSpans(in: block["c"] as? [Any] ?? [])
                }
            default:
                continue
            }
        }
    }

    /// A span's citation: its text, and the note pandoc made of it in a note style.
    private static func citation(_ inlines: [Any]) -> FormattedCitation {
        var note: [FormattedInline]?
        var shown: [Any] = []
        // The Cite's own content holds the formatted text (and, in a note style, the Note).
        for case let inline as [String: Any] in inlines {
            if inline["t"] as? String == "Cite", let parts = inline["c"] as? [Any], parts.count == 2, let content = parts[1] as? [Any] {
                for case let part as [String: Any] in content {
                    if part["t"] as? String == "Note" {
                        note = blockInlines(part["c"] as? [Any] ?? [])
                    } else {
                        shown.append(part)
                    }
                }
            } else {
                shown.append(inline)
            }
        }
        return FormattedCitation(inline: trimmed(convert(shown)), note: note.map(trimmed))
    }

    /// The inlines of blocks (a note's or an entry's paragraphs), paragraphs joined by a space.
    private static func blockInlines(_ blocks: [Any]) -> [FormattedInline] {
        var out: [FormattedInline] = []
        for case let block as [String: Any] in blocks {
            let converted: [FormattedInline]
            switch block["t"] as? String {
            case "Para", "Plain": converted = convert(block["c"] as? [Any] ?? [])
            case "Div":
                let parts = block["c"] as? [Any] ?? []
                converted = parts.count == 2 ? blockInlines(parts[1] as? [Any] ?? []) : []
            default: converted = []
            }
            if !out.isEmpty, !converted.isEmpty { out.append(.text(" ")) }
            out.append(contentsOf: converted)
        }
        return merged(out)
    }

    /// Pandoc inlines → formatted inlines; spans are dissolved, spaces become text.
    static func convert(_ inlines: [Any]) -> [FormattedInline] {
        var out: [FormattedInline] = []
        for case let inline as [String: Any] in inlines {
            let content = inline["c"]
            switch inline["t"] as? String {
            case "Str": out.append(.text(content as? String ?? ""))
            case "Space", "SoftBreak", "LineBreak": out.append(.text(" "))
            case "Emph": out.append(.emphasis(convert(content as? [Any] ?? [])))
            case "Strong": out.append(.strong(convert(content as? [Any] ?? [])))
            case "SmallCaps": out.append(.smallCaps(convert(content as? [Any] ?? [])))
            case "Superscript": out.append(.superscript(convert(content as? [Any] ?? [])))
            case "Subscript": out.append(.subscript(convert(content as? [Any] ?? [])))
            case "Underline", "Strikeout": out.append(contentsOf: convert(content as? [Any] ?? []))
            case "Span":
                let parts = content as? [Any] ?? []
                if parts.count == 2 { out.append(contentsOf: convert(parts[1] as? [Any] ?? [])) }
            case "Quoted":
                let parts = content as? [Any] ?? []
                let double = ((parts.first as? [String: Any])?["t"] as? String) == "DoubleQuote"
                out.append(.text(double ? "“" : "‘"))
                if parts.count == 2 { out.append(contentsOf: convert(parts[1] as? [Any] ?? [])) }
                out.append(.text(double ? "”" : "’"))
            case "Code":
                let parts = content as? [Any] ?? []
                if parts.count == 2 { out.append(.text(parts[1] as? String ?? "")) }
            case "Link":
                let parts = content as? [Any] ?? []
                guard parts.count == 3, let target = parts[2] as? [Any], let url = target.first as? String else { continue }
                let children = convert(parts[1] as? [Any] ?? [])
                if url.hasPrefix("#ref-") {
                    out.append(contentsOf: Self.entryLink(key: String(url.dropFirst(5)), children))
                } else {
                    out.append(.link(url: url, children))
                }
            case "Cite":
                let parts = content as? [Any] ?? []
                if parts.count == 2 { out.append(contentsOf: convert(parts[1] as? [Any] ?? [])) }
            default:
                continue
            }
        }
        return merged(out)
    }

    /// A link to an entry around text that holds a link out (pandoc links a whole note to its
    /// entry, URL and all): links cannot nest, so the entry's link ends where the first link out starts.
    private static func entryLink(key: String, _ children: [FormattedInline]) -> [FormattedInline] {
        guard let first = children.firstIndex(where: { if case .link = $0 { true } else { false } }) else {
            return [.entry(key: key, children)]
        }
        let before = Array(children[..<first])
        return (before.isEmpty ? [] : [.entry(key: key, before)]) + Array(children[first...])
    }

    /// Adjacent texts joined, so that renderers and comparisons see words whole.
    private static func merged(_ inlines: [FormattedInline]) -> [FormattedInline] {
        var out: [FormattedInline] = []
        for inline in inlines {
            if case .text(let next) = inline, case .text(let previous)? = out.last {
                out[out.count - 1] = .text(previous + next)
            } else {
                out.append(inline)
            }
        }
        return out
    }

    /// Without leading and trailing spaces.
    private static func trimmed(_ inlines: [FormattedInline]) -> [FormattedInline] {
        var out = inlines
        if case .text(let first)? = out.first {
            let trimmed = String(first.drop { $0 == " " })
            if trimmed.isEmpty { out.removeFirst() } else { out[0] = .text(trimmed) }
        }
        if case .text(let last)? = out.last {
            var trimmed = last
            while trimmed.hasSuffix(" ") { trimmed.removeLast() }
            if trimmed.isEmpty { out.removeLast() } else { out[out.count - 1] = .text(trimmed) }
        }
        return out
    }
}

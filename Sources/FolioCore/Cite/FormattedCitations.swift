/// Text as citeproc formatted it: the part of pandoc's inline tree that citations and reference
/// entries use. The site and the print edition both render this one value.
public indirect enum FormattedInline: Sendable, Hashable {
    case text(String)
    case emphasis([FormattedInline])
    case strong([FormattedInline])
    case smallCaps([FormattedInline])
    case superscript([FormattedInline])
    case `subscript`([FormattedInline])
    /// A link out (a DOI or URL of the entry).
    case link(url: String, [FormattedInline])
    /// A link to a reference list entry, by its key.
    case entry(key: String, [FormattedInline])

    /// The plain text (for tests, titles and the length of things).
    public static func plainText(_ inlines: [FormattedInline]) -> String {
        var out = ""
        for inline in inlines {
            switch inline {
            case .text(let text): out += text
            case .emphasis(let inner), .strong(let inner), .smallCaps(let inner), .superscript(let inner), .subscript(let inner),
                 .link(_, let inner), .entry(_, let inner):
                out += plainText(inner)
            }
        }
        return out
    }
}

/// One citation as formatted: what stands in the text, and, in a note style, the note it calls.
public struct FormattedCitation: Sendable, Hashable {
    /// In the text: "(UNECE 2020, 14)", or the author's name of a narrative citation in a note style.
    public var inline: [FormattedInline]
    /// The note's text, when the citation is a footnote.
    public var note: [FormattedInline]?
}

/// One entry of the reference list.
public struct FormattedEntry: Sendable, Hashable {
    public var key: String
    public var content: [FormattedInline]
}

/// Where a work is cited: the reference list links back to each place.
public struct CitationPlace: Sendable, Hashable {
    public var slug: String
    public var chapterNumber: Int
    /// The citation's anchor on its chapter page (`cite-3`).
    public var anchor: String
}

/// The citations and the reference list of one language's book, from one citeproc run.
public struct LanguageCitations: Sendable {
    public var language: String
    public var isNoteStyle: Bool
    public var referenceList: ReferenceListPlacement
    /// False when pandoc was missing or failed: citations are shown as written and entries as keys.
    public var isFormatted: Bool
    /// Chapter path → its citations by ordinal (index 0 is ordinal 1).
    public var citations: [String: [FormattedCitation?]] = [:]
    /// The cited entries, in the style's order.
    public var entries: [FormattedEntry] = []
    /// Key → where it is cited, in reading order.
    public var places: [String: [CitationPlace]] = [:]
    /// Chapter slug → the keys it cites, in the style's order (per-chapter reference lists).
    public var keysBySlug: [String: [String]] = [:]

    public func citation(path: String, ordinal: Int) -> FormattedCitation? {
        guard let list = citations[path], ordinal >= 1, ordinal <= list.count else { return nil }
        return list[ordinal - 1]
    }

    /// The entries a chapter's own reference list shows.
    public func entries(citedIn slug: String) -> [FormattedEntry] {
        let keys = Set(keysBySlug[slug] ?? [])
        return entries.filter { keys.contains($0.key) }
    }
}

/// The id of an entry of the reference list: `ref-<key>`, with characters that ids and URL fragments
/// cannot carry as they are written as `_xx` (their UTF-8 in hex). Pandoc's own links (`#ref-<key>`)
/// are read back into keys, never copied.
public enum ReferenceAnchor {
    public static func id(for key: String) -> String {
        var out = "ref-"
        for byte in key.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16)
                out += "_" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}

/// One cited work inside a citation: `see @u4ssc-karmoy-2020, p. 14` is the prefix "see", the key
/// and the suffix ", p. 14" (pandoc finds the locator in the suffix, in the language's terms).
public struct CitationItem: Sendable, Hashable {
    /// The bibliography key, without its `@`.
    public var key: String
    /// Text before the key inside the brackets ("see").
    public var prefix: String
    /// Text after the key (", p. 14"), where pandoc's citeproc reads the locator.
    public var suffix: String
    /// `[-@key]`: the author is left out ("(2020)" after a sentence that names them).
    public var suppressAuthor: Bool
    /// Where the key's `@` is written.
    public var location: SourceLocation

    public init(key: String, prefix: String = "", suffix: String = "", suppressAuthor: Bool = false, location: SourceLocation) {
        self.key = key
        self.prefix = prefix
        self.suffix = suffix
        self.suppressAuthor = suppressAuthor
        self.location = location
    }
}

/// A citation written in pandoc's syntax: `[@a, p. 4; @b]` (parenthetical) or `@a` / `@a [p. 4]`
/// (narrative: the author is part of the sentence).
public struct Citation: Sendable, Hashable {
    public enum Mode: Sendable, Hashable {
        case parenthetical
        case narrative
    }

    /// Where the citation stands, which decides how a note style sets it.
    public enum Placement: Sendable, Hashable {
        /// In running text: in a note style it becomes a footnote of its own.
        case text
        /// Inside the footnote with this (cmark-gfm) label: set in the note's text.
        case footnote(String)
        /// In a KPI figure's `source:` line: set in the line's text.
        case figureSource
    }

    public var items: [CitationItem]
    public var mode: Mode
    /// The citation as written (shown as it is when it cannot be formatted).
    public var written: String
    public var location: SourceLocation
    /// Its place among the chapter's citations, from 1 (names its anchor `cite-N` on the page).
    public var ordinal: Int = 0
    public var placement: Placement = .text

    public init(items: [CitationItem], mode: Mode, written: String, location: SourceLocation) {
        self.items = items
        self.mode = mode
        self.written = written
        self.location = location
    }

    /// The anchor of the citation on its page, which the reference list links back to.
    public var anchor: String { "cite-\(ordinal)" }

    public var keys: [String] { items.map(\.key) }
}

/// What calls a note, in the order a reader meets them: a footnote's first reference (by its
/// cmark-gfm label) or a citation in running text (by its ordinal). In a note style the citations
/// become notes numbered together with the chapter's own footnotes, in this order.
public enum NoteCall: Sendable, Hashable {
    case footnote(String)
    case citation(Int)
}

/// The numbers of a chapter's notes once citations are, or are not, notes themselves.
public struct NoteNumbering: Sendable {
    /// Footnote label → its number.
    public private(set) var footnotes: [String: Int] = [:]
    /// Citation ordinal → the number of the note it becomes (note styles only).
    public private(set) var citations: [Int: Int] = [:]
    /// The notes in number order.
    public private(set) var order: [NoteCall] = []

    public init(calls: [NoteCall], citationsAreNotes: Bool) {
        for call in calls {
            switch call {
            case .footnote(let label):
                guard footnotes[label] == nil else { continue }
                order.append(call)
                footnotes[label] = order.count
            case .citation(let ordinal):
                guard citationsAreNotes, citations[ordinal] == nil else { continue }
                order.append(call)
                citations[ordinal] = order.count
            }
        }
    }
}

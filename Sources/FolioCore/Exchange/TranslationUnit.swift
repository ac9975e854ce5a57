/// Markup inside a translation unit that the translator keeps but does not translate: emphasis, a
/// link, a code span, a footnote call, a cross-reference. Exchange files show it as a tag (XLIFF
/// `<bpt>`/`<ept>`/`<ph>` holding the original Markdown, PO `<1>…</1>` and `<2/>`); the import puts
/// the original Markdown back where the translator put the tag.
public struct Placeholder: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case emphasis, strong, strikethrough, link, image, code, footnote, lineBreak = "line-break", html
        /// An address shown as itself (`<https://…>` or a bare `https://…`): never translated.
        case url
        case reference = "cross-reference", review

        /// Whether it wraps translatable text (an opening and a closing tag) or stands alone.
        public var isPaired: Bool {
            switch self {
            case .emphasis, .strong, .strikethrough, .link: true
            default: false
            }
        }

        /// XLIFF 1.2's `ctype` for it (its own values where XLIFF has one, `x-…` otherwise).
        var xliffType: String {
            switch self {
            case .emphasis: "italic"
            case .strong: "bold"
            case .link: "link"
            case .image: "image"
            case .url: "x-url"
            case .lineBreak: "lb"
            case .strikethrough: "x-strikethrough"
            case .code: "x-code"
            case .footnote: "x-footnote"
            case .html: "x-html"
            case .reference: "x-cross-reference"
            case .review: "x-review-mark"
            }
        }
    }

    /// 1, 2, … in the order the unit's tags open.
    public var id: Int
    public var kind: Kind
    /// The Markdown of the opening tag (or of the whole placeholder when it stands alone).
    public var opening: String
    /// The Markdown of the closing tag, for paired placeholders.
    public var closing: String?
}

/// One piece of a unit's text.
public enum UnitPiece: Sendable, Hashable {
    case text(String)
    case open(Int)
    case close(Int)
    case standalone(Int)
}

/// Translatable text with its placeholders, as a list of pieces (adjacent text joined).
public struct UnitText: Sendable, Hashable {
    public var pieces: [UnitPiece]

    public init(_ pieces: [UnitPiece] = []) {
        self.pieces = []
        for piece in pieces { append(piece) }
    }

    public mutating func append(_ piece: UnitPiece) {
        if case .text(let more) = piece {
            if more.isEmpty { return }
            if case .text(let before)? = pieces.last {
                pieces[pieces.count - 1] = .text(before + more)
                return
            }
        }
        pieces.append(piece)
    }

    /// The text alone, placeholders left out.
    public var plainText: String {
        pieces.reduce(into: "") { text, piece in if case .text(let more) = piece { text += more } }
    }

    /// Whether there is anything to translate: a letter somewhere (numbers and punctuation are not).
    public var hasLetters: Bool {
        plainText.unicodeScalars.contains { $0.properties.isAlphabetic }
    }

    /// The text with PO's numbered tags (`<1>…</1>`, `<2/>`): also the form compared and shown in diagnostics.
    public var tagged: String {
        pieces.reduce(into: "") { text, piece in
            switch piece {
            case .text(let more): text += more
            case .open(let id): text += "<\(id)>"
            case .close(let id): text += "</\(id)>"
            case .standalone(let id): text += "<\(id)/>"
            }
        }
    }
}

/// Where a unit's text goes back into Markdown, which decides how it is escaped.
public enum UnitContext: Sendable, Hashable {
    /// Running text: a paragraph, a heading, a list item, a caption.
    case inline
    /// A table cell: also `|`.
    case tableCell
    /// A link or image title between these quotes: only the quote and `\`.
    case title(quote: UInt8)
    /// A front-matter value (title, summary): written as a YAML string.
    case frontMatter
}

/// One translation unit of a source chapter: a heading, a paragraph, a list item, a table cell, a
/// caption, a box title, a footnote, an image's text, or the front matter's title or summary.
public struct TranslationUnit: Sendable, Hashable {
    /// Stable within its chapter, made from the source: the section's id and the unit's place in it
    /// (`what-is-a-smart-sustainable-city/p2`, `…/t1.r3.c2`, `_meta/title`).
    public var id: String
    /// What it is, for the translator: "heading", "paragraph", "list item", "table cell", …
    public var role: String
    /// The source section it belongs to (its id and heading; `_meta` for the front matter).
    public var sectionID: String
    public var sectionHeading: String
    /// Its first line in the chapter file.
    public var line: Int
    public var text: UnitText
    public var placeholders: [Placeholder]
    public var context: UnitContext
    /// Its bytes in the chapter body as cmark-gfm read it (CriticMarkup encoded); nil for front matter.
    public var range: Range<Int>?

    public func placeholder(_ id: Int) -> Placeholder? {
        placeholders.first { $0.id == id }
    }
}

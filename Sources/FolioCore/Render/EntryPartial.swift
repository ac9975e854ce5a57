import Foundation
import Mustache

/// A partial that folio renders a list's entries with, one entry at a time: the book navigation's
/// (`partials/book-nav-entry`), the language links' (`partials/alternate-link`,
/// `partials/language-switcher-entry`) and the table of contents' (`partials/toc-entry`). An entry has
/// text fields and one boolean, its flag (`current`, `sub`).
///
/// Rendered by Mustache, an entry costs a microsecond or two per tag, mostly swift-mustache looking
/// the name up and casting the value; a build renders tens of thousands of entries. But a partial that
/// shows its text fields only as `{{name}}` and tests its flag only with `{{#flag}}`/`{{^flag}}`
/// renders, for every entry, the same text with the escaped values in the same places. Such a partial
/// is rendered once with the flag off and once with it on, with stand-ins for the values
/// (`EntryStencil`), and each entry's escaped values are put in their places. Any other partial (one
/// that shows a page variable, `{{{name}}}`, a partial of its own) is rendered by Mustache for each
/// entry, and then also sees the page's variables: same result, slower.
struct EntryPartial: Sendable {
    /// A partial's name and what an entry gives it.
    struct Kind: Sendable {
        let name: String
        /// The entry's text fields, in the order `render` takes their values.
        let textFields: [String]
        let flag: String
    }

    /// The entry partials of folio's lists (each declared beside the values its entries give).
    static let all = [BookNavigation.entryKind, LanguageLinks.alternateKind, LanguageLinks.entryKind, TableOfContents.entryKind]

    let kind: Kind
    var name: String { kind.name }
    var textFields: [String] { kind.textFields }
    var flag: String { kind.flag }
    private let library: MustacheLibrary
    /// The partial cut at its stand-ins with the flag off and on; nil when Mustache renders each entry.
    private let stencils: [EntryStencil]?

    /// `tags`: the partial's tags (nil when it does not exist: every entry then renders as nothing,
    /// which the template checks report).
    init(_ kind: Kind, library: MustacheLibrary, tags: [TemplateSet.Tag]?) {
        self.kind = kind
        self.library = library
        let (name, textFields, flag) = (kind.name, kind.textFields, kind.flag)
        let fixed = tags.map { $0.allSatisfy { Self.isFixed($0, textFields: textFields, flag: flag) } } ?? false
        stencils = fixed ? [false, true].map { flagValue in
            EntryStencil(fields: textFields.count) { standIns in
                var model: [String: Any] = Dictionary(uniqueKeysWithValues: zip(textFields, standIns))
                model[flag] = flagValue
                return library.render(model, withTemplate: name) ?? ""
            }
        } : nil
    }

    /// Whether this partial is cut once per build instead of rendered by Mustache for each entry.
    var isStencilled: Bool { stencils != nil }

    /// One entry. `texts`: the values of `textFields`, in order; `page`: what else the partial may
    /// refer to, when Mustache renders it.
    func render(_ texts: [String], flag flagValue: Bool, page: [String: Any]? = nil) -> String {
        var html = ""
        render(texts, flag: flagValue, page: page, into: &html)
        return html
    }

    func render(_ texts: [String], flag flagValue: Bool, page: [String: Any]? = nil, into html: inout String) {
        if let stencils {
            stencils[flagValue ? 1 : 0].fill(texts, into: &html)
            return
        }
        var entry: [String: Any] = Dictionary(uniqueKeysWithValues: zip(textFields, texts))
        entry[flag] = flagValue
        html += (page.map { library.render(LayeredModel(entry: entry, page: $0), withTemplate: name) }
                 ?? library.render(entry, withTemplate: name)) ?? ""
    }

    /// Whether a tag renders the same for every entry but for the escaped values it shows: a text
    /// field as `{{name}}`, a section on the flag, or a comment.
    private static func isFixed(_ tag: TemplateSet.Tag, textFields: [String], flag: String) -> Bool {
        switch tag.sigil {
        case nil: textFields.contains(tag.name)
        case "#", "^", "/": tag.name == flag
        case "!": true
        default: false
        }
    }
}

/// An entry partial's output cut where the stand-ins for its text fields came out: literal text and
/// fields, in order.
struct EntryStencil: Sendable {
    enum Piece: Sendable {
        case literal(String)
        case field(Int)
    }

    let pieces: [Piece]

    /// Unique to this run and made of letters, digits and hyphens: escaping leaves the stand-ins as
    /// they are, and no template text holds them.
    private static let token = UUID().uuidString

    /// `render`: the partial's output with the given stand-ins as the fields' values.
    init(fields: Int, render: ([String]) -> String) {
        let standIns = (0..<fields).map { "folio-field-\($0)-\(Self.token)" }
        var pieces: [Piece] = []
        var rest = Substring(render(standIns))
        while let (field, range) = standIns.indices.compactMap({ field in rest.range(of: standIns[field]).map { (field, $0) } })
            .min(by: { $0.1.lowerBound < $1.1.lowerBound }) {
            if range.lowerBound > rest.startIndex { pieces.append(.literal(String(rest[..<range.lowerBound]))) }
            pieces.append(.field(field))
            rest = rest[range.upperBound...]
        }
        if !rest.isEmpty { pieces.append(.literal(String(rest))) }
        self.pieces = pieces
    }

    /// Appends the entry with these values, escaped as `{{name}}` escapes them.
    func fill(_ values: [String], into html: inout String) {
        let escaping = TemplateEscaping()
        for piece in pieces {
            switch piece {
            case .literal(let literal): html += literal
            case .field(let index): html += escaping.escapeText(values[index])
            }
        }
    }
}

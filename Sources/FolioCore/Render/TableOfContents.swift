import Foundation

/// A chapter page's "on this page" list (`tocHTML`): its level-2 and level-3 headings, each rendered
/// with `partials/toc-entry`, whose fields are `id`, `text` and `sub` (true for a level-3 heading).
///
/// Every page has its own headings, so unlike the book navigation nothing can be rendered once for
/// many pages: as a `{{#toc}}` loop (17 entries × 3 tags a page in the benchmark corpus) the list was
/// 8% of a 1,200-page build's CPU, nearly all of it swift-mustache resolving tags. An entry partial
/// that shows `id` and `text` only as escaped variables and tests `sub` only with sections renders the
/// same text for every entry, with the two escaped values in the same places. Such a partial is
/// rendered twice per build, with and without `sub`, with stand-ins for the values (`Stencil`), and
/// each entry's escaped values are put in their places. Any other partial (one that shows a page
/// variable, `{{{text}}}`, a partial of its own) is rendered by Mustache for each entry: same result,
/// slower.
struct TableOfContents: Sendable {
    static let entryTemplate = "partials/toc-entry"

    /// One heading of the list, as the entry partial sees it.
    struct Entry: Sendable {
        let id: String
        let text: String
        let sub: Bool

        func model() -> [String: Any] { ["id": id, "text": text, "sub": sub] }
    }

    private let templates: TemplateSet
    /// The partial cut at its stand-ins, for a level-2 and a level-3 entry; nil when the partial must
    /// be rendered for each entry.
    private let stencils: (top: Stencil, sub: Stencil)?

    init(templates: TemplateSet) {
        self.templates = templates
        stencils = Self.canStencil(templates) ? Stencil.pair(templates: templates) : nil
    }

    /// The entries of the chapter headings worth listing (levels 2 and 3), in order.
    static func entries(_ headings: [ChapterHeading]) -> [Entry] {
        headings.compactMap { heading in
            heading.level == 2 || heading.level == 3 ? Entry(id: heading.id, text: heading.text, sub: heading.level == 3) : nil
        }
    }

    /// The joined entries. `page`: what a partial rendered for each entry may also refer to.
    func html(_ entries: [Entry], page: [String: Any]) -> String {
        guard let stencils else {
            return entries.map { templates.render(Self.entryTemplate, LayeredModel(entry: $0.model(), page: page)) }.joined()
        }
        var html = ""
        html.reserveCapacity(entries.count * 96)
        for entry in entries {
            (entry.sub ? stencils.sub : stencils.top).fill(id: entry.id, text: entry.text, into: &html)
        }
        return html
    }

    /// Whether what the entry partial renders is its text with `id` and `text` escaped in fixed places:
    /// every tag is `{{id}}`, `{{text}}`, a `sub` section or a comment.
    static func canStencil(_ templates: TemplateSet) -> Bool {
        guard let tags = templates.tagsByTemplate[entryTemplate] else { return false }
        return tags.allSatisfy { tag in
            switch tag.sigil {
            case nil: tag.name == "id" || tag.name == "text"
            case "#", "^", "/": tag.name == "sub"
            case "!": true
            default: false
            }
        }
    }

    /// The entry partial's output for one value of `sub`, cut where the stand-ins for `id` and `text`
    /// came out: literal text and fields, in order.
    struct Stencil: Sendable {
        enum Field: Sendable { case id, text }
        enum Piece: Sendable {
            case literal(String)
            case field(Field)
        }

        let pieces: [Piece]

        /// Stand-ins unique to this run, of letters, digits and hyphens: escaping leaves them as they
        /// are, and no template text can hold them.
        private static let token = UUID().uuidString
        static let standIns: [(Field, String)] = [(.id, "folio-toc-id-\(token)"), (.text, "folio-toc-text-\(token)")]

        static func pair(templates: TemplateSet) -> (top: Stencil, sub: Stencil) {
            func render(sub: Bool) -> Stencil {
                let model: [String: Any] = ["id": standIns[0].1, "text": standIns[1].1, "sub": sub]
                return Stencil(rendered: templates.render(TableOfContents.entryTemplate, model))
            }
            return (render(sub: false), render(sub: true))
        }

        /// `rendered` cut at every stand-in.
        init(rendered: String) {
            var pieces: [Piece] = []
            var rest = rendered[...]
            while let (field, range) = Self.standIns.compactMap({ field, standIn in rest.range(of: standIn).map { (field, $0) } })
                .min(by: { $0.1.lowerBound < $1.1.lowerBound }) {
                if range.lowerBound > rest.startIndex { pieces.append(.literal(String(rest[..<range.lowerBound]))) }
                pieces.append(.field(field))
                rest = rest[range.upperBound...]
            }
            if !rest.isEmpty { pieces.append(.literal(String(rest))) }
            self.pieces = pieces
        }

        /// Appends the entry with these values, escaped as `{{id}}` and `{{text}}` escape them.
        func fill(id: String, text: String, into html: inout String) {
            let escaping = TemplateEscaping()
            for piece in pieces {
                switch piece {
                case .literal(let literal): html += literal
                case .field(.id): html += escaping.escapeText(id)
                case .field(.text): html += escaping.escapeText(text)
                }
            }
        }
    }
}

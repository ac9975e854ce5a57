/// The partials a chapter's elements are rendered with on the site ("render hooks"): the markup is
/// in `Templates/elements/`, and each kind declares here the fields folio gives it. Text fields are
/// escaped by the template (`{{name}}`), HTML fields are folio's own markup (`{{{name}}}`), flags are
/// booleans for sections. Templates/README.md documents each one.
enum ElementTemplates {
    typealias Kind = EntryPartial.Kind

    static let heading = Kind(name: "elements/heading", textFields: ["level", "id", "number", "linkLabel"],
                              htmlFields: ["content"], flags: ["numbered"])
    static let table = Kind(name: "elements/table", textFields: ["id", "label", "frameLabel"],
                            htmlFields: ["caption", "rows"], flags: ["captioned"])
    static let figure = Kind(name: "elements/figure", textFields: ["id", "label", "src", "alt", "width", "height", "caption"],
                             htmlFields: ["credit"], flags: ["hasCaption", "hasCredit", "hasSize"])
    static let kpiFigure = Kind(name: "elements/kpi-figure", textFields: ["id", "label", "title", "source", "target"],
                                htmlFields: ["meta", "chart", "table", "sourceHTML"], flags: ["hasSource", "hasTarget", "hasChart"])
    static let box = Kind(name: "elements/box", textFields: ["id", "label"], htmlFields: ["title", "content"], flags: [])
    static let crossReference = Kind(name: "elements/cross-reference", textFields: ["href", "text"], flags: [])
    static let footnoteReference = Kind(name: "elements/footnote-reference", textFields: ["id", "referenceId", "label"], flags: [])
    static let footnote = Kind(name: "elements/footnote", textFields: ["id"], htmlFields: ["content"], flags: [])
    static let footnoteBacklink = Kind(name: "elements/footnote-backlink", textFields: ["href", "label", "count"], flags: ["repeated"])
    static let citation = Kind(name: "elements/citation", textFields: ["id", "keys"], htmlFields: ["content"], flags: [])
    static let referenceEntry = Kind(name: "elements/reference-entry", textFields: ["id"], htmlFields: ["content", "backlinks"],
                                     flags: ["hasBacklinks"])
    /// One link back from an entry to a citation: the chapter's name for its first citation there, a
    /// superscript number for each further one (`separated` after another superscript).
    static let referenceBacklink = Kind(name: "elements/reference-backlink", textFields: ["href", "text", "label"],
                                        flags: ["repeated", "separated"])
    static let insertion = Kind(name: "elements/review-insertion", textFields: [], htmlFields: ["content"], flags: [])
    static let deletion = Kind(name: "elements/review-deletion", textFields: [], htmlFields: ["content"], flags: [])
    static let highlight = Kind(name: "elements/review-highlight", textFields: [], htmlFields: ["content"], flags: [])
    static let comment = Kind(name: "elements/review-comment", textFields: ["label", "author", "date", "isoDate"],
                              htmlFields: ["content"], flags: ["attributed", "reply"])

    static let abbreviation = Kind(name: "elements/abbreviation", textFields: ["short", "expansion"], flags: ["expanded"])

    static let all = [heading, table, figure, kpiFigure, box, crossReference, footnoteReference, footnote, footnoteBacklink,
                      citation, referenceEntry, referenceBacklink, insertion, deletion, highlight, comment, abbreviation]
}

/// The element partials of one template set, looked up once per build instead of by name per element.
struct ElementPartials: Sendable {
    let heading, table, figure, kpiFigure, box, crossReference, footnoteReference, footnote, footnoteBacklink: EntryPartial
    let citation, referenceEntry, referenceBacklink: EntryPartial
    let insertion, deletion, highlight, comment: EntryPartial
    let abbreviation: EntryPartial

    init(_ partial: (EntryPartial.Kind) -> EntryPartial) {
        typealias T = ElementTemplates
        heading = partial(T.heading)
        table = partial(T.table)
        figure = partial(T.figure)
        kpiFigure = partial(T.kpiFigure)
        box = partial(T.box)
        crossReference = partial(T.crossReference)
        footnoteReference = partial(T.footnoteReference)
        footnote = partial(T.footnote)
        footnoteBacklink = partial(T.footnoteBacklink)
        citation = partial(T.citation)
        referenceEntry = partial(T.referenceEntry)
        referenceBacklink = partial(T.referenceBacklink)
        insertion = partial(T.insertion)
        deletion = partial(T.deletion)
        highlight = partial(T.highlight)
        comment = partial(T.comment)
        abbreviation = partial(T.abbreviation)
    }
}

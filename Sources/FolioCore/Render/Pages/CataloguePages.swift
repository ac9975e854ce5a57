import Mustache

/// `kpis.mustache`: the KPI catalogue, each KPI linked to the figures that show it
/// (Templates/README.md, "kpis").
struct KPIIndexPage: MustacheParent {
    struct Dimension: MustacheParent {
        var code: String
        var name: String
        var subdimensions: [Subdimension]

        func child(named name: String) -> Any? {
            switch name {
            case "code": code
            case "name": self.name
            case "subdimensions": subdimensions
            default: nil
            }
        }
    }

    struct Subdimension: MustacheParent {
        var id: String
        var name: String
        var kpis: [KPI]

        func child(named name: String) -> Any? {
            switch name {
            case "id": id
            case "name": self.name
            case "kpis": kpis
            default: nil
            }
        }
    }

    struct KPI: MustacheParent {
        var code: String
        var name: String
        var category: String
        var unit: String
        var sdgs: [String]
        /// `core` or `advanced`, and its label.
        var type: String
        var typeLabel: String
        var figures: [ElementLink]

        func child(named name: String) -> Any? {
            switch name {
            case "code": code
            case "name": self.name
            case "category": category
            case "unit": unit
            case "hasUnit": !unit.isEmpty
            case "sdgs": sdgs.joined(separator: ", ")
            case "hasSDGs": !sdgs.isEmpty
            case "type": type
            case "typeLabel": typeLabel
            case "figures": figures
            case "used": !figures.isEmpty
            default: nil
            }
        }
    }

    var layout: PageLayout
    var catalogueName: String
    var standard: String
    var dimensions: [Dimension]
    var usedCount: String
    var totalCount: String

    func child(named name: String) -> Any? {
        switch name {
        case "catalogueName": catalogueName
        case "standard": standard
        case "dimensions": dimensions
        case "usedCount": usedCount
        case "totalCount": totalCount
        default: layout.child(named: name)
        }
    }
}

/// A link to a numbered figure, table or box: its caption label ("Figure 2.1"), title and place.
struct ElementLink: MustacheParent {
    var label: String
    var title: String
    var titleLang: String
    var href: String

    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "title": title
        case "titleLang": titleLang
        case "href": href
        default: nil
        }
    }
}

/// `lists.mustache`: the book's figures, tables and boxes (Templates/README.md, "lists").
struct ElementListsPage: MustacheParent {
    /// Each entry is rendered with `partials/element-list-entry` (an `EntryPartial`) and each list gets
    /// them joined (`entriesHTML`): a `{{#entries}}` loop over a book's thousands of figures, tables and
    /// boxes cost as much Mustache work as a hundred chapter pages.
    static let entryTemplate = "partials/element-list-entry"
    static let entryKind = EntryPartial.Kind(name: entryTemplate, textFields: ["label", "title", "titleLang", "href"], flags: [])

    struct List: MustacheParent {
        /// `figure`, `table` or `box`.
        var kind: String
        var title: String
        var entries: [ElementLink]
        /// `entries` rendered with `partials/element-list-entry`.
        var entriesHTML: String

        func child(named name: String) -> Any? {
            switch name {
            case "kind": kind
            case "title": title
            case "entries": entries
            case "entriesHTML": entriesHTML
            default: nil
            }
        }
    }

    var layout: PageLayout
    var lists: [List]

    func child(named name: String) -> Any? {
        name == "lists" ? lists : layout.child(named: name)
    }
}

import Mustache

/// One language's chapter list for the chapter pages' book navigation, made once per language.
///
/// Every chapter page lists every chapter, so rendering the list through Mustache on each page made
/// a build's template work grow with chapters² (at 1,000 chapters, a million entries per language).
/// Each entry is rendered once with `partials/book-nav-entry` (an `EntryPartial`) as it appears on the
/// other pages and once as the current page's; a chapter page joins the strings (`bookNavHTML`). The
/// `nav` list is still given to templates that loop over it themselves.
struct BookNavigation: Sendable {
    static let entryTemplate = "partials/book-nav-entry"
    static let entryKind = EntryPartial.Kind(name: entryTemplate, textFields: ["numberLabel", "title", "titleLang", "href"],
                                             flag: "current")

    /// One chapter in the list, as the entry template sees it.
    struct Item: Sendable {
        let numberLabel: String
        let title: String
        let titleLang: String
        let href: String

        /// The values of `entryKind`'s text fields, in its order.
        var texts: [String] { [numberLabel, title, titleLang, href] }
    }

    let items: [Item]
    private let entries: RenderedEntries?

    /// `pageModel`: what else an entry may refer to (interface strings, the root), as on a chapter page.
    /// Without `templates` (no template shows `bookNavHTML`) no entry is rendered.
    init(items: [Item], pageModel: PageLayout, templates: TemplateSet?) {
        self.items = items
        entries = templates.map { templates in
            let partial = templates.entryPartial(Self.entryTemplate)
            return RenderedEntries(count: items.count) { index, current in
                partial.render(items[index].texts, flag: current, page: pageModel)
            }
        }
    }

    /// The entries of the page of chapter `current` (its position in the book).
    func html(current: Int) -> String {
        entries?.joined(current: current) ?? ""
    }

    /// The `nav` list for templates that loop over it.
    func entries(current: Int) -> [Entry] {
        items.enumerated().map { Entry(item: $1, current: $0 == current) }
    }

    /// One entry of `nav`.
    struct Entry: MustacheParent {
        let item: Item
        let current: Bool

        func child(named name: String) -> Any? {
            switch name {
            case "numberLabel": item.numberLabel
            case "title": item.title
            case "titleLang": item.titleLang
            case "href": item.href
            case "current": current
            default: nil
            }
        }
    }
}

/// Entries rendered once each, as they look on other pages and as the page's own (current) entry: a
/// page joins them instead of looping in its template.
private struct RenderedEntries: Sendable {
    private let entries: [String]
    private let currentEntries: [String]
    private let length: Int

    /// `render(index, current)`: entry `index` as the current one or not.
    init(count: Int, render: (Int, Bool) -> String) {
        entries = (0..<count).map { render($0, false) }
        currentEntries = (0..<count).map { render($0, true) }
        length = entries.reduce(0) { $0 + $1.utf8.count }
    }

    /// All entries, entry `current` (if any) as the current one.
    func joined(current: Int?) -> String {
        var html = ""
        html.reserveCapacity(length + 64)
        for index in entries.indices {
            html += index == current ? currentEntries[index] : entries[index]
        }
        return html
    }
}

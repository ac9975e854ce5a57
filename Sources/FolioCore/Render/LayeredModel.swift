import Mustache

/// What a list entry's template sees when it is rendered on its own (the book navigation's and the
/// language links' entries): the entry's fields, then the page's, as inside a `{{#list}}` section.
/// Looked up in turn rather than merged: merging copied the whole page model for every entry.
struct LayeredModel: MustacheParent {
    let entry: [String: Any]
    let page: [String: Any]

    func child(named name: String) -> Any? { entry[name] ?? page[name] }
}

/// A list whose entries were rendered once each, as they look on other pages and as the page's own
/// (current) entry: a page joins them instead of looping in its template.
struct RenderedEntries: Sendable {
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

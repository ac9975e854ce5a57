import Mustache

/// What a list entry's partial sees when Mustache renders it on its own (an `EntryPartial` that uses
/// more than its fields): the entry's fields, then the page's, as inside a `{{#list}}` section.
/// Looked up in turn rather than merged: merging copied the whole page model for every entry.
struct LayeredModel: MustacheParent {
    let entry: [String: Any]
    let page: [String: Any]

    func child(named name: String) -> Any? { entry[name] ?? page[name] }
}

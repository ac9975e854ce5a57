import Mustache

/// What a list entry's template sees when it is rendered on its own (the book navigation's and the
/// language links' entries): the entry's fields, then the page's, as inside a `{{#list}}` section.
/// Looked up in turn rather than merged: merging copied the whole page model for every entry.
struct LayeredModel: MustacheParent {
    let entry: [String: Any]
    let page: [String: Any]

    func child(named name: String) -> Any? { entry[name] ?? page[name] }
}

import Mustache

/// `references.mustache`: one language's reference list (Templates/README.md, "references").
struct ReferencesPage: MustacheParent {
    var layout: PageLayout
    /// Every cited entry, rendered with `elements/reference-entry`.
    var entriesHTML: String

    func child(named name: String) -> Any? {
        switch name {
        case "entriesHTML": entriesHTML
        default: layout.child(named: name)
        }
    }
}

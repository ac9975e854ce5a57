import Mustache

/// A page's links to its versions in the other languages: the head's `<link rel="alternate">` lines
/// (`alternateLinksHTML`, each rendered with `partials/alternate-link`) and the language switcher's
/// entries (`languageEntriesHTML`, each with `partials/language-switcher-entry`). Templates that loop
/// over `languages` themselves still get the list.
///
/// As two `{{#languages}}` loops on every page these links were a tenth of a 1,200-page build. Both
/// partials are `EntryPartial`s: cut once per build, filled for each page (or, when one uses a page
/// variable such as `{{lang}}`, rendered by Mustache for each entry of each page).
enum LanguageLinks {
    static let alternateTemplate = "partials/alternate-link"
    static let entryTemplate = "partials/language-switcher-entry"
    static let alternateKind = EntryPartial.Kind(name: alternateTemplate, textFields: Link.textFields, flag: "current")
    static let entryKind = EntryPartial.Kind(name: entryTemplate, textFields: Link.textFields, flag: "current")

    /// The page variables these links fill, with the partial each is rendered from.
    static let variables = ["alternateLinksHTML": alternateTemplate, "languageEntriesHTML": entryTemplate]

    struct Link: Sendable {
        let code: String
        let name: String
        let href: String

        /// The entry partials' text fields, and their values in that order.
        static let textFields = ["code", "name", "href"]
        var texts: [String] { [code, name, href] }
    }

    /// One entry of `languages`, as a template looping over them sees it.
    struct Entry: MustacheParent {
        let link: Link
        let current: Bool

        func child(named name: String) -> Any? {
            switch name {
            case "code": link.code
            case "name": link.name
            case "href": link.href
            case "current": current
            default: nil
            }
        }
    }

    /// Renders both variables of the page whose layout is `layout` (which a partial rendered by
    /// Mustache may also refer to) from its `languages` and `currentLanguage`.
    static func render(into layout: inout PageLayout, templates: TemplateSet) {
        guard variables.keys.contains(where: templates.uses) else { return }
        let alternate = templates.entryPartial(alternateTemplate), entry = templates.entryPartial(entryTemplate)
        var alternates = ""
        var entries = ""
        for link in layout.languages {
            let (texts, isCurrent) = (link.texts, link.code == layout.currentLanguage)
            alternate.render(texts, flag: isCurrent, page: layout, into: &alternates)
            entry.render(texts, flag: isCurrent, page: layout, into: &entries)
        }
        layout.alternateLinksHTML = alternates
        layout.languageEntriesHTML = entries
    }
}

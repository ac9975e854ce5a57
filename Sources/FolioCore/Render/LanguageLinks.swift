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

        func model(current: Bool) -> [String: Any] {
            ["code": code, "name": name, "href": href, "current": current]
        }

        /// The entry partials' text fields, and their values in that order.
        static let textFields = ["code", "name", "href"]
        var texts: [String] { [code, name, href] }
    }

    /// Renders both variables for one page into `model` (which a partial rendered by Mustache may also
    /// refer to); `current` is the page's language when the switcher marks it.
    static func render(_ links: [Link], current: String?, templates: TemplateSet, into model: inout [String: Any]) {
        guard variables.keys.contains(where: templates.uses) else { return }
        let alternate = templates.entryPartial(alternateTemplate), entry = templates.entryPartial(entryTemplate)
        var alternates = ""
        var entries = ""
        for link in links {
            let (texts, isCurrent) = (link.texts, link.code == current)
            // `model` is only read until the loop ends: no copy of it per page.
            alternate.render(texts, flag: isCurrent, page: model, into: &alternates)
            entry.render(texts, flag: isCurrent, page: model, into: &entries)
        }
        model["alternateLinksHTML"] = alternates
        model["languageEntriesHTML"] = entries
    }
}

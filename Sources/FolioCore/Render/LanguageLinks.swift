import Foundation

/// A page's links to its versions in the other languages: the head's `<link rel="alternate">` lines
/// (`alternateLinksHTML`, each rendered with `partials/alternate-link`) and the language switcher's
/// entries (`languageEntriesHTML`, each with `partials/language-switcher-entry`). Templates that loop
/// over `languages` themselves still get the list.
///
/// The pages of one chapter in six languages show the same links; only which one is current differs.
/// Rendered on every page, these two loops were a tenth of a 1,200-page build. When the two partials
/// use nothing but an entry's own fields, a chapter's links are rendered once (`Shared`), each entry as
/// it looks on the other pages and as the current one, and each page joins the strings. A partial that
/// uses a page variable (`{{lang}}`, `{{t.…}}`) has them rendered on each page instead.
enum LanguageLinks {
    static let alternateTemplate = "partials/alternate-link"
    static let entryTemplate = "partials/language-switcher-entry"
    /// What an entry holds (and `.`, the entry itself).
    static let entryFields: Set<String> = ["code", "name", "href", "current", "."]

    /// The page variables these links fill, with the partial each is rendered from.
    static let variables = ["alternateLinksHTML": alternateTemplate, "languageEntriesHTML": entryTemplate]

    struct Link: Sendable {
        let code: String
        let name: String
        let href: String

        func model(current: Bool) -> [String: Any] {
            ["code": code, "name": name, "href": href, "current": current]
        }
    }

    /// Whether the links of a chapter can be rendered once for all its pages.
    static func canShare(_ templates: TemplateSet) -> Bool {
        [alternateTemplate, entryTemplate].allSatisfy { templates.usesOnlyOwnFields(of: $0, entryFields: entryFields) }
    }

    /// Renders both variables for one page into `model` (which entries may also refer to); `current`
    /// is the page's language when the switcher marks it.
    static func render(_ links: [Link], current: String?, templates: TemplateSet, into model: inout [String: Any]) {
        guard uses(templates) else { return }
        let page = model
        var alternates = ""
        var entries = ""
        for link in links {
            let entry = link.model(current: link.code == current)
            alternates += templates.render(alternateTemplate, LayeredModel(entry: entry, page: page))
            entries += templates.render(entryTemplate, LayeredModel(entry: entry, page: page))
        }
        model["alternateLinksHTML"] = alternates
        model["languageEntriesHTML"] = entries
    }

    static func uses(_ templates: TemplateSet) -> Bool {
        variables.keys.contains { templates.uses($0) }
    }

    /// One chapter's links, rendered once for the pages of all its languages (only when `canShare`).
    struct Shared: Sendable {
        private let codes: [String]
        private let alternates: String
        private let entries: RenderedEntries

        init(_ links: [Link], templates: TemplateSet) {
            codes = links.map(\.code)
            alternates = links.map { templates.render(LanguageLinks.alternateTemplate, $0.model(current: false)) }.joined()
            entries = RenderedEntries(count: links.count) { index, current in
                templates.render(LanguageLinks.entryTemplate, links[index].model(current: current))
            }
        }

        /// Sets both variables in the model of the page in `language`.
        func fill(_ model: inout [String: Any], language: String) {
            model["alternateLinksHTML"] = alternates
            model["languageEntriesHTML"] = entries.joined(current: codes.firstIndex(of: language))
        }
    }

    /// Each chapter's `Shared` links, made the first time one of its pages asks (pages render in
    /// parallel; two asking at once both render, with the same result).
    final class SharedCache: @unchecked Sendable {
        private let lock = NSLock()
        private var made: [String: Shared] = [:]

        func links(slug: String, make: () -> Shared) -> Shared {
            if let found = lock.withLock({ made[slug] }) { return found }
            let links = make()
            lock.withLock { made[slug] = links }
            return links
        }
    }
}

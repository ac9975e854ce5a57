import Mustache

/// A chapter page's "on this page" list (`tocHTML`): its level-2 and level-3 headings, each rendered
/// with `partials/toc-entry`, whose fields are `id`, `text` and `sub` (true for a level-3 heading).
///
/// Every page has its own headings, so unlike the book navigation nothing can be rendered once for
/// many pages: as a `{{#toc}}` loop (17 entries × 3 tags a page in the benchmark corpus) the list was
/// 8% of a 1,200-page build's CPU, nearly all of it swift-mustache resolving tags. The entry partial is
/// cut once per build instead (`EntryPartial`), and each heading's escaped id and text filled in.
enum TableOfContents {
    static let entryTemplate = "partials/toc-entry"
    static let entryKind = EntryPartial.Kind(name: entryTemplate, textFields: ["id", "text"], flag: "sub")

    /// One heading of the list.
    struct Entry: Sendable, MustacheParent {
        let id: String
        let text: String
        let sub: Bool

        /// As a template looping over `toc` sees it.
        func child(named name: String) -> Any? {
            switch name {
            case "id": id
            case "text": text
            case "sub": sub
            default: nil
            }
        }
    }

    /// The entries of the chapter headings worth listing (levels 2 and 3), in order.
    static func entries(_ headings: [ChapterHeading]) -> [Entry] {
        headings.compactMap { heading in
            heading.level == 2 || heading.level == 3 ? Entry(id: heading.id, text: heading.text, sub: heading.level == 3) : nil
        }
    }

    /// The joined entries. `page`: what the partial may also refer to when Mustache renders it.
    static func html(_ entries: [Entry], templates: TemplateSet, page: PageLayout) -> String {
        let partial = templates.entryPartial(entryTemplate)
        var html = ""
        html.reserveCapacity(entries.count * 96)
        for entry in entries {
            partial.render([entry.id, entry.text], flag: entry.sub, page: page, into: &html)  // entryKind's order
        }
        return html
    }
}

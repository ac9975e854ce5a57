/// The lists of a book's numbered elements, in the site's "Figures, tables and boxes" page and the
/// print edition's front matter: which kinds are listed, in which order, under which heading, and
/// which elements each holds. Both outputs take their entries from here and only word them.
enum ElementLists {
    static let kinds: [(ElementKind, String)] = [(.figure, "list_of_figures"), (.table, "list_of_tables"), (.box, "list_of_boxes")]

    /// One list: its kind, the interface string of its heading, and its elements with their chapters.
    struct List {
        let kind: ElementKind
        let titleKey: String
        let entries: [(element: NumberedElement, chapter: SiteContext.BookEntry)]
    }

    /// The non-empty lists of `language`'s book, in book order.
    static func lists(of site: SiteContext, language: String) -> [List] {
        let entries = (site.books[language] ?? []).flatMap { chapter in
            (site.publication.models[chapter.chapter.path]?.elements ?? []).map { (element: $0, chapter: chapter) }
        }
        return kinds.compactMap { kind, titleKey in
            let ofKind = entries.filter { $0.element.kind == kind }
            return ofKind.isEmpty ? nil : List(kind: kind, titleKey: titleKey, entries: ofKind)
        }
    }
}

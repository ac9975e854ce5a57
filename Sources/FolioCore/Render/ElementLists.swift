/// The lists of a book's numbered elements, in the site's "Figures, tables and boxes" page and the
/// print edition's front matter: which kinds are listed, in which order, under which heading.
enum ElementLists {
    static let kinds: [(ElementKind, String)] = [(.figure, "list_of_figures"), (.table, "list_of_tables"), (.box, "list_of_boxes")]
}

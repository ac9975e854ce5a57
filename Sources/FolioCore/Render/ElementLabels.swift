/// How a language writes the numbers and labels of figures, tables, boxes and sections: "2.1" or
/// "2-1" (`number_separator`), with the language's digits; "Figure 2.1" in a caption
/// (`figure_label`), "figure 2.1" in running text (`xref_figure`). Both outputs word them here.
struct ElementLabels {
    let strings: UIStrings
    let formatter: LocaleFormatter
    private let separator: String

    init(strings: UIStrings, formatter: LocaleFormatter) {
        self.strings = strings
        self.formatter = formatter
        separator = strings.values["number_separator"] ?? "."
    }

    /// "2.1", "٢-١".
    func number(_ element: NumberedElement) -> String { number(element.number) }

    /// The part's number first: a chapter's digits ("2.1"), an annex's roman numeral ("I.1"); a
    /// front-matter part's elements are numbered on their own ("1").
    func number(_ digits: [Int]) -> String {
        guard let first = digits.first else { return "" }
        let rest = digits.dropFirst().map { formatter.integer($0) }
        switch BookPart.of(number: first) {
        case .front: return rest.joined(separator: separator)
        case .annex: return ([ICUCollation.roman(first - BookPart.annexBase)] + rest).joined(separator: separator)
        case .chapter: return digits.map { formatter.integer($0) }.joined(separator: separator)
        }
    }

    /// "Figure 2.1", "Table 2.1", "Box 3.1": the label a caption starts with.
    func caption(_ element: NumberedElement) -> String {
        strings.format(element.kind.captionKey, ["n": number(element)])
    }

    /// "figure 2.1", "chapter 3", "section 2.3": a cross-reference's text; `capitalized` for `@Fig-…`.
    func reference(_ element: NumberedElement, capitalized: Bool) -> String {
        var text = strings.format(element.kind.referenceKey, ["n": number(element)])
        // `@sec-<slug>` of an annex is "annex I"; of a front-matter part, its title ("Foreword").
        if element.kind == .chapter, let first = element.number.first {
            switch BookPart.of(number: first) {
            case .annex: text = strings.format("xref_annex", ["n": number(element)])
            case .front: text = element.title
            case .chapter: break
            }
        }
        guard capitalized, let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}

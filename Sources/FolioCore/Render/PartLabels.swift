/// How a part of the book is named to the reader: "Chapter 4" (`chapter_number`), "Annex I"
/// (`annex_number`, roman in every language, as United Nations publications number annexes), and
/// nothing for front matter, which is not numbered. Every output (site, PDF, Word, EPUB) words it here.
struct PartLabels {
    let strings: UIStrings
    let formatter: LocaleFormatter

    /// "Chapter 4", "Annex I"; nil for a front-matter part.
    func label(_ number: Int) -> String? {
        switch BookPart.of(number: number) {
        case .front: nil
        case .annex: strings.format("annex_number", ["n": ICUCollation.roman(number - BookPart.annexBase)])
        case .chapter: strings.format("chapter_number", ["n": formatter.integer(number)])
        }
    }

    /// The number alone, for narrow columns: "4", "I"; empty for front matter.
    func shortNumber(_ number: Int) -> String {
        switch BookPart.of(number: number) {
        case .front: ""
        case .annex: ICUCollation.roman(number - BookPart.annexBase)
        case .chapter: formatter.integer(number)
        }
    }
}

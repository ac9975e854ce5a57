/// The print edition's imprint and apparatus beyond the chapters: the identifiers, "How to cite" and
/// credits on the imprint page, the PDF's keywords, and the list of acronyms in the front matter.
extension PrintDocument {
    /// `identifiers:`, `cite:`, `credits:` and `keywords:` of `book`, from the imprint of publication.yml.
    static func imprintArguments(site: SiteContext, language: String, strings: UIStrings) -> [(String, String)] {
        let imprint = site.config.imprint
        let isDraft = !site.isRelease
        let identifiers = ImprintText.identifiers(imprint, strings: strings, markPlaceholders: isDraft).map { label, value in
            "(\(TypstEscaping.string(label)), \(TypstEscaping.string(value)))"
        }
        let cite = "(\(TypstEscaping.string(strings["how_to_cite"])), \(TypstEscaping.string(ImprintText.howToCite(site.config, language: language, strings: strings))))"
        let credits = ImprintText.credits(site.config, language: language)
        let names = ["isbn": "ISBN", "eisbn": "eISBN", "issn": "ISSN", "sales-number": "Sales No.", "symbol": "Symbol", "doi": "DOI"]
        let keywords = imprint.identifiers.map { key, value in TypstEscaping.string("\(names[key] ?? key) \(value)") }
        return [
            ("identifiers", "(\(identifiers.joined(separator: ", "))\(identifiers.isEmpty ? "" : ","))"),
            ("cite", cite),
            ("credits", credits.map { "(\(TypstEscaping.string(strings["credits_title"])), \(TypstEscaping.string($0)))" } ?? "none"),
            ("keywords", "(\(keywords.joined(separator: ", "))\(keywords.isEmpty ? "" : ","))"),
        ]
    }

    /// `#acronyms(…)`: the language's list, sorted in its alphabetical order, when it has one.
    static func writeAcronyms(site: SiteContext, language: String, strings: UIStrings, into out: inout TypstSource) {
        guard let list = site.publication.acronyms[language], !list.entries.isEmpty else { return }
        out.move(to: SourceLocation(file: list.path))
        out.code("#acronyms(title: \(TypstEscaping.string(strings["acronyms_title"])), anchor: \"acronyms\", lang: \(TypstEscaping.string(language)), entries: (")
        out.newline()
        for entry in list.sorted {
            out.move(to: entry.location)
            out.code("(\(TypstEscaping.string(entry.short)), \(TypstEscaping.string(entry.expansion))),")
            out.newline()
        }
        out.code("))")
        out.newline()
    }
}

/// The imprint's words, the same on the web, in print and in the Word and EPUB editions: its
/// identifiers labelled in the reader's language, the "How to cite" line, and the copyright,
/// disclaimer and credits of publication.yml with their defaults.
enum ImprintText {
    /// publication.yml's copyright line in `language`, else the interface string's with the
    /// publication's year (else the year of its content, `contentYear`).
    static func copyright(_ config: PublicationConfig, language: String, strings: UIStrings, contentYear: Int) -> String {
        config.imprint.copyright[language] ?? strings.format("print_copyright", ["year": config.year ?? String(contentYear)])
    }

    /// publication.yml's disclaimer in `language`, else the United Nations' standard one.
    static func disclaimer(_ config: PublicationConfig, language: String, strings: UIStrings) -> String {
        config.imprint.disclaimer[language] ?? strings["print_disclaimer"]
    }

    /// The photo and illustration credits in `language`, else in the source language (names of
    /// agencies and sources read the same), or nil when publication.yml has none.
    static func credits(_ config: PublicationConfig, language: String) -> String? {
        config.imprint.credits[language] ?? config.imprint.credits[config.sourceLanguage]
    }

    /// `(label, value)` per identifier set in publication.yml; a placeholder is marked in drafts.
    static func identifiers(_ imprint: Imprint, strings: UIStrings, markPlaceholders: Bool) -> [(label: String, value: String)] {
        imprint.identifiers.map { key, value in
            let label = strings["identifier_\(key.replacingOccurrences(of: "-", with: "_"))"]
            let shown = markPlaceholders && imprint.placeholders.contains(key) ? "\(value) (\(strings["identifier_placeholder"]))" : value
            return (label, shown)
        }
    }

    /// "United Nations Economic Commission for Europe (2021). Title: subtitle. Geneva: United Nations.
    /// ISBN 978-…. https://doi.org/10.18356/…", in `language`.
    static func howToCite(_ config: PublicationConfig, language: String, strings: UIStrings) -> String {
        let title = [config.title(in: language), config.subtitle(in: language)].compactMap { $0 }.filter { !$0.isEmpty }
            .joined(separator: ": ")
        var text = strings.format("cite_text", ["publisher": config.publisher[language] ?? config.publisher[config.sourceLanguage] ?? "",
                                                "year": config.year ?? "", "title": title])
        if let isbn = config.imprint.isbn { text += " ISBN \(isbn)." }
        if let doi = config.imprint.doi {
            text += " https://doi.org/\(doi)"
        } else if let base = config.baseURL {
            text += " " + (base.hasSuffix("/") ? base : base + "/") + SitePaths.homeFile(language: language).replacingOccurrences(of: "index.html", with: "")
        }
        return text
    }
}

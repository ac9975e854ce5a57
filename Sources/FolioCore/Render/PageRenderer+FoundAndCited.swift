import Foundation

/// The head of every page of a publication with `base-url`: see `FoundAndCited`. Without `base-url`
/// pages carry none of it (relative hreflang links only), and the build says so once.
extension PageRenderer {
    enum CitedKind {
        case home
        case chapter(SiteContext.BookEntry)
        case page
    }

    /// `base-url` with a trailing slash.
    static func absoluteBase(_ config: PublicationConfig) -> String? {
        config.baseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
    }

    /// The page's address for search engines: the folder, without `index.html`.
    static func canonicalURL(base: String, path: String) -> String {
        base + (path.hasSuffix("index.html") ? String(path.dropLast("index.html".count)) : path)
    }

    /// The partial's HTML for the page at `path` (from the site root); empty without `base-url`.
    func foundAndCited(path: String, layout: PageLayout, kind: CitedKind) -> String {
        guard let base = Self.absoluteBase(site.config), site.templates.uses("foundAndCitedHTML") else { return "" }
        let config = site.config
        let strings = site.strings(language)
        let url = Self.canonicalURL(base: base, path: path)
        let alternates = layout.languages.map { link in
            FoundAndCited.Alternate(code: link.code, href: Self.canonicalURL(base: base, path: String(link.href.dropFirst(layout.root.count))))
        }
        let bookTitle = config.title(in: language)
        let publisher = config.publisher[language] ?? config.publisher[config.sourceLanguage] ?? ""
        let pdf = site.printEditions[language].map { base + $0 }
        let homeURL = Self.canonicalURL(base: base, path: SitePaths.homeFile(language: language))
        var openGraph: [(String, String)] = [("og:title", layout.pageTitle), ("og:url", url), ("og:site_name", bookTitle),
                                             ("og:locale", Self.openGraphLocale(language))]
        for other in layout.languages where other.code != language { openGraph.append(("og:locale:alternate", Self.openGraphLocale(other.code))) }
        var citations: [(String, String)] = []
        var jsonLD: [String: Any]?
        switch kind {
        case .home:
            openGraph.insert(("og:type", "book"), at: 0)
            if let subtitle = config.subtitle(in: language) { openGraph.append(("og:description", subtitle)) }
            if let isbn = config.imprint.isbn { openGraph.append(("book:isbn", isbn)) }
            citations = citationTags(title: bookTitle, authors: [], publisher: publisher, pdf: pdf)
            jsonLD = bookJSON(url: homeURL, base: base, publisher: publisher, pdf: pdf)
        case .chapter(let entry):
            openGraph.insert(("og:type", "article"), at: 0)
            if let summary = entry.chapter.summary { openGraph.append(("og:description", summary)) }
            citations = [("citation_inbook_title", bookTitle)]
                + citationTags(title: entry.chapter.title, authors: entry.chapter.authors, publisher: publisher, pdf: pdf)
            var chapter: [String: Any] = [
                "@context": "https://schema.org", "@type": "Chapter", "name": entry.chapter.title, "url": url,
                "inLanguage": entry.chapter.language, "publisher": organization(publisher),
                "isPartOf": bookReference(url: homeURL, title: bookTitle),
            ]
            if let shown = BookPart.shownNumber(entry.number) {
                chapter["position"] = BookPart.of(number: entry.number) == .annex ? strings.format("annex_number", ["n": ICUCollation.roman(shown)]) : String(shown)
            }
            if let summary = entry.chapter.summary { chapter["abstract"] = summary }
            chapter["author"] = entry.chapter.authors.isEmpty ? [organization(publisher)] : entry.chapter.authors.map(organization)
            jsonLD = chapter
        case .page:
            openGraph.insert(("og:type", "website"), at: 0)
        }
        let model = FoundAndCited(
            canonical: url, alternates: alternates, defaultHref: base + SitePaths.chooserFile.replacingOccurrences(of: "index.html", with: ""),
            openGraph: openGraph.map { FoundAndCited.Meta(name: $0.0, content: $0.1) },
            citations: citations.map { FoundAndCited.Meta(name: $0.0, content: $0.1) },
            jsonLD: jsonLD.flatMap(Self.scriptJSON))
        return site.templates.render("partials/found-and-cited", model)
    }

    /// Google Scholar's tags: title, authors (else the publisher, the institutional author), date,
    /// ISBN, DOI, PDF and language.
    private func citationTags(title: String, authors: [String], publisher: String, pdf: String?) -> [(String, String)] {
        let config = site.config
        var tags: [(String, String)] = [("citation_title", title)]
        for author in authors.isEmpty ? [publisher] : authors { tags.append(("citation_author", author)) }
        tags.append(("citation_publisher", publisher))
        if let year = config.year { tags.append(("citation_publication_date", year)) }
        if let isbn = config.imprint.isbn { tags.append(("citation_isbn", isbn)) }
        if let doi = config.imprint.doi { tags.append(("citation_doi", doi)) }
        if let symbol = config.imprint.symbol { tags.append(("citation_technical_report_number", symbol)) }
        if let pdf { tags.append(("citation_pdf_url", pdf)) }
        tags.append(("citation_language", language))
        return tags
    }

    /// schema.org `Book` for the home page of one language: the edition in that language, its
    /// identifiers, its chapters as parts, the PDF, and the source-language edition it translates.
    private func bookJSON(url: String, base: String, publisher: String, pdf: String?) -> [String: Any] {
        let config = site.config
        var book: [String: Any] = [
            "@context": "https://schema.org", "@type": "Book", "@id": url + "#book", "name": config.title(in: language), "url": url,
            "inLanguage": language, "publisher": organization(publisher), "author": organization(publisher),
        ]
        if let subtitle = config.subtitle(in: language) { book["alternativeHeadline"] = subtitle }
        if let year = config.year { book["datePublished"] = year }
        if let isbn = config.imprint.isbn { book["isbn"] = isbn }
        var identifiers: [[String: Any]] = []
        for (key, value) in config.imprint.identifiers where key != "isbn" {
            identifiers.append(["@type": "PropertyValue", "propertyID": key, "value": value])
        }
        if !identifiers.isEmpty { book["identifier"] = identifiers }
        if let pdf { book["encoding"] = [["@type": "MediaObject", "contentUrl": pdf, "encodingFormat": "application/pdf"]] }
        book["hasPart"] = (site.books[language] ?? []).map { entry -> [String: Any] in
            ["@type": "Chapter", "name": entry.chapter.title,
             "url": Self.canonicalURL(base: base, path: SitePaths.chapterFile(slug: entry.slug, language: language))]
        }
        if language != config.sourceLanguage {
            book["translationOfWork"] = bookReference(url: Self.canonicalURL(base: base, path: SitePaths.homeFile(language: config.sourceLanguage)),
                                                      title: config.title(in: config.sourceLanguage))
        }
        return book
    }

    private func bookReference(url: String, title: String) -> [String: Any] {
        var book: [String: Any] = ["@type": "Book", "@id": url + "#book", "name": title, "url": url]
        if let isbn = site.config.imprint.isbn { book["isbn"] = isbn }
        return book
    }

    private func organization(_ name: String) -> [String: Any] { ["@type": "Organization", "name": name] }

    /// JSON for a `<script>` element: keys sorted (the same bytes every build), `</` never closing it.
    static func scriptJSON(_ object: [String: Any]) -> String? {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return nil }
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "</", with: "<\\/")
    }

    /// OpenGraph's locale form (`fr_FR`): the language's usual territory.
    static func openGraphLocale(_ language: String) -> String {
        ["ar": "ar_AR", "en": "en_GB", "es": "es_ES", "fr": "fr_FR", "ru": "ru_RU", "zh": "zh_CN"][language] ?? language
    }
}

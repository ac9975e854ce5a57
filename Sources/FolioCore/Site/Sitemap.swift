/// `sitemap.xml` (the sitemaps.org protocol, with each page's translations as `xhtml:link` alternates,
/// as search engines read hreflang from sitemaps) and `robots.txt`. The sitemap needs absolute
/// addresses, so only a publication with `base-url` has one; pages marked noindex (drafts) are left out.
enum Sitemap {
    /// The indexable pages of the site, each with the same page in every language that has it.
    static func pages(site: SiteContext) -> [[(language: String, path: String)]] {
        var pages: [[(language: String, path: String)]] = []
        let languages = site.config.languageCodes
        func everyLanguage(_ path: (String) -> String, where has: (String) -> Bool = { _ in true }) {
            let found = languages.filter(has).map { ($0, path($0)) }
            if !found.isEmpty { pages.append(found) }
        }
        everyLanguage { SitePaths.homeFile(language: $0) }
        for original in site.publication.sourceChapters where site.draftStage(of: original.slug) == nil {
            everyLanguage({ SitePaths.chapterFile(slug: original.slug, language: $0) },
                          where: { language in site.books[language]?.contains { $0.slug == original.slug } ?? false })
        }
        everyLanguage({ SitePaths.acronymsFile(language: $0) }, where: { site.publication.acronyms[$0].map { !$0.entries.isEmpty } ?? false })
        everyLanguage { SitePaths.imprintFile(language: $0) }
        if site.publication.kpiCatalogue != nil { everyLanguage { SitePaths.kpiIndexFile(language: $0) } }
        everyLanguage({ SitePaths.listsFile(language: $0) }, where: site.hasElementLists)
        everyLanguage({ SitePaths.termsFile(language: $0) }, where: site.hasTerms)
        everyLanguage({ SitePaths.referencesFile(language: $0) }, where: site.hasReferencePage)
        return pages
    }

    /// The sitemap, or nil without `base-url`.
    static func xml(site: SiteContext) -> String? {
        guard let base = PageRenderer.absoluteBase(site.config) else { return nil }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
        for versions in pages(site: site) {
            for version in versions {
                out += "<url><loc>\(HTML.escape(PageRenderer.canonicalURL(base: base, path: version.path)))</loc>"
                if versions.count > 1 {
                    for other in versions {
                        out += "<xhtml:link rel=\"alternate\" hreflang=\"\(other.language)\" href=\"\(HTML.escape(PageRenderer.canonicalURL(base: base, path: other.path)))\"/>"
                    }
                }
                out += "</url>\n"
            }
        }
        out += "</urlset>\n"
        return out
    }

    /// Every crawler may read everything published; drafts keep out of indexes by their noindex tags.
    static func robots(site: SiteContext) -> String {
        var text = "User-agent: *\nAllow: /\n"
        if let base = PageRenderer.absoluteBase(site.config) { text += "Sitemap: \(base)\(SitePaths.sitemapFile)\n" }
        return text
    }
}

/// The pages of the publication's apparatus: the list of acronyms, the imprint, and `404.html`.
extension PageRenderer {
    /// `Public/<lang>/acronyms/index.html`.
    func acronymsPage() -> String {
        let root = "../../"
        let strings = site.strings(language)
        let layout = layout(root: root, pageTitle: "\(strings["acronyms_title"]) — \(site.config.title(in: language))",
                            links: site.config.languages.filter { site.publication.acronyms[$0.code] != nil }.map { other in
                                LanguageLinks.Link(code: other.code, name: other.name, href: SitePaths.acronyms(language: other.code, root: root))
                            }, current: language, bodyClass: "page-acronyms", path: SitePaths.acronymsFile(language: language))
        let entries = (site.publication.acronyms[language]?.sorted ?? []).map { AcronymsPage.Entry(short: $0.short, expansion: $0.expansion) }
        return site.templates.render("acronyms", AcronymsPage(layout: layout, entries: entries))
    }

    /// `Public/<lang>/imprint/index.html`: identifiers, "How to cite", copyright, disclaimer, credits.
    func imprintPage() -> String {
        let root = "../../"
        let strings = site.strings(language)
        let config = site.config
        let layout = layout(root: root, pageTitle: "\(strings["imprint_title"]) — \(config.title(in: language))",
                            links: config.languages.map { other in
                                LanguageLinks.Link(code: other.code, name: other.name, href: SitePaths.imprint(language: other.code, root: root))
                            }, current: language, bodyClass: "page-imprint", path: SitePaths.imprintFile(language: language))
        let page = ImprintPage(
            layout: layout, title: config.title(in: language), subtitle: config.subtitle(in: language),
            identifiers: ImprintText.identifiers(config.imprint, strings: strings, markPlaceholders: !site.isRelease).map {
                ImprintPage.Identifier(label: $0.label, value: $0.value)
            },
            copyright: ImprintText.copyright(config, language: language, strings: strings,
                                             contentYear: PrintEdition.contentDate(of: site.publication).year),
            disclaimer: ImprintText.disclaimer(config, language: language, strings: strings),
            credits: ImprintText.credits(config, language: language))
        return site.templates.render("imprint", page)
    }

    /// `Public/404.html`: "page not found" in every language, each leading to its publication. Web
    /// servers serve it at any depth, so its links are absolute when publication.yml has `base-url`.
    static func notFoundPage(site: SiteContext) -> String {
        let config = site.config
        let source = config.sourceLanguage
        let root = config.baseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? ""
        var layout = PageRenderer(site: site, language: source).layout(root: root, pageTitle: site.strings(source)["not_found_title"],
                                                                       links: [], bodyClass: "page-not-found")
        layout.noindex = true
        let entries = config.languages.map { language in
            let strings = site.strings(language.code)
            return NotFoundPage.Entry(code: language.code, dir: language.direction, title: config.title(in: language.code),
                                      message: strings["not_found_text"], notFound: strings["not_found_title"],
                                      href: SitePaths.home(language: language.code, root: root))
        }
        return site.templates.render("not-found", NotFoundPage(layout: layout, entries: entries))
    }
}

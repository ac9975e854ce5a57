/// Where a link of the model leads in an edition that holds the whole book in one file (the PDF, the
/// Word and EPUB editions): a place inside it, a web address, or nowhere. The link was resolved once,
/// in the model; the editions differ only in how they name a place and which web addresses they keep.
enum BookTarget: Equatable {
    /// A place inside the edition.
    case anchor(String)
    /// A web address (external, or the site's page for what the edition does not contain).
    case web(String)
    case none

    /// `place`: the edition's name for a chapter's heading (or the chapter itself, with no fragment);
    /// `external`: the address kept for an external link, if any.
    static func of(_ target: LinkResolver.Target?, inChapter slug: String, baseURL: String?,
                   place: (_ slug: String, _ fragment: String?) -> String?, external: (String) -> String?) -> BookTarget {
        switch target {
        case .external(let url)?:
            return external(url).map(BookTarget.web) ?? .none
        case .fragment(let fragment)?:
            return place(slug, fragment).map(BookTarget.anchor) ?? .none
        case .chapter(let other, let language, let fragment)?:
            // The edition holds one version of every chapter of the book: a link to any language's
            // version leads to it, to the heading when it has the same id there.
            if let anchor = place(other, fragment) ?? place(other, nil) { return .anchor(anchor) }
            return site(SitePaths.chapterFile(slug: other, language: language), fragment: fragment, baseURL: baseURL)
        case .home(let language, let fragment)?:
            return site(SitePaths.homeFile(language: language), fragment: fragment, baseURL: baseURL)
        case .media(let file)?:
            return site(SitePaths.media(file, root: ""), fragment: nil, baseURL: baseURL)
        case .unsafe?, .broken?, .outside?, nil:
            return .none
        }
    }

    private static func site(_ path: String, fragment: String?, baseURL: String?) -> BookTarget {
        guard let base = baseURL else { return .none }
        let root = base.hasSuffix("/") ? base : base + "/"
        return .web(root + path + (fragment.map { "#" + $0 } ?? ""))
    }
}

import Mustache

/// `partials/found-and-cited.mustache`: what lets search engines find a page and researchers cite it,
/// for publications with `base-url` (absolute addresses need it): the canonical address, the page in
/// every language (hreflang), OpenGraph, Google Scholar's `citation_*` tags and schema.org JSON-LD.
struct FoundAndCited: MustacheParent {
    struct Alternate: MustacheParent {
        var code: String
        var href: String

        func child(named name: String) -> Any? {
            switch name {
            case "code": code
            case "href": href
            default: nil
            }
        }
    }

    struct Meta: MustacheParent {
        var name: String
        var content: String

        func child(named name: String) -> Any? {
            switch name {
            case "name": self.name
            case "content": content
            default: nil
            }
        }
    }

    var canonical: String
    var alternates: [Alternate]
    var defaultHref: String
    /// OpenGraph properties (`og:title`, …) and `citation_*` tags, in order.
    var openGraph: [Meta]
    var citations: [Meta]
    /// The JSON-LD, safe inside `<script>` (no `</`).
    var jsonLD: String?

    func child(named name: String) -> Any? {
        switch name {
        case "canonical": canonical
        case "alternates": alternates
        case "defaultHref": defaultHref
        case "openGraph": openGraph
        case "citations": citations
        case "jsonLD": sectionText(jsonLD)
        default: nil
        }
    }
}

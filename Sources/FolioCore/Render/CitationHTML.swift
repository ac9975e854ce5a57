/// Formatted citations and reference entries (`FormattedInline`) as HTML, as pandoc writes them:
/// emphasis, small capitals, links out through the entry's DOI or URL, and links to entries of the
/// reference list. Only web addresses become links (a `javascript:` URL in a bibliography stays text).
struct CitationHTML {
    /// The href of an entry of the reference list, by key.
    let entryHref: (String) -> String

    static let linkSchemes: Set<String> = ["http", "https", "ftp", "mailto"]

    func render(_ inlines: [FormattedInline], into out: inout HTMLBuffer) {
        for inline in inlines {
            switch inline {
            case .text(let text): out.appendEscaped(text)
            case .emphasis(let inner): wrap("<em>", "</em>", inner, into: &out)
            case .strong(let inner): wrap("<strong>", "</strong>", inner, into: &out)
            case .smallCaps(let inner): wrap("<span class=\"smallcaps\">", "</span>", inner, into: &out)
            case .superscript(let inner): wrap("<sup>", "</sup>", inner, into: &out)
            case .subscript(let inner): wrap("<sub>", "</sub>", inner, into: &out)
            case .link(let url, let inner):
                guard let scheme = LinkResolver.scheme(of: url), Self.linkSchemes.contains(scheme.lowercased()) else {
                    render(inner, into: &out)
                    continue
                }
                out.append("<a href=\"")
                out.appendEscaped(url)
                out.append("\" class=\"external\">")
                render(inner, into: &out)
                out.append("</a>")
            case .entry(let key, let inner):
                out.append("<a href=\"")
                out.appendEscaped(entryHref(key))
                out.append("\" role=\"doc-biblioref\">")
                render(inner, into: &out)
                out.append("</a>")
            }
        }
    }

    func html(_ inlines: [FormattedInline]) -> String {
        var out = HTMLBuffer()
        render(inlines, into: &out)
        return out.string
    }

    private func wrap(_ open: StaticString, _ close: StaticString, _ inner: [FormattedInline], into out: inout HTMLBuffer) {
        out.append(open)
        render(inner, into: &out)
        out.append(close)
    }
}

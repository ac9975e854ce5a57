/// Formatted citations and reference entries (`FormattedInline`) as Typst markup for the print
/// edition: the same value `CitationHTML` renders for the site, so the two cannot differ. Links to
/// entries lead to the entry in the references section (`ref-<key>` labels); links out keep their
/// address, which the text already shows.
enum CitationTypst {
    /// `entries`: the keys the edition's references section holds (a link to another is plain text).
    static func write(_ inlines: [FormattedInline], entries: Set<String>, into out: inout TypstSource) {
        for inline in inlines {
            switch inline {
            case .text(let text): out.markup(text)
            case .emphasis(let inner): wrap("#emph[", inner, entries: entries, into: &out)
            case .strong(let inner): wrap("#strong[", inner, entries: entries, into: &out)
            case .smallCaps(let inner): wrap("#smallcaps[", inner, entries: entries, into: &out)
            case .superscript(let inner): wrap("#super[", inner, entries: entries, into: &out)
            case .subscript(let inner): wrap("#sub[", inner, entries: entries, into: &out)
            case .link(let url, let inner):
                guard let scheme = LinkResolver.scheme(of: url), CitationHTML.linkSchemes.contains(scheme.lowercased()) else {
                    write(inner, entries: entries, into: &out)
                    continue
                }
                wrap("#link(\(TypstEscaping.string(url)))[", inner, entries: entries, into: &out)
            case .entry(let key, let inner):
                guard entries.contains(key) else {
                    write(inner, entries: entries, into: &out)
                    continue
                }
                wrap("#link(label(\(TypstEscaping.string(ReferenceAnchor.id(for: key)))))[", inner, entries: entries, into: &out)
            }
        }
    }

    private static func wrap(_ open: String, _ inner: [FormattedInline], entries: Set<String>, into out: inout TypstSource) {
        out.code(open)
        write(inner, entries: entries, into: &out)
        out.closeExpression("]")
    }
}

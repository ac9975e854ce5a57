/// Formatted citations and reference entries (`FormattedInline`) as pandoc inlines for the Word and
/// EPUB editions: the same value `CitationHTML` renders for the site and `CitationTypst` for print, from
/// the one citeproc run per language, so the four outputs cannot differ. Links to entries lead to the
/// edition's own reference list (`ref-<key>`, a Word bookmark, an EPUB fragment); links out keep their
/// address; only web addresses become links, as on the site.
struct CitationPandoc {
    /// The keys the edition's reference list holds (a link to another entry is plain text).
    let entries: Set<String>

    init(_ citations: LanguageCitations) {
        entries = Set(citations.entries.map(\.key))
    }

    func inlines(_ formatted: [FormattedInline]) -> [PandocInline] {
        var out: [PandocInline] = []
        for inline in formatted {
            switch inline {
            case .text(let text): out += PandocInline.text(text)
            case .emphasis(let inner): out.append(.emph(inlines(inner)))
            case .strong(let inner): out.append(.strong(inlines(inner)))
            case .smallCaps(let inner): out.append(.smallCaps(inlines(inner)))
            case .superscript(let inner): out.append(.superscript(inlines(inner)))
            case .subscript(let inner): out.append(.subscript(inlines(inner)))
            case .link(let url, let inner):
                guard let scheme = LinkResolver.scheme(of: url), CitationHTML.linkSchemes.contains(scheme.lowercased()) else {
                    out += inlines(inner)
                    continue
                }
                out.append(.link(PandocAttr(), inlines(inner), url: url, title: ""))
            case .entry(let key, let inner):
                guard entries.contains(key) else {
                    out += inlines(inner)
                    continue
                }
                out.append(.link(PandocAttr(attributes: [("role", "doc-biblioref")]), inlines(inner),
                                 url: "#" + ReferenceAnchor.id(for: key), title: ""))
            }
        }
        return out
    }

    /// A citation in the text: what stands there, and in a note style its note (a Word footnote, an
    /// EPUB note), which pandoc numbers together with the chapter's own notes in reading order.
    func citation(_ formatted: FormattedCitation) -> [PandocInline] {
        var content = inlines(formatted.inline)
        if let note = formatted.note { content.append(.note([.para(inlines(note))])) }
        return [.span(PandocAttr(classes: ["citation"]), content)]
    }

    /// The reference list closing the edition, as the print edition's references section: every
    /// entry the edition cites, in the style's order, each a paragraph in the Word style
    /// `UN Bibliography` (hanging indent) with the id the citations link to. In the EPUB the heading
    /// opens a section of its own, marked as the bibliography (back matter).
    /// `before`: blocks put before an entry, by its key (the EPUB's page-break markers).
    func referenceList(_ citations: LanguageCitations, title: String, before: (String) -> [PandocBlock] = { _ in [] }) -> [PandocBlock] {
        guard !citations.entries.isEmpty else { return [] }
        let entries = citations.entries.flatMap { entry -> [PandocBlock] in
            before(entry.key) + [.div(.style(EditionStyles.bibliography, id: ReferenceAnchor.id(for: entry.key), classes: ["csl-entry"]),
                                      [.para(inlines(entry.content))])]
        }
        return [
            .header(level: 1, PandocAttr(id: "references", attributes: [("epub:type", "bibliography")]),
                    PandocInline.text(title)),
            .div(PandocAttr(id: "refs", classes: ["references", "csl-bib-body"]), entries),
        ]
    }
}

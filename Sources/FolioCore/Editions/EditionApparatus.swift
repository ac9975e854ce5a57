/// The Word and EPUB editions' apparatus beyond the chapters, from the data the print edition and the
/// site use: the imprint (`ImprintText`, publication.yml's imprint) and the list of acronyms
/// (`acronyms.yml`, sorted in the language's alphabetical order).
extension EditionDocument {
    /// The imprint as a section of its own, headed by the site's imprint page title, in the print
    /// edition's order: identifiers, "How to cite", credits, copyright, disclaimer. In the EPUB the
    /// heading opens a section marked as the imprint (front matter), listed in the navigation.
    static func imprint(site: SiteContext, language: String, strings: UIStrings, contentYear: Int) -> [PandocBlock] {
        let config = site.config
        func styled(_ style: String, _ className: String, _ text: String) -> PandocBlock {
            .div(.style(style, classes: [className]), [.para(PandocInline.text(text))])
        }
        var blocks: [PandocBlock] = []
        let identifiers = ImprintText.identifiers(config.imprint, strings: strings, markPlaceholders: !site.isRelease)
        if !identifiers.isEmpty {
            // "ISBN 978-…", "United Nations publication, Sales No. E.21.II.E.7": the number left to
            // right in every language, as on the site and in print.
            blocks.append(.div(.style(EditionStyles.imprintIdentifier, classes: ["imprint-identifiers"]), identifiers.map { label, value in
                .para([.span(PandocAttr(classes: ["imprint-label"]), PandocInline.text(label)), .space,
                       .span(PandocAttr(attributes: [("dir", "ltr")]), PandocInline.text(value))])
            }))
        }
        blocks.append(styled(EditionStyles.imprintHeading, "imprint-heading", strings["how_to_cite"]))
        blocks.append(styled(EditionStyles.imprint, "how-to-cite", ImprintText.howToCite(config, language: language, strings: strings)))
        if let credits = ImprintText.credits(config, language: language) {
            blocks.append(styled(EditionStyles.imprintHeading, "imprint-heading", strings["credits_title"]))
            blocks.append(styled(EditionStyles.imprint, "imprint-credits", credits))
        }
        blocks.append(styled(EditionStyles.imprint, "imprint-copyright",
                             ImprintText.copyright(config, language: language, strings: strings, contentYear: contentYear)))
        blocks.append(styled(EditionStyles.imprint, "imprint-disclaimer", ImprintText.disclaimer(config, language: language, strings: strings)))
        return [
            .header(level: 1, PandocAttr(id: "imprint", attributes: [("epub:type", "imprint")]), PandocInline.text(strings["imprint_title"])),
            .div(PandocAttr(classes: ["imprint"]), blocks),
        ]
    }

    /// The language's list of acronyms as a definition list under `acronyms_title` (Word's "UN
    /// Definition Term" and "UN Definition"), in the order the site and print show it; nothing for a
    /// language without `acronyms.yml`.
    static func acronyms(site: SiteContext, language: String, strings: UIStrings) -> [PandocBlock] {
        guard let list = site.publication.acronyms[language], !list.entries.isEmpty else { return [] }
        let entries = list.sorted.map { entry in
            PandocDefinition(term: PandocInline.text(entry.short), definitions: [[.plain(PandocInline.text(entry.expansion))]])
        }
        return [
            .header(level: 1, PandocAttr(id: "acronyms"), PandocInline.text(strings["acronyms_title"])),
            .div(PandocAttr(classes: ["acronyms"]), [.definitionList(entries)]),
        ]
    }
}

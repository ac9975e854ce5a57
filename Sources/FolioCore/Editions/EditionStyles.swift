/// The named Word styles of `Templates/docx/reference.docx` that folio's own elements ask for with
/// pandoc's `custom-style` (a Div's paragraphs take the style). The styles pandoc applies itself
/// (headings, body text, captions, footnotes) are renamed in the reference document to the UN names
/// ("UN Heading 1", "UN Body", "UN Definition Term" …): `Tools/make-reference-docx.py` makes both
/// kinds, and the publications office restyles them in Word.
enum EditionStyles {
    static let chapterSummary = "UN Chapter Summary"
    static let authors = "UN Authors"
    static let draftMark = "UN Draft Mark"
    static let notice = "UN Notice"
    static let box = "UN Box"
    static let boxTitle = "UN Box Title"
    /// A figure's credit line, a KPI figure's indicator, source and target.
    static let source = "UN Source"
    /// An entry of the reference list (hanging indent, as in print).
    static let bibliography = "UN Bibliography"
    /// The imprint's paragraphs: "How to cite", credits, copyright, disclaimer.
    static let imprint = "UN Imprint"
    /// The imprint's small headings ("How to cite", the credits' title), bold as in print.
    static let imprintHeading = "UN Imprint Heading"
    /// One identifier of the imprint: "ISBN 978-…".
    static let imprintIdentifier = "UN Imprint Identifier"
}

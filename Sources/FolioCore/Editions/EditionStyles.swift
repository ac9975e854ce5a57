/// The named Word styles of `Templates/docx/reference.docx` that folio's own elements ask for with
/// pandoc's `custom-style` (a Div's paragraphs take the style). The styles pandoc applies itself
/// (headings, body text, captions, footnotes) are renamed in the reference document to the UN names
/// ("UN Heading 1", "UN Body", …): `Templates/docx/make-reference.py` makes both kinds, and the
/// publications office restyles them in Word.
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
}

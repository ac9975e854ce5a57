import Foundation
import FolioMarkdown

/// Invisible marks in the print edition where each heading and paragraph of a chapter starts, which
/// tell the EPUB edition the PDF's page of that block (its page list, `EPUBPageList`). A mark is
/// named by the document model only, the chapter's number and the block's node, so the EPUB renderer,
/// walking the same model, names the same block the same way; no text is ever matched.
enum PrintPageMarks {
    /// The Typst label the marks carry, which the compiler queries after typesetting.
    static let label = "folio-page"

    /// The id of a block: `<chapter number>-<node index>`.
    static func id(chapter: Int, node: MarkdownDocument.Index) -> String { "\(chapter)-\(node)" }

    /// The id of an entry of the reference list (between the chapters and the annexes): `ref-<key>`.
    static func id(referenceEntry key: String) -> String { ReferenceAnchor.id(for: key) }

    /// Defined in the generated document (not the design): a `metadata` element, which Typst neither
    /// shows nor tags, with the block's id, its physical page (1 = the cover, as `pdftotext -f`
    /// counts) and the page's number as printed in the folio.
    static let definition = """
    #let folio-page-mark(id) = context { let pattern = here().page-numbering(); \
    let shown = if pattern == none { str(here().page()) } else { numbering(pattern, ..counter(page).get()) }; \
    [#metadata((id: id, page: here().page(), label: shown))<\(label)>] }
    """

    /// One mark as the compiler reports it.
    struct Mark: Sendable, Equatable, Decodable {
        var id: String
        /// The physical page, from 1.
        var page: Int
        /// The printed page number ("7", or "iv" in roman-numbered front matter).
        var label: String
    }
}

import FolioMarkdown

/// What a cross-reference can point to, named by its label's prefix as in Quarto: `@fig-…`,
/// `@tbl-…`, `@box-…`, `@sec-…`.
public enum ElementKind: String, Sendable, Hashable, CaseIterable {
    case figure, table, box, section, chapter

    /// The label prefix that names this kind (`fig`); chapters are sections (`@sec-governance`).
    public var prefix: String {
        switch self {
        case .figure: "fig"
        case .table: "tbl"
        case .box: "box"
        case .section, .chapter: "sec"
        }
    }

    /// The kinds a label prefix may name.
    static func kinds(forPrefix prefix: String) -> [ElementKind] {
        switch prefix {
        case "fig": [.figure]
        case "tbl": [.table]
        case "box": [.box]
        case "sec": [.section, .chapter]
        default: []
        }
    }

    /// The interface string of a reference to it in running text ("figure {n}").
    var referenceKey: String { "xref_\(rawValue)" }
    /// The interface string of its own label, in a caption ("Figure {n}").
    var captionKey: String {
        switch self {
        case .figure: "figure_label"
        case .table: "table_label"
        case .box: "box_label"
        case .section: "xref_section"
        case .chapter: "chapter_number"
        }
    }
}

/// A numbered element of a chapter: a figure (KPI or image), a captioned table, a box or a section.
/// Numbered once, when the chapter is annotated; every output formats these numbers and never counts.
public struct NumberedElement: Sendable, Hashable {
    public var kind: ElementKind
    /// The author's label (`fig-broadband`), when the element has one.
    public var label: String?
    /// The chapter's number and the element's place in it: `[2, 1]` is "2.1"; a section `[2, 3, 1]`.
    public var number: [Int]
    /// The id of its anchor on the web page and its label in the PDF: the author's label, else one
    /// folio makes (`fig-2.1`, `tbl-2.1`, `box-2.1`); a section's is its heading id.
    public var anchor: String
    /// Its caption or title as plain text (for lists of figures, tables and boxes).
    public var title: String
    public var location: SourceLocation
}

/// A `@label` in running text, as written.
public struct CrossReference: Sendable, Hashable {
    /// The label with its prefix (`fig-broadband`).
    public var label: String
    /// Written `@Fig-…`: the rendered text starts with a capital ("Figure 2.1").
    public var capitalized: Bool
    public var location: SourceLocation
}

/// A piece of a text node as the renderers show it: plain text, a reviewer's edit delimiter, a
/// cross-reference or a citation. Text nodes that hold none (nearly all) have no segments and are shown
/// as they are.
public enum InlineSegment: Sendable, Hashable {
    case text(String)
    case mark(CriticMarkup.Delimiter)
    /// The author and date at the start of a reviewer's comment (right after its opening delimiter).
    case attribution(CommentAttribution)
    case reference(CrossReference)
    /// Its ordinal in the chapter's `citations` (from 1).
    case citation(Citation)
    /// An acronym of the language's list (see `AcronymAnnotator`).
    case acronym(AcronymUse)
}

/// A chapter's image figure: a paragraph holding one image of `Content/media/` (and optionally its
/// label, then a credit line after a line break).
public struct ImageFigure: Sendable, Hashable {
    public var element: NumberedElement
    public var image: MarkdownDocument.Index
    /// The file under `Content/media/`.
    public var file: String
    public var alt: String
    /// The image's title, which is its caption.
    public var caption: String
    /// The paragraph's inlines after the first line break: the credit or source line.
    public var credit: [MarkdownDocument.Index]
    /// Pixel size read from the file (nil when it could not be read).
    public var width: Int?
    public var height: Int?
}

/// A box (`> [!BOX] Title {#box-label}`): a numbered aside whose body is full Markdown.
public struct BoxElement: Sendable, Hashable {
    public var element: NumberedElement
    /// The inlines of its title (the first line of the block quote's first paragraph).
    public var title: [MarkdownDocument.Index]
    /// The rest of that first paragraph (after the title's line), shown as the body's first paragraph.
    public var leadingInlines: [MarkdownDocument.Index]
    /// The block quote's other blocks.
    public var blocks: [MarkdownDocument.Index]
}

/// A table and its caption paragraph (`Table: caption {#tbl-label}` before or after it).
public struct CaptionedTable: Sendable, Hashable {
    public var element: NumberedElement
    public var caption: MarkdownDocument.Index
}

/// A heading with what both outputs show of it.
public struct HeadingElement: Sendable, Hashable {
    public var level: Int
    /// Its plain text with reviewers' edits accepted (for ids, the table of contents, the PDF outline).
    public var text: String
    /// The id of its anchor on the web page.
    public var id: String
    /// Its section number (`[2, 3]` is 2.3) for levels 2 and 3, where sections are numbered.
    public var number: [Int]?
    /// The author's label (`{#sec-…}`), if any.
    public var label: String?
    public var line: Int
    /// Its place among the page's headings (1 for the first): names it in the PDF, where labels are ASCII.
    public var ordinal: Int
}

/// What a block of the chapter is beyond its Markdown kind.
public enum BlockRole: Sendable, Hashable {
    case kpiFigure(NumberedElement, blockIndex: Int)
    case imageFigure(ImageFigure)
    case table(CaptionedTable)
    /// A paragraph that is a table's caption: shown with the table, not on its own.
    case caption
    case box(BoxElement)
}

/// One chapter annotated once for every output: the parsed Markdown, and for its nodes the numbers,
/// ids, labels, roles, resolved links and inline segments that the site, the print edition (and any
/// later edition) render. Renderers walk `document` and ask this model; they never count, resolve or
/// match anything themselves.
public struct ChapterModel: Sendable {
    public var document: MarkdownDocument
    /// Headings by node, in document order of the body then the footnotes (the page's order).
    public var headings: [MarkdownDocument.Index: HeadingElement] = [:]
    public var headingOrder: [MarkdownDocument.Index] = []
    public var roles: [MarkdownDocument.Index: BlockRole] = [:]
    /// Text nodes that are not shown as written: they hold an edit, a cross-reference, or a caption's
    /// or label's syntax that is not part of the text.
    public var segments: [MarkdownDocument.Index: [InlineSegment]] = [:]
    /// Where each link and image leads.
    public var targets: [MarkdownDocument.Index: LinkResolver.Target] = [:]
    /// The chapter's numbered figures, tables and boxes in order (for the lists and the KPI index).
    public var elements: [NumberedElement] = []
    /// The labels this chapter defines, with the element each names.
    public var labels: [String: NumberedElement] = [:]
    /// The cross-references this chapter makes, in order.
    public var references: [CrossReference] = []
    /// The KPI blocks, in document order (validated by the checks).
    public var kpiBlocks: [KPIBlock] = []
    /// The citations, in document order (`citations[n - 1]` has ordinal n).
    public var citations: [Citation] = []
    /// Footnote references and citations in running text, in reading order (see `NoteNumbering`).
    public var noteCalls: [NoteCall] = []
    /// Citations in a KPI figure's `source:` line, by the figure's block index.
    public var sourceCitations: [Int: [InlineSegment]] = [:]

    public init(document: MarkdownDocument) {
        self.document = document
    }

    /// The heading with this id, for a link to `#fragment` (few links have one: a search, not a table
    /// of every heading of every chapter).
    public func heading(withID id: String) -> HeadingElement? {
        for index in headingOrder { if let heading = headings[index], heading.id == id { return heading } }
        return nil
    }

    /// The headings in page order.
    public var orderedHeadings: [HeadingElement] { headingOrder.compactMap { headings[$0] } }

    /// The page's headings as the table of contents lists them.
    public var chapterHeadings: [ChapterHeading] {
        orderedHeadings.map { ChapterHeading(level: $0.level, text: $0.text, id: $0.id, line: $0.line) }
    }
}

import Foundation
import FolioMarkdown

/// The ids an edition gives its chapters, headings and elements, so that links and cross-references
/// become internal links (Word bookmarks, EPUB fragment links across the chapter files). ASCII names
/// made from the chapter models (`ch-3`, `h-3-2`, `fig-broadband`), unique in the edition.
struct EditionAnchors: Sendable {
    /// Chapter slug → its number and model, for every chapter the edition holds.
    var chapters: [String: (number: Int, model: ChapterModel)] = [:]

    static func chapter(_ number: Int) -> String { "ch-\(number)" }

    static func heading(_ heading: HeadingElement, chapter: Int) -> String { "h-\(chapter)-\(heading.ordinal)" }

    /// The element's web anchor: the author's label (ASCII by the label rules) or folio's `fig-2.1`.
    static func element(_ element: NumberedElement) -> String { element.anchor }

    /// The id of a chapter's heading with this web id, of an element, or of the chapter itself.
    func anchor(slug: String, fragment: String?) -> String? {
        guard let (number, model) = chapters[slug] else { return nil }
        guard let fragment, !fragment.isEmpty else { return Self.chapter(number) }
        if let heading = model.heading(withID: fragment) { return Self.heading(heading, chapter: number) }
        return model.elements.first { $0.anchor == fragment }.map(Self.element)
    }
}

/// What an edition needs besides its document: the chart SVGs it shows (written beside the JSON).
struct EditionAssets: Sendable {
    /// Path relative to pandoc's working folder (`charts/fig-2-1.svg`) → SVG text.
    var charts: [(path: String, svg: String)] = []
}

/// Turns an annotated chapter (`ChapterModel`) into pandoc blocks for the Word and EPUB editions: the
/// third renderer beside `HTMLRenderer` and `TypstRenderer`, walking the same model. Numbers, labels,
/// link targets and cross-reference texts come from the model and the interface strings; footnotes
/// become pandoc notes (Word footnotes); reviewers' edits become pandoc's tracked-change spans and
/// comments (Word's `w:ins`, `w:del` and comments), attributed to the chapter's reviewer.
struct EditionRenderer {
    struct Context {
        let chapter: Chapter
        let model: ChapterModel
        /// The chapter's number in the book.
        let number: Int
        /// The edition's language (the chapter itself may be the source text, not yet translated).
        let language: String
        let allowRawHTML: Bool
        let strings: UIStrings
        /// Interface strings of the chapter text's language (cross-references read as part of its sentences).
        let textStrings: UIStrings
        let formatter: LocaleFormatter
        let anchors: EditionAnchors
        let crossReferences: CrossReferenceIndex
        /// The site's address, for links to pages the edition does not contain.
        let baseURL: String?
        let catalogue: KPICatalogue?
        /// Who the chapter's CriticMarkup edits and comments are attributed to, and when (ISO 8601).
        let reviewer: (name: String, date: String)
        /// The edition language's citations as citeproc formatted them for the site and the print
        /// edition (nil when the publication does not cite).
        var citations: LanguageCitations? = nil
        /// The print edition's page breaks before blocks (EPUB only; `EPUBPageList`), by page-mark id.
        var pageBreaks: [String: [EPUBPageList.Break]] = [:]
    }

    private let context: Context
    private let model: ChapterModel
    private var document: MarkdownDocument { model.document }
    private let labels: ElementLabels
    private let textLabels: ElementLabels
    private let citationPandoc: CitationPandoc?
    /// In a note style (formatted), citations in running text call notes of their own.
    private var citationsAreNotes: Bool { context.citations.map { $0.isNoteStyle && $0.isFormatted } ?? false }
    private(set) var assets: EditionAssets
    /// The next Word comment's number: comment ids are numbers, unique in the whole document.
    private(set) var nextCommentID: Int
    /// Footnote label → the definition's node.
    private var definitions: [String: MarkdownDocument.Index] = [:]
    /// Notes being rendered (a note that calls itself is not expanded again).
    private var notesInProgress: Set<String> = []
    /// The inlines being collected.
    private var inlines: [PandocInline] = []
    /// Reviewers' edits still open: each one's kind and the inlines before it.
    private var openMarks: [(kind: MarkKind, outer: [PandocInline], attribution: CommentAttribution?)] = []
    /// Edits opened outside the current inline container, which a delimiter inside it must not close.
    private var markFloor = 0

    private enum MarkKind { case insertion, deletion, highlight, comment }

    /// The class of a highlight, which a comment right after it takes as its range.
    private static let highlightClass = "mark"

    init(context: Context, assets: EditionAssets, nextCommentID: Int) {
        self.context = context
        model = context.model
        self.assets = assets
        self.nextCommentID = nextCommentID
        labels = ElementLabels(strings: context.strings, formatter: context.formatter)
        textLabels = ElementLabels(strings: context.textStrings, formatter: context.formatter)
        citationPandoc = context.citations.map(CitationPandoc.init)
    }

    private var chapter: Chapter { context.chapter }

    /// The chapter's body (everything but its title, which `EditionDocument` sets).
    mutating func render() -> [PandocBlock] {
        for block in document.blocks where document[block].kind == .footnoteDefinition {
            definitions[document.text(of: block)] = block
        }
        return renderBlocks(document.blocks.filter { document[$0].kind != .footnoteDefinition })
    }

    // MARK: - Blocks

    private mutating func renderBlocks(_ blocks: some Sequence<MarkdownDocument.Index>, tight: Bool = false) -> [PandocBlock] {
        var out: [PandocBlock] = []
        for block in blocks { out += renderBlock(block, tight: tight) }
        return out
    }

    private mutating func renderBlock(_ index: MarkdownDocument.Index, tight: Bool) -> [PandocBlock] {
        let node = document[index]
        switch model.roles[index] {
        case .caption?: return []
        case .imageFigure(let figure)?: return renderFigure(figure)
        case .table(let table)?: return renderTable(index, captioned: table)
        case .box(let box)?: return renderBox(box)
        case .kpiFigure(let element, let blockIndex)?: return renderKPIFigure(model.kpiBlocks[blockIndex], blockIndex: blockIndex, element: element)
        case nil: break
        }
        switch node.kind {
        case .paragraph:
            let content = renderInlines(document.children(of: index))
            return pageBreaks(before: index) + [tight ? .plain(content) : .para(content)]
        case .heading:
            // The chapter's title is the level-1 heading; Markdown headings are its sections.
            var content: [PandocInline] = []
            var attr = PandocAttr()
            if let heading = model.headings[index] {
                attr.id = EditionAnchors.heading(heading, chapter: context.number)
                if let number = heading.number.map(labels.number) {
                    content = [.span(PandocAttr(classes: ["header-section-number"]), [.str(number)]), .space]
                }
            }
            content += renderInlines(document.children(of: index))
            return pageBreaks(before: index) + [.header(level: min(max(node.level, 2), 6), attr, content)]
        case .blockQuote:
            return [.blockQuote(renderBlocks(document.children(of: index)))]
        case .list:
            let items = document.children(of: index).map { item -> [PandocBlock] in
                var blocks = renderBlocks(document.children(of: item), tight: node.isTight)
                if let task = document[item].task { blocks = Self.prefix(blocks, with: [.str(task ? "☒" : "☐"), .space]) }
                return blocks
            }
            return [node.isOrdered ? .orderedList(start: node.listStart, items) : .bulletList(items)]
        case .codeBlock:
            let info = document.detail(of: index)
            let literal = document.text(of: index)
            let language = info.split(separator: " ").first.map(String.init)
            return [.codeBlock(PandocAttr(classes: language.map { [$0] } ?? []),
                               literal.hasSuffix("\n") ? String(literal.dropLast()) : literal)]
        case .htmlBlock:
            let raw = document.text(of: index)
            // As on the web: raw HTML stays HTML only where the publication allows it (EPUB keeps it,
            // Word drops it); otherwise it is shown as text.
            return context.allowRawHTML ? [.rawBlock(format: "html", raw)] : [.codeBlock(PandocAttr(classes: ["raw-html"]), raw)]
        case .thematicBreak:
            return [.horizontalRule]
        case .table:
            return renderTable(index, captioned: nil)
        case .footnoteDefinition:
            return []
        default:
            return [.para(renderInlines(CollectionOfOne(index)))]
        }
    }

    /// The page-break markers of the print pages that start with this block (`EPUBPageList`), as raw XHTML.
    private func pageBreaks(before index: MarkdownDocument.Index) -> [PandocBlock] {
        EPUBPageList.block(context.pageBreaks[PrintPageMarks.id(chapter: context.number, node: index)])
    }

    /// The blocks with `inlines` put in front of the first one's text (a task item's box).
    private static func prefix(_ blocks: [PandocBlock], with inlines: [PandocInline]) -> [PandocBlock] {
        guard let first = blocks.first else { return [.plain(inlines)] }
        switch first {
        case .plain(let content): return [.plain(inlines + content)] + blocks.dropFirst()
        case .para(let content): return [.para(inlines + content)] + blocks.dropFirst()
        default: return [.plain(inlines)] + blocks
        }
    }

    // MARK: - Tables, figures and boxes

    /// "Table 2.1: caption" as a caption's inlines.
    private func captionInlines(_ label: String, _ caption: [PandocInline]) -> [PandocInline] {
        caption.isEmpty ? [.str(label)] : [.span(PandocAttr(classes: ["label"]), PandocInline.text(label + ":")), .space] + caption
    }

    private mutating func renderTable(_ table: MarkdownDocument.Index, captioned: CaptionedTable?) -> [PandocBlock] {
        let alignments = document.alignments(of: table)
        let columns = max(alignments.count, document.children(of: table).map { document.children(of: $0).count }.max() ?? 0, 1)
        var header: [[[PandocBlock]]] = []
        var rows: [[[PandocBlock]]] = []
        for row in document.children(of: table) where document[row].kind == .tableRow {
            let cells = Array(document.children(of: row))
            // Every row as wide as the table: pandoc's writers expect as many cells as columns.
            let rendered = (0..<columns).map { column -> [PandocBlock] in
                column < cells.count ? [.plain(renderInlines(document.children(of: cells[column])))] : []
            }
            if document[row].isHeaderRow, header.isEmpty { header.append(rendered) } else { rows.append(rendered) }
        }
        let aligned = (0..<columns).map { column -> PandocAlignment in
            switch column < alignments.count ? alignments[column] : .none {
            case .none: .default
            case .left: .left
            case .center: .center
            case .right: .right
            }
        }
        var pandocTable = PandocTable(alignments: aligned, header: header, rows: rows)
        guard let captioned else { return [.table(pandocTable)] }
        let caption = renderInlines(document.children(of: captioned.caption))
        pandocTable.caption = [.plain(captionInlines(labels.caption(captioned.element), caption))]
        return [.div(PandocAttr(id: EditionAnchors.element(captioned.element), classes: ["table"]), [.table(pandocTable)])]
    }

    private mutating func renderFigure(_ figure: ImageFigure) -> [PandocBlock] {
        let caption = captionInlines(labels.caption(figure.element), PandocInline.text(figure.caption))
        var blocks: [PandocBlock] = [
            .figure(PandocAttr(), caption: [.plain(caption)],
                    [.plain([.image(PandocAttr(), PandocInline.text(figure.alt), source: Self.mediaPath(figure.file), title: "")])]),
        ]
        if !figure.credit.isEmpty {
            blocks.append(.div(.style(EditionStyles.source, classes: ["credit"]), [.para(renderInlines(figure.credit))]))
        }
        return [.div(PandocAttr(id: EditionAnchors.element(figure.element), classes: ["figure"]), blocks)]
    }

    private mutating func renderBox(_ box: BoxElement) -> [PandocBlock] {
        let title = [PandocInline.strong(PandocInline.text(labels.caption(box.element))), .space] + renderInlines(box.title)
        var blocks: [PandocBlock] = [.div(.style(EditionStyles.boxTitle, classes: ["box-title"]), [.para(title)])]
        if !box.leadingInlines.isEmpty { blocks.append(.para(renderInlines(box.leadingInlines))) }
        blocks += renderBlocks(box.blocks)
        return [.div(.style(EditionStyles.box, id: EditionAnchors.element(box.element), classes: ["box"]), blocks)]
    }

    /// The chart as an image with its text alternative, then the data as a table, then source and target.
    private mutating func renderKPIFigure(_ block: KPIBlock, blockIndex: Int, element: NumberedElement) -> [PandocBlock] {
        let anchor = EditionAnchors.element(element)
        let content = KPIFigureContent(block: block, element: element, catalogue: context.catalogue, language: context.language,
                                       strings: context.strings, formatter: context.formatter)
        let rightToLeft = UNLanguage.named(chapter.language)?.isRightToLeft ?? false
        let caption = captionInlines(content.label, PandocInline.text(content.caption))
        var blocks: [PandocBlock] = []
        let table = PandocTable(
            alignments: [.left, .right, .right],
            header: [[context.strings["kpi_city"], context.strings["kpi_year"], content.valueHeader].map { [.plain(PandocInline.text($0))] }],
            rows: content.rows.map { row in [row.city, row.year, row.value].map { [.plain(PandocInline.text($0))] } })
        if let chart = content.chart(block: block, idPrefix: anchor, rightToLeft: rightToLeft, formatter: context.formatter) {
            let path = "charts/\(Self.fileName(anchor)).svg"
            assets.charts.append((path, chart.render()))
            let alternative = "\(content.fullCaption). \(content.description)"
            blocks.append(.figure(PandocAttr(), caption: [.plain(caption)],
                                  [.plain([.image(PandocAttr(), PandocInline.text(alternative), source: path, title: "")])]))
            blocks.append(.table(table))
        } else {
            // A table-only figure: the table carries the caption.
            var captioned = table
            captioned.caption = [.plain(caption)]
            blocks.append(.table(captioned))
        }
        var meta = [content.code]
        if let dimensions = content.dimensions { meta.append(dimensions) }
        if let type = content.type { meta.append(type) }
        var notes = [PandocInline.text(meta.joined(separator: " · "))]
        if let source = sourceInlines(blockIndex) ?? content.source.map(PandocInline.text) { notes.append(source) }
        if let target = content.target { notes.append(PandocInline.text(target)) }
        blocks.append(.div(.style(EditionStyles.source, classes: ["kpi-notes"]), notes.map { .para($0) }))
        return [.div(PandocAttr(id: anchor, classes: ["figure", "kpi-figure"]), blocks)]
    }

    /// A KPI figure's source line when it cites: "Source: " (as the interface strings word it) and the
    /// formatted citations, as on the site and in print.
    private mutating func sourceInlines(_ blockIndex: Int) -> [PandocInline]? {
        guard context.citations != nil, let segments = model.sourceCitations[blockIndex] else { return nil }
        let parts = context.strings.format("kpi_source", ["source": KPISourceLine.slot]).components(separatedBy: KPISourceLine.slot)
        let saved = inlines
        let savedFloor = markFloor
        inlines = PandocInline.text(parts.first ?? "")
        markFloor = openMarks.count
        renderSegments(segments)
        while openMarks.count > markFloor { closeMark() }
        inlines += PandocInline.text(parts.dropFirst().joined(separator: ""))
        let line = inlines
        inlines = saved
        markFloor = savedFloor
        return line
    }

    /// Where pandoc finds a file of `Content/media/` (its resource path holds `Content/`).
    static func mediaPath(_ file: String) -> String { "media/" + file }

    /// A chart's file name from its anchor (labels are ASCII; folio's own anchors hold dots).
    private static func fileName(_ anchor: String) -> String {
        String(anchor.unicodeScalars.map { scalar -> Character in
            let ok = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_"
            return ok ? Character(scalar) : "-"
        })
    }

    // MARK: - Inlines

    private mutating func renderInlines(_ nodes: some Sequence<MarkdownDocument.Index>) -> [PandocInline] {
        let saved = inlines
        let savedFloor = markFloor
        inlines = []
        markFloor = openMarks.count
        for node in nodes { renderInline(node) }
        // An edit left open inside this run of inlines is closed here, so the spans stay balanced.
        while openMarks.count > markFloor { closeMark() }
        let rendered = inlines
        inlines = saved
        markFloor = savedFloor
        return rendered
    }

    private mutating func renderInline(_ index: MarkdownDocument.Index) {
        let node = document[index]
        switch node.kind {
        case .text:
            if let segments = model.segments[index] {
                renderSegments(segments)
            } else {
                inlines += PandocInline.text(document.text(of: index))
            }
        case .softBreak: inlines.append(.softBreak)
        case .lineBreak: inlines.append(.lineBreak)
        case .code: inlines.append(.code(PandocAttr(), document.text(of: index)))
        case .htmlInline:
            let raw = document.text(of: index)
            inlines.append(context.allowRawHTML ? .rawInline(format: "html", raw) : .str(raw))
        case .emphasis: inlines.append(.emph(renderInlines(document.children(of: index))))
        case .strong: inlines.append(.strong(renderInlines(document.children(of: index))))
        case .strikethrough: inlines.append(.strikeout(renderInlines(document.children(of: index))))
        case .link: renderLink(index)
        case .image: renderImage(index)
        case .footnoteReference: renderFootnote(document.text(of: index))
        default: inlines += PandocInline.text(document.plainText(of: index))
        }
    }

    private mutating func renderSegments(_ segments: [InlineSegment]) {
        // A note's call stands where the site and the print edition put it (after the punctuation).
        for segment in citationsAreNotes ? NoteCallPlacement.arranged(segments, language: context.language) : segments {
            switch segment {
            case .text(let text): inlines += PandocInline.text(text)
            case .acronym(let use): inlines += PandocInline.text(use.expanded ? "\(use.expansion) (\(use.short))" : use.short)
            case .reference(let reference): renderReference(reference)
            case .mark(let delimiter):
                switch delimiter {
                case .insertOpen: openMark(.insertion)
                case .deleteOpen, .substituteOpen: openMark(.deletion)
                case .substituteSeparator:
                    if openMarks.count > markFloor { closeMark() }
                    openMark(.insertion)
                case .highlightOpen: openMark(.highlight)
                case .commentOpen: openMark(.comment)
                case .insertClose, .deleteClose, .substituteClose, .highlightClose, .commentClose:
                    if openMarks.count > markFloor { closeMark() }
                }
            case .attribution(let attribution):
                // `{>>FLHD 2020-03-27: …<<}`: the comment is that reviewer's, on that day.
                if let last = openMarks.indices.last { openMarks[last].attribution = attribution }
            case .citation(let citation):
                if let citationPandoc, let formatted = context.citations?.citation(path: chapter.path, ordinal: citation.ordinal) {
                    inlines += citationPandoc.citation(formatted)
                } else {
                    // Not formatted (pandoc's citeproc missing or failed): as written, as on the site.
                    inlines += self.citation(citation.written)
                }
            }
        }
    }

    /// A citation that could not be formatted, as written, kept as one span.
    func citation(_ written: String) -> [PandocInline] {
        [.span(PandocAttr(classes: ["citation"]), PandocInline.text(written))]
    }

    private mutating func renderReference(_ reference: CrossReference) {
        guard let target = context.crossReferences.target(reference.label, in: context.language) else {
            // Reported by the checks; shown as written so that nothing is lost.
            inlines.append(.str("@" + reference.label))
            return
        }
        let text = PandocInline.text(textLabels.reference(target.element, capitalized: reference.capitalized))
        let anchor: String?
        switch target.element.kind {
        case .chapter: anchor = context.anchors.anchor(slug: target.slug, fragment: nil)
        case .section: anchor = context.anchors.anchor(slug: target.slug, fragment: target.element.anchor)
        default: anchor = context.anchors.chapters[target.slug] != nil ? EditionAnchors.element(target.element) : nil
        }
        guard let anchor else {
            inlines += text
            return
        }
        inlines.append(.link(PandocAttr(classes: ["xref"]), text, url: "#" + anchor, title: ""))
    }

    private mutating func renderFootnote(_ label: String) {
        guard let definition = definitions[label], !notesInProgress.contains(label) else { return }
        notesInProgress.insert(label)
        // A note is blocks of its own: the edits open around its call do not reach into it.
        let savedMarks = openMarks
        let savedFloor = markFloor
        let saved = inlines
        openMarks = []
        markFloor = 0
        inlines = []
        let blocks = renderBlocks(document.children(of: definition))
        openMarks = savedMarks
        markFloor = savedFloor
        inlines = saved
        notesInProgress.remove(label)
        // A second call of the same note repeats it: pandoc's notes are where they are called.
        inlines.append(.note(blocks))
    }

    private mutating func renderLink(_ node: MarkdownDocument.Index) {
        let content = renderInlines(document.children(of: node))
        let title = document.detail(of: node)
        switch editionTarget(node) {
        case .anchor(let anchor): inlines.append(.link(PandocAttr(), content, url: "#" + anchor, title: title))
        case .web(let url): inlines.append(.link(PandocAttr(), content, url: url, title: title))
        case .none: inlines += content
        }
    }

    private mutating func renderImage(_ node: MarkdownDocument.Index) {
        let alt = CriticMarkup.accepted(document.plainText(of: node))
        guard case .media(let file)? = model.targets[node] else {
            // A remote image is not fetched: its description stands in for it, with its address.
            inlines += PandocInline.text(alt)
            if case .external(let url)? = model.targets[node] {
                inlines += [.space, .str("("), .link(PandocAttr(), [.str(url)], url: url, title: ""), .str(")")]
            }
            return
        }
        inlines.append(.image(PandocAttr(), PandocInline.text(alt), source: Self.mediaPath(file), title: document.detail(of: node)))
    }

    private func editionTarget(_ node: MarkdownDocument.Index) -> BookTarget {
        BookTarget.of(model.targets[node], inChapter: chapter.slug, baseURL: context.baseURL,
                      place: { context.anchors.anchor(slug: $0, fragment: $1) }, external: { $0 })
    }

    // MARK: - Reviewers' edits

    private mutating func openMark(_ kind: MarkKind) {
        openMarks.append((kind, inlines, nil))
        inlines = []
    }

    /// ISO dates and the reviewer's name, as Word's tracked changes and comments carry them.
    private var reviewAttributes: [(String, String)] {
        [("author", context.reviewer.name), ("date", context.reviewer.date)]
    }

    private mutating func closeMark() {
        guard let (kind, outer, attribution) = openMarks.popLast() else { return }
        let content = inlines
        inlines = outer
        switch kind {
        case .insertion:
            inlines.append(.span(PandocAttr(classes: ["insertion"], attributes: reviewAttributes), content))
        case .deletion:
            inlines.append(.span(PandocAttr(classes: ["deletion"], attributes: reviewAttributes), content))
        case .highlight:
            inlines.append(.span(PandocAttr(classes: [Self.highlightClass]), content))
        case .comment:
            // `{==text==}{>>comment<<}`: the comment covers the highlighted text; alone, it is a point.
            let id = String(nextCommentID)
            nextCommentID += 1
            var range: [PandocInline] = []
            if case .span(let attr, let highlighted)? = inlines.last, attr.classes == [Self.highlightClass], attr.id.isEmpty {
                inlines.removeLast()
                range = highlighted
            }
            let author = attribution.map { [("author", $0.author), ("date", $0.date.description)] } ?? reviewAttributes
            inlines.append(.span(PandocAttr(id: id, classes: ["comment-start"], attributes: author), content))
            inlines += range
            inlines.append(.span(PandocAttr(id: id, classes: ["comment-end"]), []))
        }
    }
}

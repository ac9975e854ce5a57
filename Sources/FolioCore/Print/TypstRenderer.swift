import Foundation
import FolioMarkdown

/// The labels a print edition gives its chapters, headings and elements, so that links and
/// cross-references become links (and page references) inside the PDF. Typst labels here are ASCII
/// names made from the chapter models (`ch-3`, `h-3-2`, `fig-broadband`), never other text.
struct PrintAnchors: Sendable {
    /// Chapter slug → its number and model, for every chapter the edition holds.
    var chapters: [String: (number: Int, model: ChapterModel)] = [:]

    static func chapter(_ number: Int) -> String { "ch-\(number)" }

    static func heading(_ heading: HeadingElement, chapter: Int) -> String { "h-\(chapter)-\(heading.ordinal)" }

    static func element(_ element: NumberedElement) -> String { TypstEscaping.label(element.anchor) }

    /// The label of a chapter's heading with this web id, or of the chapter itself.
    func label(slug: String, fragment: String?) -> String? {
        guard let (number, model) = chapters[slug] else { return nil }
        guard let fragment, !fragment.isEmpty else { return Self.chapter(number) }
        if let heading = model.heading(withID: fragment) { return Self.heading(heading, chapter: number) }
        return model.elements.first { $0.anchor == fragment }.map(Self.element)
    }
}

/// What a print edition needs besides its Typst source: chart SVGs it writes and media files it copies.
struct PrintAssets: Sendable {
    /// Path under the document's root (`charts/kpi-2-1.svg`) → SVG text.
    var charts: [(path: String, svg: String)] = []
    /// Files of `Content/media/` the document shows.
    var media: Set<String> = []
}

/// Turns an annotated chapter (`ChapterModel`) into Typst markup for the print edition: the second
/// renderer beside `HTMLRenderer`, walking the same model. Every piece of content is escaped markup or
/// a string literal; the template's functions (`Templates/print/folio.typ`) do the typesetting.
/// Numbers, labels and link targets come from the model; footnotes become real Typst footnotes;
/// reviewers' edits become visible marks.
struct TypstRenderer {
    struct Context {
        let chapter: Chapter
        let model: ChapterModel
        /// The chapter's number in the book (its file's `NN`).
        let number: Int
        /// The edition's language (the chapter itself may be the source text, not yet translated).
        let language: String
        let allowRawHTML: Bool
        /// Interface strings of the edition's language.
        let strings: UIStrings
        /// Interface strings of the chapter text's language (cross-references read as part of its sentences).
        let textStrings: UIStrings
        let formatter: LocaleFormatter
        let anchors: PrintAnchors
        let crossReferences: CrossReferenceIndex
        /// Whether a cross-reference adds the page it leads to ("figure 2.1, p. 7").
        let pageReferences: Bool
        /// The site's address, for links to pages the PDF does not contain.
        let baseURL: String?
        let catalogue: KPICatalogue?
        /// The edition's formatted citations, when the publication cites.
        var citations: LanguageCitations? = nil
    }

    private let context: Context
    private(set) var out: TypstSource
    private(set) var assets: PrintAssets
    private let diagnostics: DiagnosticCollector
    private let model: ChapterModel
    private var document: MarkdownDocument { model.document }
    private let labels: ElementLabels
    private let textLabels: ElementLabels
    /// Footnote label → the definition's node.
    private var definitions: [String: MarkdownDocument.Index] = [:]
    private var referencedNotes: Set<String> = []
    /// Inside a footnote, link addresses are printed in parentheses instead of in another footnote.
    private var footnoteDepth = 0
    /// Whether a link's address may go in a footnote: only in a paragraph with no other note, since
    /// Typst keeps a line on the page of its notes only for the line's first note (typst#5405).
    private var linkNotesAllowed = false
    /// Closing brackets of reviewers' edits still open in the current block.
    private var openReviewMarks = 0
    /// Marks opened outside the current inline container, which a delimiter inside it must not close.
    private var reviewFloor = 0
    /// The last segment closed a comment: a comment opened right after it is a reply (as on the web).
    private var afterComment = false

    init(context: Context, source: TypstSource, assets: PrintAssets, diagnostics: DiagnosticCollector) {
        self.context = context
        model = context.model
        out = source
        self.assets = assets
        self.diagnostics = diagnostics
        labels = ElementLabels(strings: context.strings, formatter: context.formatter)
        textLabels = ElementLabels(strings: context.textStrings, formatter: context.formatter)
    }

    private var chapter: Chapter { context.chapter }

    private func location(_ point: SourcePoint) -> SourceLocation { chapter.location(of: point) }

    /// Writes the chapter's body (everything but its title, which the template sets).
    mutating func render() {
        for block in document.blocks where document[block].kind == .footnoteDefinition {
            definitions[document.text(of: block)] = block
        }
        renderBlocks(document.blocks.filter { document[$0].kind != .footnoteDefinition })
    }

    // MARK: - Blocks

    private mutating func renderBlocks(_ blocks: some Sequence<MarkdownDocument.Index>) {
        for block in blocks { renderBlock(block) }
    }

    private mutating func renderBlock(_ index: MarkdownDocument.Index) {
        let node = document[index]
        out.move(to: location(node.start))
        switch model.roles[index] {
        case .caption?: return
        case .imageFigure(let figure)?:
            renderFigure(figure)
            out.blankLine()
            return
        case .table(let table)?:
            renderTable(index, captioned: table)
            return
        case .box(let box)?:
            renderBox(box)
            out.blankLine()
            return
        case .kpiFigure(let element, let blockIndex)?:
            renderKPIFigure(model.kpiBlocks[blockIndex], element: element, blockIndex: blockIndex)
            out.blankLine()
            return
        case nil: break
        }
        switch node.kind {
        case .paragraph:
            renderParagraph(index)
            out.blankLine()
        case .heading:
            // The chapter's title is the level-1 heading; Markdown headings are its sections.
            let heading = model.headings[index]
            let number = heading?.number.map(labels.number)
            pageMark(index)
            out.code("#section(level: \(min(max(node.level, 2), 6)), number: \(TypstEscaping.string(number)))[")
            renderInlines(document.children(of: index))
            out.code("]")
            if let heading { out.code("<\(PrintAnchors.heading(heading, chapter: context.number))>") }
            out.blankLine()
        case .blockQuote:
            out.code("#quote(block: true)[")
            out.newline()
            renderBlocks(document.children(of: index))
            out.closeExpression("]")
            out.blankLine()
        case .list:
            out.code(node.isOrdered ? "#enum(tight: \(node.isTight), start: \(node.listStart)," : "#list(tight: \(node.isTight),")
            out.newline()
            for item in document.children(of: index) {
                out.move(to: location(document[item].start))
                out.code("[")
                if let task = document[item].task { out.code("#task(\(task)) ") }
                renderItem(item)
                out.code("],")
                out.newline()
            }
            out.closeExpression(")")
            out.blankLine()
        case .codeBlock:
            let info = document.detail(of: index)
            let literal = document.text(of: index)
            let language = info.split(separator: " ").first.map(String.init) ?? ""
            out.code("#raw(block: true, ")
            if !language.isEmpty { out.code("lang: \(TypstEscaping.string(language)), ") }
            out.string(literal.hasSuffix("\n") ? String(literal.dropLast()) : literal)
            out.closeExpression(")")
            out.blankLine()
        case .htmlBlock:
            let raw = document.text(of: index)
            if context.allowRawHTML {
                diagnostics.warning("raw HTML cannot be typeset: it is left out of the print edition", at: location(node.start))
            } else {
                out.code("#raw(block: true, ")
                out.string(raw.hasSuffix("\n") ? String(raw.dropLast()) : raw)
                out.closeExpression(")")
                out.blankLine()
            }
        case .thematicBreak:
            out.closeExpression("#thematic-break()")
            out.blankLine()
        case .table:
            renderTable(index, captioned: nil)
        case .footnoteDefinition:
            break
        default:
            renderInlines(CollectionOfOne(index))
            out.blankLine()
        }
    }

    private mutating func renderItem(_ item: MarkdownDocument.Index) {
        // A single paragraph stays on the item's line; several blocks are separated by empty lines.
        let children = document.children(of: item)
        if children.count == 1, let only = children.first, document[only].kind == .paragraph, model.roles[only] == nil {
            renderParagraph(only)
            return
        }
        out.newline()
        renderBlocks(children)
    }

    private mutating func renderParagraph(_ index: MarkdownDocument.Index) {
        pageMark(index)
        renderParagraphInlines(Array(document.children(of: index)), noteCount: noteCount(index))
    }

    private mutating func renderParagraphInlines(_ inlines: [MarkdownDocument.Index], noteCount: Int) {
        linkNotesAllowed = noteCount <= 1
        renderInlines(inlines)
        linkNotesAllowed = false
    }

    /// The invisible mark that tells the EPUB edition which page this block starts on (not in notes,
    /// which the EPUB sets elsewhere).
    private mutating func pageMark(_ index: MarkdownDocument.Index) {
        guard footnoteDepth == 0 else { return }
        out.closeExpression("#folio-page-mark(\(TypstEscaping.string(PrintPageMarks.id(chapter: context.number, node: index))))")
    }

    /// The footnote calls and links of a paragraph: each may become a footnote.
    private func noteCount(_ index: MarkdownDocument.Index) -> Int {
        document.subtree(of: index).count { document[$0].kind == .footnoteReference || document[$0].kind == .link }
    }

    // MARK: - Tables, figures and boxes

    private mutating func renderTable(_ table: MarkdownDocument.Index, captioned: CaptionedTable?) {
        let alignments = document.alignments(of: table)
        let columns = max(alignments.count, document.children(of: table).map { document.children(of: $0).count }.max() ?? 0, 1)
        if let captioned {
            out.move(to: location(document[captioned.caption].start))
            out.code("#data-table(label: \(TypstEscaping.string(labels.caption(captioned.element))), ")
            out.code("anchor: \(TypstEscaping.string(PrintAnchors.element(captioned.element))), caption: [")
            renderInlines(document.children(of: captioned.caption))
            out.code("]")
        } else {
            out.code("#data-table(label: none, anchor: none, caption: none")
        }
        let align = (0..<columns).map { column -> String in
            switch column < alignments.count ? alignments[column] : .none {
            case .none, .left: return "start"
            case .center: return "center"
            case .right: return "end"
            }
        }
        out.code(", align: (\(align.joined(separator: ", ")),),")
        out.newline()
        var header: MarkdownDocument.Index?
        var rows: [MarkdownDocument.Index] = []
        for row in document.children(of: table) where document[row].kind == .tableRow {
            if document[row].isHeaderRow, header == nil { header = row } else { rows.append(row) }
        }
        out.move(to: location(document[table].start))
        out.code("header: ")
        if let header { renderRow(header, columns: columns) } else { out.code("()") }
        out.code(",")
        out.newline()
        out.code("rows: (")
        out.newline()
        for row in rows {
            out.move(to: location(document[row].start))
            renderRow(row, columns: columns)
            out.code(",")
            out.newline()
        }
        out.closeExpression("))")
        out.blankLine()
    }

    /// One row as an array of cells, padded to the table's width so every row has as many cells.
    private mutating func renderRow(_ row: MarkdownDocument.Index, columns: Int) {
        let cells = Array(document.children(of: row))
        out.code("(")
        for column in 0..<columns {
            out.code("[")
            if column < cells.count { renderInlines(document.children(of: cells[column])) }
            out.code("], ")
        }
        out.code(")")
    }

    private mutating func renderKPIFigure(_ block: KPIBlock, element: NumberedElement, blockIndex: Int) {
        let anchor = PrintAnchors.element(element)
        let content = KPIFigureContent(block: block, element: element, catalogue: context.catalogue, language: context.language,
                                       strings: context.strings, formatter: context.formatter)
        let rightToLeft = UNLanguage.named(chapter.language)?.isRightToLeft ?? false
        var meta = [content.code]
        if let dimensions = content.dimensions { meta.append(dimensions) }
        if let type = content.type { meta.append(type) }
        out.code("#kpi-figure(label: \(TypstEscaping.string(content.label)), anchor: \(TypstEscaping.string(anchor)), ")
        out.code("title: [\(TypstEscaping.markup(content.caption, atLineStart: true))], meta: \(TypstEscaping.string(meta.joined(separator: " · "))),")
        out.newline()
        out.code("chart: ")
        if let chart = content.chart(block: block, idPrefix: anchor, rightToLeft: rightToLeft, formatter: context.formatter) {
            let path = "charts/\(anchor).svg"
            assets.charts.append((path, chart.render()))
            // The image is made here, not in the template, so that an error in it points to the chapter.
            out.code("image(\(TypstEscaping.string("/" + path)), alt: \(TypstEscaping.string("\(content.fullCaption). \(content.description)")))")
        } else {
            out.code("none")
        }
        out.code(",")
        out.newline()
        let header = [context.strings["kpi_city"], context.strings["kpi_year"], content.valueHeader]
        out.code("header: (\(header.map(TypstEscaping.string).joined(separator: ", ")),),")
        out.newline()
        out.code("rows: (")
        for row in content.rows {
            out.code("(\(TypstEscaping.string(row.city)), \(TypstEscaping.string(row.year)), \(TypstEscaping.string(row.value))),")
        }
        out.code("),")
        out.newline()
        if context.citations != nil, let segments = model.sourceCitations[blockIndex] {
            // A source line that cites: "Source: " and the formatted citations, as markup.
            let parts = context.strings.format("kpi_source", ["source": KPISourceLine.slot]).components(separatedBy: KPISourceLine.slot)
            out.code("source: [")
            out.markup(parts.first ?? "")
            renderSegments(segments)
            out.markup(parts.dropFirst().joined(separator: ""))
            out.code("], ")
        } else {
            out.code("source: \(TypstEscaping.string(content.source)), ")
        }
        out.closeExpression("target: \(TypstEscaping.string(content.target)))")
    }

    private mutating func renderFigure(_ figure: ImageFigure) {
        assets.media.insert(figure.file)
        let call = "image(\(TypstEscaping.string("/media/" + figure.file)), alt: \(TypstEscaping.string(figure.alt)))"
        out.code("#image-figure(\(call), label: \(TypstEscaping.string(labels.caption(figure.element))), ")
        out.code("anchor: \(TypstEscaping.string(PrintAnchors.element(figure.element))), ")
        // Captions are markup, as the lists of figures set them (Typst's quotes and all).
        out.code("caption: \(figure.caption.isEmpty ? "none" : "[\(TypstEscaping.markup(figure.caption, atLineStart: true))]"), credit: ")
        if figure.credit.isEmpty {
            out.code("none")
        } else {
            out.code("[")
            renderInlines(figure.credit)
            out.code("]")
        }
        out.closeExpression(")")
    }

    private mutating func renderBox(_ box: BoxElement) {
        out.code("#folio-box(label: \(TypstEscaping.string(labels.caption(box.element))), ")
        out.code("anchor: \(TypstEscaping.string(PrintAnchors.element(box.element))), title: [")
        renderInlines(box.title)
        out.code("])[")
        out.newline()
        if !box.leadingInlines.isEmpty {
            renderParagraphInlines(box.leadingInlines, noteCount: box.leadingInlines.reduce(0) { $0 + noteCount($1) })
            out.blankLine()
        }
        renderBlocks(box.blocks)
        out.closeExpression("]")
    }

    /// `image("/media/x.png", alt: "…")` for an image of Content/media/ inside a line, or nil (reported,
    /// or shown as text) when it has no alternative text or is not a local file.
    private mutating func imageCall(_ image: MarkdownDocument.Index, source: String) -> String? {
        let alt = CriticMarkup.accepted(document.plainText(of: image)).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !alt.isEmpty else {
            diagnostics.error("image '\(source)' has no alternative text, which the print edition (PDF/UA) requires: "
                              + "write ![what it shows](\(source)), or build with --no-pdf", at: location(document[image].start))
            return nil
        }
        guard case .media(let file)? = model.targets[image] else {
            // A remote image cannot be embedded: its description stands in for it, with its address.
            out.markup("[\(alt)]")
            if let url = webAddress(for: image) { linkNote(url) }
            return nil
        }
        assets.media.insert(file)
        return "image(\(TypstEscaping.string("/media/" + file)), alt: \(TypstEscaping.string(alt)), height: 1.2em)"
    }

    // MARK: - Inlines

    private mutating func renderInlines(_ nodes: some Sequence<MarkdownDocument.Index>) {
        let savedFloor = reviewFloor
        reviewFloor = openReviewMarks
        for node in nodes { renderInline(node) }
        // An edit left open inside this run of inlines is closed here, so the brackets stay balanced.
        while openReviewMarks > reviewFloor {
            openReviewMarks -= 1
            out.closeExpression("]")
        }
        reviewFloor = savedFloor
    }

    private mutating func renderInline(_ index: MarkdownDocument.Index) {
        switch document[index].kind {
        case .text:
            if let segments = model.segments[index] {
                renderSegments(segments)
            } else {
                out.markup(document.text(of: index))
            }
        case .softBreak:
            out.newline(next: SourceLocation(file: out.origin.file, line: out.origin.line + 1, column: 1))
        case .lineBreak:
            out.closeExpression("#linebreak()")
            out.newline(next: SourceLocation(file: out.origin.file, line: out.origin.line + 1, column: 1))
        case .code:
            out.code("#raw(")
            out.string(document.text(of: index))
            out.closeExpression(")")
        case .htmlInline:
            // Tags cannot be typeset; the text between them is kept. Unless raw HTML is allowed, the web
            // shows tags as text, and so does print.
            if !context.allowRawHTML { out.markup(document.text(of: index)) }
        case .emphasis: wrap("emph", index)
        case .strong: wrap("strong", index)
        case .strikethrough: wrap("strike", index)
        case .link:
            renderLink(index)
        case .image:
            if let call = imageCall(index, source: document.text(of: index)) {
                out.closeExpression("#box(\(call))")
            }
        case .footnoteReference:
            renderFootnote(document.text(of: index))
        default:
            out.markup(document.plainText(of: index))
        }
    }

    private mutating func wrap(_ function: String, _ index: MarkdownDocument.Index) {
        out.code("#\(function)[")
        renderInlines(document.children(of: index))
        out.closeExpression("]")
    }

    private mutating func renderSegments(_ segments: [InlineSegment]) {
        let notes = context.citations.map { $0.isNoteStyle && $0.isFormatted } ?? false
        for segment in notes ? NoteCallPlacement.arranged(segments, language: chapter.language) : segments {
            let reply = afterComment
            afterComment = false
            switch segment {
            case .text(let text): out.markup(text)
            case .acronym(let use): out.markup(use.expanded ? "\(use.expansion) (\(use.short))" : use.short)
            case .reference(let reference): renderReference(reference)
            case .attribution(let attribution):
                out.code("#strong[")
                out.markup("\(attribution.author), \(context.formatter.date(attribution.date)):")
                out.closeExpression("]")
                out.markup(" ")
            case .citation(let citation): renderCitation(citation)
            case .mark(let delimiter):
                switch delimiter {
                case .insertOpen: openMark("#review-insert[")
                case .deleteOpen, .substituteOpen: openMark("#review-delete[")
                case .substituteSeparator:
                    closeMark()
                    openMark("#review-insert[")
                case .highlightOpen: openMark("#review-highlight[")
                case .commentOpen:
                    let label = context.strings[reply ? "review_reply" : "review_comment"]
                    // The label alone tells a reply: a project's own copy of folio.typ keeps working.
                    openMark("#review-comment(\(TypstEscaping.string(label)))[")
                case .commentClose:
                    closeMark()
                    afterComment = true
                case .insertClose, .deleteClose, .substituteClose, .highlightClose:
                    closeMark()
                }
            }
        }
    }

    private mutating func renderReference(_ reference: CrossReference) {
        guard let target = context.crossReferences.target(reference.label, in: context.language) else {
            out.markup("@" + reference.label)
            return
        }
        let text = textLabels.reference(target.element, capitalized: reference.capitalized)
        // Sections are found by their web id (their print labels are ASCII names of their own).
        let anchor: String?
        switch target.element.kind {
        case .chapter: anchor = context.anchors.label(slug: target.slug, fragment: nil)
        case .section: anchor = context.anchors.label(slug: target.slug, fragment: target.element.anchor)
        default: anchor = context.anchors.chapters[target.slug] != nil ? PrintAnchors.element(target.element) : nil
        }
        guard let anchor else {
            out.markup(text)
            return
        }
        out.closeExpression("#cross-reference(\(TypstEscaping.string(anchor)), \(TypstEscaping.string(text)), page: \(context.pageReferences))")
    }

    /// A citation as citeproc formatted it; in a note style, its note is a footnote among the
    /// chapter's own (Typst numbers them together).
    private mutating func renderCitation(_ citation: Citation) {
        guard let citations = context.citations, let formatted = citations.citation(path: chapter.path, ordinal: citation.ordinal) else {
            out.markup(citation.written)
            return
        }
        let entries = Set(citations.entries.map(\.key))
        CitationTypst.write(formatted.inline, entries: entries, into: &out)
        if let note = formatted.note {
            out.code("#footnote[")
            footnoteDepth += 1
            CitationTypst.write(note, entries: entries, into: &out)
            footnoteDepth -= 1
            out.closeExpression("]")
        }
    }

    private mutating func renderFootnote(_ label: String) {
        let anchor = TypstEscaping.label("fn-\(context.number)-\(label)")
        guard referencedNotes.insert(label).inserted else {
            // A second call of the same note refers to the first one.
            out.closeExpression("#footnote(<\(anchor)>)")
            return
        }
        guard let definition = definitions[label] else { return }
        let resume = out.origin
        out.code("#footnote[")
        // The note's text goes on lines of its own, which come from the note's definition.
        out.newline(next: location(document[definition].start))
        footnoteDepth += 1
        let children = document.children(of: definition)
        if children.count == 1, let only = children.first, document[only].kind == .paragraph {
            renderInlines(document.children(of: only))
        } else {
            renderBlocks(children)
        }
        footnoteDepth -= 1
        out.newline(next: resume)
        out.code("]<\(anchor)>")
    }

    private mutating func renderLink(_ node: MarkdownDocument.Index) {
        switch printTarget(node) {
        case .anchor(let anchor):
            out.code("#xref(\(TypstEscaping.string(anchor)))[")
            renderInlines(document.children(of: node))
            out.closeExpression("]")
        case .web(let url):
            out.code("#link(\(TypstEscaping.string(url)))[")
            renderInlines(document.children(of: node))
            out.closeExpression("]")
            // The address is printed where the text does not already show it.
            let shown = document.plainText(of: node)
            if shown != url, "mailto:" + shown != url { linkNote(url) }
        case .none:
            renderInlines(document.children(of: node))
        }
    }

    /// The address of a link, in a footnote, or in parentheses where a footnote could stray from its call.
    private mutating func linkNote(_ url: String) {
        let shown = url.hasPrefix("mailto:") ? String(url.dropFirst(7)) : url
        if footnoteDepth > 0 || !linkNotesAllowed {
            out.markup(" (")
            out.code("#link(\(TypstEscaping.string(url)))[")
            out.markup(shown)
            out.closeExpression("]")
            out.markup(")")
        } else {
            out.closeExpression("#link-note(\(TypstEscaping.string(url)), \(TypstEscaping.string(shown)))")
        }
    }

    private func printTarget(_ node: MarkdownDocument.Index) -> BookTarget {
        BookTarget.of(model.targets[node], inChapter: chapter.slug, baseURL: context.baseURL,
                      place: { context.anchors.label(slug: $0, fragment: $1) }, external: Self.webAddress)
    }

    /// A web link's address, when it is one a reader can follow from paper (http, https, mailto, ftp).
    private func webAddress(for node: MarkdownDocument.Index) -> String? {
        guard case .external(let url)? = model.targets[node] else { return nil }
        return Self.webAddress(url)
    }

    private static func webAddress(_ url: String) -> String? {
        guard let scheme = LinkResolver.scheme(of: url) ?? (url.hasPrefix("//") ? "https" : nil),
              ["http", "https", "mailto", "ftp"].contains(scheme) else { return nil }
        return url.hasPrefix("//") ? "https:" + url : url
    }

    // MARK: - Reviewers' edits

    private mutating func openMark(_ code: String) {
        out.code(code)
        openReviewMarks += 1
    }

    private mutating func closeMark() {
        guard openReviewMarks > reviewFloor else { return }
        openReviewMarks -= 1
        out.closeExpression("]")
    }
}

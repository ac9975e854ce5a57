import Foundation
import FolioMarkdown

/// The labels a print edition gives its chapters and headings, so that links between chapters become
/// links (and page references) inside the PDF. Labels are ASCII names folio makes (`ch-3`, `h-3-2`),
/// never text from the content.
struct PrintAnchors: Sendable {
    /// Chapter slug → the chapter's label.
    var chapters: [String: String] = [:]
    /// Chapter slug → web heading id (`measuring-progress`) → label, for `#fragment` links.
    var headingsByID: [String: [String: String]] = [:]
    /// Chapter slug → a heading's position in the Markdown → label, for the heading itself.
    var headingsByPosition: [String: [SourcePoint: String]] = [:]

    static func chapter(_ number: Int) -> String { "ch-\(number)" }

    /// Gives every heading of a chapter the id it has on the web (same order as the HTML renderer:
    /// the body, then the footnotes) and a print label.
    mutating func add(chapter: Chapter, number: Int) {
        chapters[chapter.slug] = Self.chapter(number)
        var ids = HeadingIDs()
        var index = 0
        var byID: [String: String] = [:]
        var byPosition: [SourcePoint: String] = [:]
        let document = chapter.document
        let blocks = Array(document.blocks)
        let ordered = blocks.filter { document[$0].kind != .footnoteDefinition }
            + blocks.filter { document[$0].kind == .footnoteDefinition }
        for block in ordered {
            for node in document.subtree(of: block) where document[node].kind == .heading {
                index += 1
                let label = "h-\(number)-\(index)"
                byID[ids.id(for: CriticMarkup.accepted(document.plainText(of: node)))] = label
                byPosition[document[node].start] = label
            }
        }
        headingsByID[chapter.slug] = byID
        headingsByPosition[chapter.slug] = byPosition
    }
}

/// What a print edition needs besides its Typst source: chart SVGs it writes and media files it copies.
struct PrintAssets: Sendable {
    /// Path under the document's root (`charts/kpi-2-1.svg`) → SVG text.
    var charts: [(path: String, svg: String)] = []
    /// Files of `Content/media/` the document shows.
    var media: Set<String> = []
}

/// Turns a parsed chapter into Typst markup for the print edition: the second renderer beside
/// `HTMLRenderer`, from the same tree. Every piece of content is escaped markup or a string literal;
/// the template's functions (`Templates/print/folio.typ`) do the typesetting. Tables and KPI figures
/// are numbered per chapter as on the web ("Table 3.1", "Figure 3.2"); footnotes become real Typst
/// footnotes; reviewers' edits become visible marks.
struct TypstRenderer {
    struct Context {
        let chapter: Chapter
        /// The chapter's number in the book (its file's `NN`).
        let number: Int
        /// The edition's language (the chapter itself may be the source text, not yet translated).
        let language: String
        let allowRawHTML: Bool
        let resolver: LinkResolver
        /// Interface strings of the edition's language.
        let strings: UIStrings
        let formatter: LocaleFormatter
        let anchors: PrintAnchors
        /// The site's address, for links to pages the PDF does not contain.
        let baseURL: String?
        let kpiBlocks: [KPIBlock]
        let catalogue: KPICatalogue?
        /// Words a table's caption may start with ("Table", "Tableau"), which folio's number replaces.
        let tableWords: [String]
    }

    private let context: Context
    private(set) var out: TypstSource
    private(set) var assets: PrintAssets
    private let diagnostics: DiagnosticCollector
    /// The chapter's tree (nodes are addressed by their index in it).
    private let document: MarkdownDocument
    /// Footnote label → the definition's node.
    private var definitions: [String: MarkdownDocument.Index] = [:]
    private var referencedNotes: Set<String> = []
    private var tableCount = 0
    private var figureCount = 0
    /// Inside a footnote, link addresses are printed in parentheses instead of in another footnote.
    private var footnoteDepth = 0
    /// Whether a link's address may go in a footnote: only in a paragraph with no other note, since
    /// Typst keeps a line on the page of its notes only for the line's first note (typst#5405).
    private var linkNotesAllowed = false
    /// Closing brackets of reviewers' edits still open in the current block.
    private var openReviewMarks = 0
    /// Marks opened outside the current inline container, which a delimiter inside it must not close.
    private var reviewFloor = 0

    init(context: Context, source: TypstSource, assets: PrintAssets, diagnostics: DiagnosticCollector) {
        self.context = context
        document = context.chapter.document
        out = source
        self.assets = assets
        self.diagnostics = diagnostics
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
        let blocks = Array(blocks)
        var index = 0
        while index < blocks.count {
            let block = blocks[index]
            // An emphasized paragraph right before a table is the table's caption (the chapters' own
            // convention, "*Table 1. Preparation…*"); folio's number replaces the one written there.
            if index + 1 < blocks.count, document[blocks[index + 1]].kind == .table, let caption = captionNode(block) {
                renderTable(blocks[index + 1], caption: caption)
                index += 2
                continue
            }
            renderBlock(block)
            index += 1
        }
    }

    private mutating func renderBlock(_ index: MarkdownDocument.Index) {
        let node = document[index]
        out.move(to: location(node.start))
        switch node.kind {
        case .paragraph:
            if let image = standaloneImage(index) {
                renderPicture(image)
            } else {
                renderParagraph(index)
            }
            out.blankLine()
        case .heading:
            // The chapter's title is the level-1 heading; Markdown headings are its sections.
            out.code("#heading(level: \(min(max(node.level, 2), 6)))[")
            renderInlines(document.children(of: index))
            out.code("]")
            if let label = context.anchors.headingsByPosition[chapter.slug]?[node.start] {
                out.code("<\(TypstEscaping.label(label))>")
            }
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
            if KPIChecker.isKPIFence(info), let block = context.kpiBlocks.first(where: { $0.bodyLine == node.start.line }) {
                renderKPIFigure(block)
            } else {
                let language = info.split(separator: " ").first.map(String.init) ?? ""
                out.code("#raw(block: true, ")
                if !language.isEmpty { out.code("lang: \(TypstEscaping.string(language)), ") }
                out.string(literal.hasSuffix("\n") ? String(literal.dropLast()) : literal)
                out.closeExpression(")")
            }
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
            renderTable(index, caption: nil)
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
        if children.count == 1, let only = children.first, document[only].kind == .paragraph, standaloneImage(only) == nil {
            renderParagraph(only)
            return
        }
        out.newline()
        renderBlocks(children)
    }

    private mutating func renderParagraph(_ index: MarkdownDocument.Index) {
        linkNotesAllowed = noteCount(index) <= 1
        renderInlines(document.children(of: index))
        linkNotesAllowed = false
    }

    /// The footnote calls and links of a paragraph: each may become a footnote.
    private func noteCount(_ index: MarkdownDocument.Index) -> Int {
        document.subtree(of: index).count { document[$0].kind == .footnoteReference || document[$0].kind == .link }
    }

    /// Whether a text node holds only spaces and tabs.
    private func isBlankText(_ index: MarkdownDocument.Index) -> Bool {
        document.text(of: index).trimmingCharacters(in: .whitespaces).isEmpty
    }

    /// A paragraph made only of emphasized (or strong) text: a caption for the table after it.
    private func captionNode(_ index: MarkdownDocument.Index) -> MarkdownDocument.Index? {
        guard document[index].kind == .paragraph else { return nil }
        let content = document.children(of: index).filter { document[$0].kind != .text || !isBlankText($0) }
        guard content.count == 1, let only = content.first else { return nil }
        switch document[only].kind {
        case .emphasis, .strong: return only
        default: return nil
        }
    }

    /// The image of a paragraph that holds nothing else, to be set as a picture of its own.
    private func standaloneImage(_ index: MarkdownDocument.Index) -> MarkdownDocument.Index? {
        let content = document.children(of: index).filter {
            switch document[$0].kind {
            case .softBreak, .lineBreak: return false
            case .text: return !isBlankText($0)
            default: return true
            }
        }
        guard content.count == 1, let only = content.first, document[only].kind == .image else { return nil }
        return only
    }

    // MARK: - Tables and figures

    private mutating func renderTable(_ table: MarkdownDocument.Index, caption: MarkdownDocument.Index?) {
        tableCount += 1
        let number = "\(context.formatter.integer(context.number)).\(context.formatter.integer(tableCount))"
        let anchor = "tab-\(context.number)-\(tableCount)"
        let alignments = document.alignments(of: table)
        let columns = max(alignments.count, document.children(of: table).map { document.children(of: $0).count }.max() ?? 0, 1)
        out.move(to: location(document[caption ?? table].start))
        out.code("#data-table(label: \(TypstEscaping.string(context.strings.format("table_label", ["n": number]))), ")
        out.code("anchor: \(TypstEscaping.string(anchor)), caption: ")
        if let caption {
            out.code("[")
            let children = document.children(of: caption)
            renderInlines(children, firstText: children.first.flatMap(captionTextWithoutNumber))
            out.code("]")
        } else {
            out.code("none")
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

    /// The text of a caption's first node without the number the author wrote ("Table 1. Preparation"
    /// → "Preparation"), as folio numbers the table itself; nil when it has none.
    private func captionTextWithoutNumber(_ first: MarkdownDocument.Index) -> String? {
        guard document[first].kind == .text else { return nil }
        var rest = Substring(document.text(of: first))
        guard let word = context.tableWords.first(where: {
            !$0.isEmpty && rest.lowercased().hasPrefix($0.lowercased())
        }) else { return nil }
        rest = rest.dropFirst(word.count).drop { $0 == " " || $0 == "\u{00A0}" }
        let digits = rest.prefix { $0.isASCIIDigit || $0 == "." }
        guard digits.contains(where: \.isASCIIDigit) else { return nil }
        rest = rest.dropFirst(digits.count).drop { $0 == ":" || $0 == "：" || $0 == "." || $0 == " " || $0 == "\u{00A0}" }
        return String(rest)
    }

    private mutating func renderKPIFigure(_ block: KPIBlock) {
        figureCount += 1
        let anchor = "kpi-\(context.number)-\(figureCount)"
        let content = KPIFigureContent(block: block, catalogue: context.catalogue, chapterNumber: context.number,
                                       index: figureCount, language: context.language, strings: context.strings,
                                       formatter: context.formatter)
        let rightToLeft = UNLanguage.named(chapter.language)?.isRightToLeft ?? false
        var meta = [content.code]
        if let dimensions = content.dimensions { meta.append(dimensions) }
        if let type = content.type { meta.append(type) }
        out.code("#kpi-figure(label: \(TypstEscaping.string(content.label)), anchor: \(TypstEscaping.string(anchor)), ")
        out.code("title: \(TypstEscaping.string(content.caption)), meta: \(TypstEscaping.string(meta.joined(separator: " · "))),")
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
        out.closeExpression("source: \(TypstEscaping.string(content.source)), target: \(TypstEscaping.string(content.target)))")
    }

    private mutating func renderPicture(_ image: MarkdownDocument.Index) {
        let source = document.text(of: image)
        let title = document.detail(of: image)
        guard let call = imageCall(image, source: source) else { return }
        out.code("#picture(\(call), caption: ")
        if title.isEmpty { out.code("none") } else { out.code("["); out.markup(title); out.code("]") }
        out.closeExpression(")")
    }

    /// `image("/media/x.png", alt: "…")` for an image of Content/media/, or nil (reported, or shown as
    /// text) when it has no alternative text or is not a local file.
    private mutating func imageCall(_ image: MarkdownDocument.Index, source: String, size: String = "") -> String? {
        let alt = CriticMarkup.accepted(document.plainText(of: image)).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !alt.isEmpty else {
            diagnostics.error("image '\(source)' has no alternative text, which the print edition (PDF/UA) requires: "
                              + "write ![what it shows](\(source)), or build with --no-pdf", at: location(document[image].start))
            return nil
        }
        guard case .media(let file) = context.resolver.resolve(source, from: chapter.language, isImage: true) else {
            // A remote image cannot be embedded: its description stands in for it, with its address.
            out.markup("[\(alt)]")
            if let url = webAddress(for: source, isImage: true) { linkNote(url) }
            return nil
        }
        assets.media.insert(file)
        return "image(\(TypstEscaping.string("/media/" + file)), alt: \(TypstEscaping.string(alt))\(size))"
    }

    // MARK: - Inlines

    /// `firstText`: the text to set instead of the first node's (a caption without its number).
    private mutating func renderInlines(_ nodes: some Sequence<MarkdownDocument.Index>, firstText: String? = nil) {
        let savedFloor = reviewFloor
        reviewFloor = openReviewMarks
        var replacement = firstText
        for node in nodes {
            if let text = replacement {
                renderText(text)
                replacement = nil
            } else {
                renderInline(node)
            }
        }
        // An edit left open inside this run of inlines is closed here, so the brackets stay balanced.
        while openReviewMarks > reviewFloor {
            openReviewMarks -= 1
            out.closeExpression("]")
        }
        reviewFloor = savedFloor
    }

    private mutating func renderText(_ text: String) {
        if CriticMarkup.containsDelimiter(text) { renderReviewMarks(text) } else { out.markup(text) }
    }

    private mutating func renderInline(_ index: MarkdownDocument.Index) {
        switch document[index].kind {
        case .text:
            renderText(document.text(of: index))
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
            renderLink(index, destination: document.text(of: index))
        case .image:
            if let call = imageCall(index, source: document.text(of: index), size: ", height: 1.2em") {
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

    private mutating func renderLink(_ node: MarkdownDocument.Index, destination: String) {
        switch printTarget(destination) {
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

    private enum PrintTarget {
        /// A place inside this PDF.
        case anchor(String)
        /// A web address (external, or the site's page for what the PDF does not contain).
        case web(String)
        case none
    }

    private func printTarget(_ destination: String) -> PrintTarget {
        switch context.resolver.resolve(destination, from: chapter.language) {
        case .external:
            return webAddress(for: destination, isImage: false).map(PrintTarget.web) ?? .none
        case .fragment(let fragment):
            if let label = context.anchors.headingsByID[chapter.slug]?[fragment] { return .anchor(label) }
            return .none
        case .chapter(let slug, let language, let fragment):
            // The PDF holds one version of every chapter of the book: a link to any language's version
            // leads to it, to the heading when it has the same id there.
            if let label = context.anchors.chapters[slug] {
                return .anchor(fragment.flatMap { context.anchors.headingsByID[slug]?[$0] } ?? label)
            }
            return site(SitePaths.chapterFile(slug: slug, language: language), fragment: fragment)
        case .home(let language, let fragment):
            return site(SitePaths.homeFile(language: language), fragment: fragment)
        case .media(let file):
            return site(SitePaths.media(file, root: ""), fragment: nil)
        case .unsafe, .broken, .outside:
            return .none
        }
    }

    private func site(_ path: String, fragment: String?) -> PrintTarget {
        guard let base = context.baseURL else { return .none }
        let root = base.hasSuffix("/") ? base : base + "/"
        return .web(root + path + (fragment.map { "#" + $0 } ?? ""))
    }

    /// A web link's address, when it is one a reader can follow from paper (http, https, mailto, ftp).
    private func webAddress(for destination: String, isImage: Bool) -> String? {
        guard case .external(let url) = context.resolver.resolve(destination, from: chapter.language, isImage: isImage),
              let scheme = LinkResolver.scheme(of: url) ?? (url.hasPrefix("//") ? "https" : nil),
              ["http", "https", "mailto", "ftp"].contains(scheme) else { return nil }
        return url.hasPrefix("//") ? "https:" + url : url
    }

    // MARK: - Reviewers' edits

    /// CriticMarkup as visible marks (drafts only: the public edition refuses them).
    private mutating func renderReviewMarks(_ text: String) {
        var run = ""
        for scalar in text.unicodeScalars {
            guard let delimiter = CriticMarkup.Delimiter(scalar) else {
                run.unicodeScalars.append(scalar)
                continue
            }
            out.markup(run)
            run = ""
            switch delimiter {
            case .insertOpen: openMark("#review-insert[")
            case .deleteOpen, .substituteOpen: openMark("#review-delete[")
            case .substituteSeparator:
                closeMark()
                openMark("#review-insert[")
            case .highlightOpen: openMark("#review-highlight[")
            case .commentOpen: openMark("#review-comment(\(TypstEscaping.string(context.strings["review_comment"])))[")
            case .insertClose, .deleteClose, .substituteClose, .highlightClose, .commentClose:
                closeMark()
            }
        }
        out.markup(run)
    }

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

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
        let ordered = chapter.document.blocks.filter { !Self.isFootnote($0) } + chapter.document.blocks.filter(Self.isFootnote)
        var stack = Array(ordered.reversed())
        while let node = stack.popLast() {
            if case .heading = node.kind {
                index += 1
                let label = "h-\(number)-\(index)"
                byID[ids.id(for: CriticMarkup.accepted(node.plainText))] = label
                byPosition[node.start] = label
            }
            stack.append(contentsOf: node.children.reversed())
        }
        headingsByID[chapter.slug] = byID
        headingsByPosition[chapter.slug] = byPosition
    }

    private static func isFootnote(_ node: MarkdownNode) -> Bool {
        if case .footnoteDefinition = node.kind { return true }
        return false
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
    private var definitions: [String: MarkdownNode] = [:]
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
        out = source
        self.assets = assets
        self.diagnostics = diagnostics
    }

    private var chapter: Chapter { context.chapter }

    private func location(_ point: SourcePoint) -> SourceLocation { chapter.location(of: point) }

    /// Writes the chapter's body (everything but its title, which the template sets).
    mutating func render() {
        for block in chapter.document.blocks {
            if case .footnoteDefinition(let label) = block.kind { definitions[label] = block }
        }
        renderBlocks(chapter.document.blocks.filter {
            if case .footnoteDefinition = $0.kind { return false }
            return true
        })
    }

    // MARK: - Blocks

    private mutating func renderBlocks(_ blocks: [MarkdownNode]) {
        var index = 0
        while index < blocks.count {
            let block = blocks[index]
            // An emphasized paragraph right before a table is the table's caption (the chapters' own
            // convention, "*Table 1. Preparation…*"); folio's number replaces the one written there.
            if index + 1 < blocks.count, case .table(let alignments) = blocks[index + 1].kind, let caption = Self.captionNode(block) {
                renderTable(blocks[index + 1], alignments: alignments, caption: caption)
                index += 2
                continue
            }
            renderBlock(block)
            index += 1
        }
    }

    private mutating func renderBlock(_ node: MarkdownNode) {
        out.move(to: location(node.start))
        switch node.kind {
        case .paragraph:
            if let image = Self.standaloneImage(node) {
                renderPicture(image)
            } else {
                renderParagraph(node)
            }
            out.blankLine()
        case .heading(let level):
            // The chapter's title is the level-1 heading; Markdown headings are its sections.
            out.code("#heading(level: \(min(max(level, 2), 6)))[")
            renderInlines(node.children)
            out.code("]")
            if let label = context.anchors.headingsByPosition[chapter.slug]?[node.start] {
                out.code("<\(TypstEscaping.label(label))>")
            }
            out.blankLine()
        case .blockQuote:
            out.code("#quote(block: true)[")
            out.newline()
            renderBlocks(node.children)
            out.closeExpression("]")
            out.blankLine()
        case .list(let ordered, let start, let tight):
            out.code(ordered ? "#enum(tight: \(tight), start: \(start)," : "#list(tight: \(tight),")
            out.newline()
            for item in node.children {
                out.move(to: location(item.start))
                out.code("[")
                if case .item(let task?) = item.kind { out.code("#task(\(task)) ") }
                renderItem(item)
                out.code("],")
                out.newline()
            }
            out.closeExpression(")")
            out.blankLine()
        case .codeBlock(let info, let literal):
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
        case .htmlBlock(let raw):
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
        case .table(let alignments):
            renderTable(node, alignments: alignments, caption: nil)
        case .footnoteDefinition:
            break
        default:
            renderInlines([node])
            out.blankLine()
        }
    }

    private mutating func renderItem(_ item: MarkdownNode) {
        // A single paragraph stays on the item's line; several blocks are separated by empty lines.
        if item.children.count == 1, case .paragraph = item.children[0].kind, Self.standaloneImage(item.children[0]) == nil {
            renderParagraph(item.children[0])
            return
        }
        out.newline()
        renderBlocks(item.children)
    }

    private mutating func renderParagraph(_ node: MarkdownNode) {
        linkNotesAllowed = Self.noteCount(node) <= 1
        renderInlines(node.children)
        linkNotesAllowed = false
    }

    /// The footnote calls and links of a paragraph: each may become a footnote.
    private static func noteCount(_ node: MarkdownNode) -> Int {
        var count = 0
        var stack = [node]
        while let next = stack.popLast() {
            switch next.kind {
            case .footnoteReference, .link: count += 1
            default: break
            }
            stack.append(contentsOf: next.children)
        }
        return count
    }

    /// A paragraph made only of emphasized (or strong) text: a caption for the table after it.
    private static func captionNode(_ node: MarkdownNode) -> MarkdownNode? {
        guard case .paragraph = node.kind else { return nil }
        let content = node.children.filter {
            if case .text(let text) = $0.kind { return !text.trimmingCharacters(in: .whitespaces).isEmpty }
            return true
        }
        guard content.count == 1, let only = content.first else { return nil }
        switch only.kind {
        case .emphasis, .strong: return only
        default: return nil
        }
    }

    /// The image of a paragraph that holds nothing else, to be set as a picture of its own.
    private static func standaloneImage(_ node: MarkdownNode) -> MarkdownNode? {
        let content = node.children.filter {
            switch $0.kind {
            case .softBreak, .lineBreak: return false
            case .text(let text): return !text.trimmingCharacters(in: .whitespaces).isEmpty
            default: return true
            }
        }
        guard content.count == 1, let only = content.first, case .image = only.kind else { return nil }
        return only
    }

    // MARK: - Tables and figures

    private mutating func renderTable(_ table: MarkdownNode, alignments: [TableAlignment], caption: MarkdownNode?) {
        tableCount += 1
        let number = "\(context.formatter.integer(context.number)).\(context.formatter.integer(tableCount))"
        let anchor = "tab-\(context.number)-\(tableCount)"
        let columns = max(alignments.count, table.children.map(\.children.count).max() ?? 0, 1)
        out.move(to: location(caption?.start ?? table.start))
        out.code("#data-table(label: \(TypstEscaping.string(context.strings.format("table_label", ["n": number]))), ")
        out.code("anchor: \(TypstEscaping.string(anchor)), caption: ")
        if let caption {
            out.code("[")
            renderInlines(stripNumber(from: caption.children))
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
        var header: MarkdownNode?
        var rows: [MarkdownNode] = []
        for row in table.children {
            guard case .tableRow(let isHeader) = row.kind else { continue }
            if isHeader, header == nil { header = row } else { rows.append(row) }
        }
        out.move(to: location(table.start))
        out.code("header: ")
        if let header { renderRow(header, columns: columns) } else { out.code("()") }
        out.code(",")
        out.newline()
        out.code("rows: (")
        out.newline()
        for row in rows {
            out.move(to: location(row.start))
            renderRow(row, columns: columns)
            out.code(",")
            out.newline()
        }
        out.closeExpression("))")
        out.blankLine()
    }

    /// One row as an array of cells, padded to the table's width so every row has as many cells.
    private mutating func renderRow(_ row: MarkdownNode, columns: Int) {
        out.code("(")
        for column in 0..<columns {
            out.code("[")
            if column < row.children.count { renderInlines(row.children[column].children) }
            out.code("], ")
        }
        out.code(")")
    }

    /// The caption without the number the author wrote ("Table 1. Preparation" → "Preparation"),
    /// as folio numbers the table itself.
    private func stripNumber(from inlines: [MarkdownNode]) -> [MarkdownNode] {
        guard var first = inlines.first, case .text(let text) = first.kind else { return inlines }
        var rest = Substring(text)
        guard let word = context.tableWords.first(where: {
            !$0.isEmpty && rest.lowercased().hasPrefix($0.lowercased())
        }) else { return inlines }
        rest = rest.dropFirst(word.count).drop { $0 == " " || $0 == "\u{00A0}" }
        let digits = rest.prefix { $0.isASCIIDigit || $0 == "." }
        guard digits.contains(where: \.isASCIIDigit) else { return inlines }
        rest = rest.dropFirst(digits.count).drop { $0 == ":" || $0 == "：" || $0 == "." || $0 == " " || $0 == "\u{00A0}" }
        first.kind = .text(String(rest))
        return [first] + inlines.dropFirst()
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

    private mutating func renderPicture(_ image: MarkdownNode) {
        guard case .image(let source, let title) = image.kind, let call = imageCall(image, source: source) else { return }
        out.code("#picture(\(call), caption: ")
        if title.isEmpty { out.code("none") } else { out.code("["); out.markup(title); out.code("]") }
        out.closeExpression(")")
    }

    /// `image("/media/x.png", alt: "…")` for an image of Content/media/, or nil (reported, or shown as
    /// text) when it has no alternative text or is not a local file.
    private mutating func imageCall(_ image: MarkdownNode, source: String, size: String = "") -> String? {
        let alt = CriticMarkup.accepted(image.plainText).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !alt.isEmpty else {
            diagnostics.error("image '\(source)' has no alternative text, which the print edition (PDF/UA) requires: "
                              + "write ![what it shows](\(source)), or build with --no-pdf", at: location(image.start))
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

    private mutating func renderInlines(_ nodes: [MarkdownNode]) {
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

    private mutating func renderInline(_ node: MarkdownNode) {
        switch node.kind {
        case .text(let text):
            if CriticMarkup.containsDelimiter(text) { renderReviewMarks(text) } else { out.markup(text) }
        case .softBreak:
            out.newline(next: SourceLocation(file: out.origin.file, line: out.origin.line + 1, column: 1))
        case .lineBreak:
            out.closeExpression("#linebreak()")
            out.newline(next: SourceLocation(file: out.origin.file, line: out.origin.line + 1, column: 1))
        case .code(let code):
            out.code("#raw(")
            out.string(code)
            out.closeExpression(")")
        case .htmlInline(let raw):
            // Tags cannot be typeset; the text between them is kept. Unless raw HTML is allowed, the web
            // shows tags as text, and so does print.
            if !context.allowRawHTML { out.markup(raw) }
        case .emphasis: wrap("emph", node)
        case .strong: wrap("strong", node)
        case .strikethrough: wrap("strike", node)
        case .link(let destination, _):
            renderLink(node, destination: destination)
        case .image(let source, _):
            if let call = imageCall(node, source: source, size: ", height: 1.2em") {
                out.closeExpression("#box(\(call))")
            }
        case .footnoteReference(let label):
            renderFootnote(label)
        default:
            out.markup(node.plainText)
        }
    }

    private mutating func wrap(_ function: String, _ node: MarkdownNode) {
        out.code("#\(function)[")
        renderInlines(node.children)
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
        out.newline(next: location(definition.start))
        footnoteDepth += 1
        if definition.children.count == 1, case .paragraph = definition.children[0].kind {
            renderInlines(definition.children[0].children)
        } else {
            renderBlocks(definition.children)
        }
        footnoteDepth -= 1
        out.newline(next: resume)
        out.code("]<\(anchor)>")
    }

    private mutating func renderLink(_ node: MarkdownNode, destination: String) {
        switch printTarget(destination) {
        case .anchor(let anchor):
            out.code("#xref(\(TypstEscaping.string(anchor)))[")
            renderInlines(node.children)
            out.closeExpression("]")
        case .web(let url):
            out.code("#link(\(TypstEscaping.string(url)))[")
            renderInlines(node.children)
            out.closeExpression("]")
            // The address is printed where the text does not already show it.
            let shown = node.plainText
            if shown != url, "mailto:" + shown != url { linkNote(url) }
        case .none:
            renderInlines(node.children)
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

import Foundation
import FolioMarkdown

/// The chapter body as HTML, with what the page around it needs.
public struct RenderedBody: Sendable {
    /// The body's HTML as UTF-8 (valid by construction): chapter pages splice these bytes in as they
    /// are, where a String would be validated again and copied by the template engine.
    public var htmlBytes: [UInt8]
    public var html: String { String(decoding: htmlBytes, as: UTF8.self) }
    /// The footnotes section (empty when the chapter has none).
    public var footnotesHTML: String
    public var headings: [ChapterHeading]
}

/// Turns an annotated chapter (`ChapterModel`) into HTML for the site. Everything from the content is
/// escaped; raw HTML is shown as text unless the publication allows it. Numbers, ids, labels and link
/// targets come from the model; the markup of headings, tables, figures, boxes, cross-references,
/// footnotes and reviewers' marks comes from the element templates (`Templates/elements/`).
public struct HTMLRenderer {
    public struct Context {
        /// The page's prefix back to the site root (`../../` from a chapter page).
        public var root: String
        /// The language of the chapter's text.
        public var language: String
        /// The language of the site the page belongs to (its links and figure labels).
        public var pageLanguage: String
        public var allowRawHTML: Bool
        public var templates: TemplateSet
        /// Interface strings of the page's language (figure labels, notes, frames).
        public var strings: UIStrings
        /// Interface strings of the text's language (cross-references read as part of its sentences).
        public var textStrings: UIStrings
        public var formatter: LocaleFormatter
        /// The page's chapter (a cross-reference into it stays on the page).
        public var slug: String?
        /// The labels of the page language's book.
        public var crossReferences: CrossReferenceIndex
        /// What KPI figures are drawn with; nil where a text has none (a landing text).
        public var kpiFigures: KPIFigureRenderer?

        public init(root: String, language: String, pageLanguage: String, allowRawHTML: Bool, templates: TemplateSet,
                    strings: UIStrings, textStrings: UIStrings, formatter: LocaleFormatter, slug: String?,
                    crossReferences: CrossReferenceIndex, kpiFigures: KPIFigureRenderer?) {
            self.root = root
            self.language = language
            self.pageLanguage = pageLanguage
            self.allowRawHTML = allowRawHTML
            self.templates = templates
            self.strings = strings
            self.textStrings = textStrings
            self.formatter = formatter
            self.slug = slug
            self.crossReferences = crossReferences
            self.kpiFigures = kpiFigures
        }
    }

    private let context: Context
    private let model: ChapterModel
    private var document: MarkdownDocument { model.document }
    private let labels: ElementLabels
    private let textLabels: ElementLabels
    private var footnoteReferenceCounts: [String: Int] = [:]
    /// Reviewers' edits still open in the current block: each one's template and the HTML before it.
    private var openMarks: [(kind: EntryPartial, outer: String)] = []
    /// Edits opened outside the current inline container, which a delimiter inside it must not close.
    private var markFloor = 0

    public init(context: Context, model: ChapterModel) {
        self.context = context
        self.model = model
        labels = ElementLabels(strings: context.strings, formatter: context.formatter)
        textLabels = ElementLabels(strings: context.textStrings, formatter: context.formatter)
    }

    public mutating func render() -> RenderedBody {
        var body = ""
        body.reserveCapacity(document.nodes.count * 48)
        var definitions: [MarkdownDocument.Index] = []
        for block in document.blocks {
            if document[block].kind == .footnoteDefinition {
                definitions.append(block)
            } else {
                renderBlock(block, into: &body, tight: false)
            }
        }
        let footnotes = renderFootnotes(definitions)
        return RenderedBody(htmlBytes: Array(body.utf8), footnotesHTML: footnotes, headings: model.chapterHeadings)
    }

    private func partial(_ kind: EntryPartial.Kind) -> EntryPartial { context.templates.entryPartial(kind.name) }

    // MARK: - Blocks

    private mutating func renderBlock(_ index: MarkdownDocument.Index, into out: inout String, tight: Bool) {
        let node = document[index]
        switch model.roles[index] {
        case .caption?: return
        case .imageFigure(let figure)?: renderFigure(figure, into: &out); return
        case .table(let table)?: renderTable(index, captioned: table, into: &out); return
        case .box(let box)?: renderBox(box, into: &out); return
        case .kpiFigure(let element, let blockIndex)?:
            if let kpiFigures = context.kpiFigures {
                kpiFigures.render(model.kpiBlocks[blockIndex], element: element, template: partial(ElementTemplates.kpiFigure),
                                  into: &out)
                return
            }
        case nil: break
        }
        switch node.kind {
        case .paragraph:
            if tight {
                out += renderInlines(document.children(of: index))
                out += "\n"
            } else {
                out += "<p>"
                out += renderInlines(document.children(of: index))
                out += "</p>\n"
            }
        case .heading:
            guard let heading = model.headings[index] else { return }
            let number = heading.number.map(labels.number)
            partial(ElementTemplates.heading).render(
                [String(heading.level), heading.id, number ?? "", context.strings["link_to_section"]],
                html: [renderInlines(document.children(of: index))], flags: [number != nil], into: &out)
        case .blockQuote:
            out += "<blockquote>\n"
            for child in document.children(of: index) { renderBlock(child, into: &out, tight: false) }
            out += "</blockquote>\n"
        case .list:
            if node.isOrdered {
                out += node.listStart == 1 ? "<ol>\n" : "<ol start=\"\(node.listStart)\">\n"
            } else {
                let hasTask = document.children(of: index).contains { document[$0].task != nil }
                out += hasTask ? "<ul class=\"task-list\">\n" : "<ul>\n"
            }
            for item in document.children(of: index) { renderItem(item, tight: node.isTight, into: &out) }
            out += node.isOrdered ? "</ol>\n" : "</ul>\n"
        case .codeBlock:
            let info = document.detail(of: index)
            if let language = info.split(separator: " ").first {
                out += "<pre><code class=\"language-\(HTML.escape(String(language)))\">"
            } else {
                out += "<pre><code>"
            }
            out += HTML.escape(document.text(of: index))
            out += "</code></pre>\n"
        case .htmlBlock:
            if context.allowRawHTML {
                out += document.text(of: index)
            } else {
                out += "<pre class=\"raw-html\">\(HTML.escape(document.text(of: index)))</pre>\n"
            }
        case .thematicBreak:
            out += "<hr />\n"
        case .table:
            renderTable(index, captioned: nil, into: &out)
        default:
            // Inline content at block level (never produced by cmark-gfm): render it, lose nothing.
            out += renderInlines(CollectionOfOne(index))
        }
    }

    private mutating func renderItem(_ index: MarkdownDocument.Index, tight: Bool, into out: inout String) {
        if let task = document[index].task {
            out += task ? "<li class=\"task\"><input type=\"checkbox\" disabled=\"disabled\" checked=\"checked\" /> "
                        : "<li class=\"task\"><input type=\"checkbox\" disabled=\"disabled\" /> "
        } else {
            out += "<li>"
        }
        for child in document.children(of: index) { renderBlock(child, into: &out, tight: tight) }
        out += "</li>\n"
    }

    private mutating func renderTable(_ table: MarkdownDocument.Index, captioned: CaptionedTable?, into out: inout String) {
        let alignments = document.alignments(of: table)
        var rows = ""
        var bodyOpen = false
        var headers: [String] = []
        for row in document.children(of: table) {
            guard document[row].kind == .tableRow else { continue }
            let isHeader = document[row].isHeaderRow
            if isHeader {
                rows += "<thead>\n"
            } else if !bodyOpen {
                rows += "<tbody>\n"
                bodyOpen = true
            }
            rows += "<tr>"
            for (column, cell) in document.children(of: row).enumerated() {
                let align: String
                switch column < alignments.count ? alignments[column] : .none {
                case .none: align = ""
                case .left: align = " class=\"align-start\""
                case .center: align = " class=\"align-center\""
                case .right: align = " class=\"align-end\""
                }
                if isHeader { headers.append(CriticMarkup.accepted(document.plainText(of: cell))) }
                rows += isHeader ? "<th scope=\"col\"\(align)>" : "<td\(align)>"
                rows += renderInlines(document.children(of: cell))
                rows += isHeader ? "</th>" : "</td>"
            }
            rows += "</tr>\n"
            if isHeader { rows += "</thead>\n" }
        }
        if bodyOpen { rows += "</tbody>\n" }
        // A table without a caption is named by its columns, so that its scrolling frame has a name.
        let frameLabel = "\(context.strings["table"]): \(headers.filter { !$0.isEmpty }.joined(separator: ", "))"
        if let captioned {
            partial(ElementTemplates.table).render(
                [captioned.element.anchor, labels.caption(captioned.element), frameLabel],
                html: [renderInlines(document.children(of: captioned.caption)), rows], flags: [true], into: &out)
        } else {
            partial(ElementTemplates.table).render(["", "", frameLabel], html: ["", rows], flags: [false], into: &out)
        }
    }

    private mutating func renderFigure(_ figure: ImageFigure, into out: inout String) {
        let source: String
        switch model.targets[figure.image] {
        case .media(let file)?: source = SitePaths.media(file, root: context.root)
        default: source = document.text(of: figure.image)
        }
        let credit = figure.credit.isEmpty ? "" : renderInlines(figure.credit)
        partial(ElementTemplates.figure).render(
            [figure.element.anchor, labels.caption(figure.element), source, figure.alt,
             figure.width.map(String.init) ?? "", figure.height.map(String.init) ?? "", figure.caption],
            html: [credit], flags: [!figure.caption.isEmpty, !credit.isEmpty, figure.width != nil && figure.height != nil],
            into: &out)
    }

    private mutating func renderBox(_ box: BoxElement, into out: inout String) {
        var content = ""
        if !box.leadingInlines.isEmpty {
            content += "<p>"
            content += renderInlines(box.leadingInlines)
            content += "</p>\n"
        }
        for block in box.blocks { renderBlock(block, into: &content, tight: false) }
        partial(ElementTemplates.box).render([box.element.anchor, labels.caption(box.element)],
                                             html: [renderInlines(box.title), content], flags: [], into: &out)
    }

    private mutating func renderFootnotes(_ definitions: [MarkdownDocument.Index]) -> String {
        guard !definitions.isEmpty else { return "" }
        var out = "<ol>\n"
        for definition in definitions {
            let label = document.text(of: definition)
            var backlinks = ""
            let count = max(footnoteReferenceCounts[label] ?? 1, 1)
            for index in 1...count {
                partial(ElementTemplates.footnoteBacklink).render(
                    [index > 1 ? "#fnref:\(label):\(index)" : "#fnref:\(label)",
                     context.strings.format("back_to_reference", ["n": label]), String(index)],
                    flags: [index > 1], into: &backlinks)
            }
            var content = ""
            for child in document.children(of: definition) { renderBlock(child, into: &content, tight: false) }
            // The back link goes inside the last paragraph, as readers expect it at the end of the note.
            if content.hasSuffix("</p>\n") {
                content.removeLast(5)
                content += backlinks + "</p>\n"
            } else {
                content += "<p>\(backlinks)</p>\n"
            }
            partial(ElementTemplates.footnote).render(["fn:\(label)"], html: [content], flags: [], into: &out)
        }
        out += "</ol>\n"
        return out
    }

    // MARK: - Inlines

    private mutating func renderInlines(_ nodes: some Sequence<MarkdownDocument.Index>) -> String {
        let savedFloor = markFloor
        markFloor = openMarks.count
        var out = ""
        for node in nodes { renderInline(node, into: &out) }
        // An edit left open inside this run of inlines is closed here, so the markup stays balanced.
        while openMarks.count > markFloor { closeMark(into: &out) }
        markFloor = savedFloor
        return out
    }

    private mutating func renderSegments(_ segments: [InlineSegment], into out: inout String) {
        for segment in segments {
            switch segment {
            case .text(let text): out += HTML.escape(text)
            case .reference(let reference): renderReference(reference, into: &out)
            case .mark(let delimiter):
                switch delimiter {
                case .insertOpen: openMark(ElementTemplates.insertion, into: &out)
                case .deleteOpen, .substituteOpen: openMark(ElementTemplates.deletion, into: &out)
                case .substituteSeparator:
                    if openMarks.count > markFloor { closeMark(into: &out) }
                    openMark(ElementTemplates.insertion, into: &out)
                case .highlightOpen: openMark(ElementTemplates.highlight, into: &out)
                case .commentOpen: openMark(ElementTemplates.comment, into: &out)
                case .insertClose, .deleteClose, .substituteClose, .highlightClose, .commentClose:
                    if openMarks.count > markFloor { closeMark(into: &out) }
                }
            }
        }
    }

    /// Starts collecting an edit's content: what came before it is put aside until it closes.
    private mutating func openMark(_ kind: EntryPartial.Kind, into out: inout String) {
        openMarks.append((partial(kind), out))
        out = ""
    }

    private mutating func closeMark(into out: inout String) {
        guard let (partial, outer) = openMarks.popLast() else { return }
        let content = out
        out = outer
        let texts = partial.name == ElementTemplates.comment.name ? [context.strings["review_comment"]] : []
        partial.render(texts, html: [content], flags: [], into: &out)
    }

    private func renderReference(_ reference: CrossReference, into out: inout String) {
        guard let target = context.crossReferences.target(reference.label, in: context.pageLanguage) else {
            // Reported by the checks; shown as written so that nothing is lost.
            out += HTML.escape("@" + reference.label)
            return
        }
        var href = ""
        if target.slug != context.slug {
            href = SitePaths.chapter(slug: target.slug, language: target.language, root: context.root)
        }
        if target.element.kind != .chapter { href += "#" + target.element.anchor }
        partial(ElementTemplates.crossReference).render([href, textLabels.reference(target.element, capitalized: reference.capitalized)],
                                                        flags: [], into: &out)
    }

    private mutating func renderInline(_ index: MarkdownDocument.Index, into out: inout String) {
        let node = document[index]
        switch node.kind {
        case .text:
            if let segments = model.segments[index] {
                renderSegments(segments, into: &out)
            } else {
                out += HTML.escape(document.text(of: index))
            }
        case .softBreak: out += "\n"
        case .lineBreak: out += "<br />\n"
        case .code:
            out += "<code>\(HTML.escape(document.text(of: index)))</code>"
        case .htmlInline:
            out += context.allowRawHTML ? document.text(of: index) : HTML.escape(document.text(of: index))
        case .emphasis: out += "<em>\(renderInlines(document.children(of: index)))</em>"
        case .strong: out += "<strong>\(renderInlines(document.children(of: index)))</strong>"
        case .strikethrough: out += "<del>\(renderInlines(document.children(of: index)))</del>"
        case .link:
            let destination = document.text(of: index)
            guard let target = model.targets[index], let href = url(for: target, destination: destination) else {
                out += renderInlines(document.children(of: index))
                return
            }
            out += "<a href=\"\(HTML.escape(href))\"\(title(of: index))"
            if case .external = target { out += " class=\"external\"" }
            out += ">\(renderInlines(document.children(of: index)))</a>"
        case .image:
            let source = document.text(of: index)
            let alt = document.plainText(of: index)
            guard let target = model.targets[index], let src = url(for: target, destination: source) else {
                out += HTML.escape(alt)
                return
            }
            out += "<img src=\"\(HTML.escape(src))\" alt=\"\(HTML.escape(alt))\" loading=\"lazy\"\(title(of: index)) />"
        case .footnoteReference:
            let label = document.text(of: index)
            let count = (footnoteReferenceCounts[label] ?? 0) + 1
            footnoteReferenceCounts[label] = count
            partial(ElementTemplates.footnoteReference).render(
                ["fn:\(label)", count > 1 ? "fnref:\(label):\(count)" : "fnref:\(label)", label], flags: [], into: &out)
        default:
            // A block inside inline content cannot come from cmark-gfm; keep its text.
            out += HTML.escape(document.plainText(of: index))
        }
    }

    /// A link's or an image's ` title="…"` attribute, when the Markdown gives one.
    private func title(of index: MarkdownDocument.Index) -> String {
        let title = document.detail(of: index)
        return title.isEmpty ? "" : " title=\"\(HTML.escape(title))\""
    }

    /// The URL to emit for a resolved destination, or nil when it must not be a link (unsafe schemes).
    private func url(for target: LinkResolver.Target, destination: String) -> String? {
        switch target {
        case .external(let url): return url
        case .fragment(let fragment): return "#" + fragment
        case .chapter(let slug, let language, let fragment):
            return SitePaths.chapter(slug: slug, language: language, root: context.root) + (fragment.map { "#" + $0 } ?? "")
        case .home(let language, let fragment):
            return SitePaths.home(language: language, root: context.root) + (fragment.map { "#" + $0 } ?? "")
        case .media(let file): return SitePaths.media(file, root: context.root)
        case .unsafe, .outside: return nil
        case .broken: return destination
        }
    }
}

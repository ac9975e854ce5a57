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
        /// The page language's formatted citations, when the publication cites.
        public var citations: LanguageCitations?
        /// The chapter's path (its citations' results are found by it).
        public var chapterPath: String?
        /// The href of an entry of the reference list, by key.
        public var entryHref: @Sendable (String) -> String = { "#" + ReferenceAnchor.id(for: $0) }

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
    private let document: MarkdownDocument
    private let labels: ElementLabels
    private let textLabels: ElementLabels
    /// The headings' self-links' name, asked once per page.
    private let linkLabel: String
    private var footnoteReferenceCounts: [String: Int] = [:]
    /// Reviewers' edits still open in the current block: each one's template and the HTML before it,
    /// and for a comment its author and date and whether it replies to the comment just before it.
    private var openMarks: [(kind: EntryPartial, outer: HTMLBuffer, attribution: CommentAttribution?, reply: Bool)] = []
    /// The last segment closed a comment: a comment opened right after it is a reply.
    private var afterComment = false
    /// Edits opened outside the current inline container, which a delimiter inside it must not close.
    private var markFloor = 0
    /// The notes' numbers: in a note style citations are notes too, numbered with the footnotes.
    private let notes: NoteNumbering
    private var citationsAreNotes: Bool { context.citations?.isNoteStyle == true && context.citations?.isFormatted == true }

    public init(context: Context, model: ChapterModel) {
        self.context = context
        self.model = model
        document = model.document
        labels = ElementLabels(strings: context.strings, formatter: context.formatter)
        textLabels = ElementLabels(strings: context.textStrings, formatter: context.formatter)
        linkLabel = context.strings["link_to_section"]
        notes = NoteNumbering(calls: model.noteCalls,
                              citationsAreNotes: context.citations?.isNoteStyle == true && context.citations?.isFormatted == true)
    }

    public mutating func render() -> RenderedBody {
        var body = HTMLBuffer(capacity: document.nodes.count * 48)
        var definitions: [MarkdownDocument.Index] = []
        for block in document.blocks {
            if document[block].kind == .footnoteDefinition {
                definitions.append(block)
            } else {
                renderBlock(block, into: &body, tight: false)
            }
        }
        let footnotes = renderFootnotes(definitions)
        return RenderedBody(htmlBytes: body.bytes, footnotesHTML: footnotes, headings: model.chapterHeadings)
    }

    private var elements: ElementPartials { context.templates.elements }

    // MARK: - Blocks

    private mutating func renderBlock(_ index: MarkdownDocument.Index, into out: inout HTMLBuffer, tight: Bool) {
        let node = document[index]
        switch model.roles[index] {
        case .caption?: return
        case .imageFigure(let figure)?: renderFigure(figure, into: &out); return
        case .table(let table)?: renderTable(index, captioned: table, into: &out); return
        case .box(let box)?: renderBox(box, into: &out); return
        case .kpiFigure(let element, let blockIndex)?:
            if let kpiFigures = context.kpiFigures {
                kpiFigures.render(model.kpiBlocks[blockIndex], element: element, template: elements.kpiFigure,
                                  sourceHTML: sourceHTML(blockIndex), into: &out)
                return
            }
        case nil: break
        }
        switch node.kind {
        case .paragraph:
            if tight {
                renderInlines(document.children(of: index), into: &out)
                out.append("\n")
            } else {
                out.append("<p>")
                renderInlines(document.children(of: index), into: &out)
                out.append("</p>\n")
            }
        case .heading:
            guard let heading = model.headings[index] else { return }
            let number = heading.number.map(labels.number)
            elements.heading.render(
                [String(heading.level), heading.id, number ?? "", linkLabel],
                html: [inlineHTML(document.children(of: index))], flags: [number != nil], into: &out)
        case .blockQuote:
            out.append("<blockquote>\n")
            for child in document.children(of: index) { renderBlock(child, into: &out, tight: false) }
            out.append("</blockquote>\n")
        case .list:
            if node.isOrdered {
                out.append(node.listStart == 1 ? "<ol>\n" : "<ol start=\"\(node.listStart)\">\n")
            } else {
                let hasTask = document.children(of: index).contains { document[$0].task != nil }
                out.append(hasTask ? "<ul class=\"task-list\">\n" : "<ul>\n")
            }
            for item in document.children(of: index) { renderItem(item, tight: node.isTight, into: &out) }
            out.append(node.isOrdered ? "</ol>\n" : "</ul>\n")
        case .codeBlock:
            let info = document.detail(of: index)
            if let language = info.split(separator: " ").first {
                out.append("<pre><code class=\"language-\(HTML.escape(String(language)))\">")
            } else {
                out.append("<pre><code>")
            }
            document.withText(of: index) { out.appendEscaped($0) }
            out.append("</code></pre>\n")
        case .htmlBlock:
            if context.allowRawHTML {
                document.withText(of: index) { out.append(raw: $0) }
            } else {
                out.append("<pre class=\"raw-html\">\(HTML.escape(document.text(of: index)))</pre>\n")
            }
        case .thematicBreak:
            out.append("<hr />\n")
        case .table:
            renderTable(index, captioned: nil, into: &out)
        default:
            // Inline content at block level (never produced by cmark-gfm): render it, lose nothing.
            renderInlines(CollectionOfOne(index), into: &out)
        }
    }

    private mutating func renderItem(_ index: MarkdownDocument.Index, tight: Bool, into out: inout HTMLBuffer) {
        if let task = document[index].task {
            out.append(task ? "<li class=\"task\"><input type=\"checkbox\" disabled=\"disabled\" checked=\"checked\" /> "
                            : "<li class=\"task\"><input type=\"checkbox\" disabled=\"disabled\" /> ")
        } else {
            out.append("<li>")
        }
        for child in document.children(of: index) { renderBlock(child, into: &out, tight: tight) }
        out.append("</li>\n")
    }

    private mutating func renderTable(_ table: MarkdownDocument.Index, captioned: CaptionedTable?, into out: inout HTMLBuffer) {
        let alignments = document.alignments(of: table)
        var rows = HTMLBuffer()
        var bodyOpen = false
        var headers: [String] = []
        for row in document.children(of: table) {
            guard document[row].kind == .tableRow else { continue }
            let isHeader = document[row].isHeaderRow
            if isHeader {
                rows.append("<thead>\n")
            } else if !bodyOpen {
                rows.append("<tbody>\n")
                bodyOpen = true
            }
            rows.append("<tr>")
            for (column, cell) in document.children(of: row).enumerated() {
                let align: String
                switch column < alignments.count ? alignments[column] : .none {
                case .none: align = ""
                case .left: align = " class=\"align-start\""
                case .center: align = " class=\"align-center\""
                case .right: align = " class=\"align-end\""
                }
                if isHeader, captioned == nil { headers.append(CriticMarkup.accepted(document.plainText(of: cell))) }
                rows.append(isHeader ? "<th scope=\"col\"\(align)>" : "<td\(align)>")
                renderInlines(document.children(of: cell), into: &rows)
                rows.append(isHeader ? "</th>" : "</td>")
            }
            rows.append("</tr>\n")
            if isHeader { rows.append("</thead>\n") }
        }
        if bodyOpen { rows.append("</tbody>\n") }
        // A table without a caption is named by its columns, so that its scrolling frame has a name.
        let frameLabel = "\(context.strings["table"]): \(headers.filter { !$0.isEmpty }.joined(separator: ", "))"
        if let captioned {
            elements.table.render(
                [captioned.element.anchor, labels.caption(captioned.element), frameLabel],
                html: [inlineHTML(document.children(of: captioned.caption)), rows.string], flags: [true], into: &out)
        } else {
            elements.table.render(["", "", frameLabel], html: ["", rows.string], flags: [false], into: &out)
        }
    }

    private mutating func renderFigure(_ figure: ImageFigure, into out: inout HTMLBuffer) {
        let source: String
        switch model.targets[figure.image] {
        case .media(let file)?: source = SitePaths.media(file, root: context.root)
        default: source = document.text(of: figure.image)
        }
        let credit = figure.credit.isEmpty ? "" : inlineHTML(figure.credit)
        elements.figure.render(
            [figure.element.anchor, labels.caption(figure.element), source, figure.alt,
             figure.width.map(String.init) ?? "", figure.height.map(String.init) ?? "", figure.caption],
            html: [credit], flags: [!figure.caption.isEmpty, !credit.isEmpty, figure.width != nil && figure.height != nil],
            into: &out)
    }

    private mutating func renderBox(_ box: BoxElement, into out: inout HTMLBuffer) {
        var content = HTMLBuffer()
        if !box.leadingInlines.isEmpty {
            content.append("<p>")
            renderInlines(box.leadingInlines, into: &content)
            content.append("</p>\n")
        }
        for block in box.blocks { renderBlock(block, into: &content, tight: false) }
        elements.box.render([box.element.anchor, labels.caption(box.element)],
                                             html: [inlineHTML(box.title), content.string], flags: [], into: &out)
    }

    private mutating func renderFootnotes(_ definitions: [MarkdownDocument.Index]) -> String {
        // Without citation notes the footnotes keep cmark-gfm's numbers; with them, all notes are
        // numbered together in reading order.
        var calls: [NoteCall] = definitions.map { .footnote(document.text(of: $0)) }
        if citationsAreNotes { calls = notes.order }
        guard !calls.isEmpty else { return "" }
        var byLabel: [String: MarkdownDocument.Index] = [:]
        for definition in definitions { byLabel[document.text(of: definition)] = definition }
        var out = HTMLBuffer()
        out.append("<ol>\n")
        for call in calls {
            switch call {
            case .footnote(let cmarkLabel):
                guard let definition = byLabel[cmarkLabel] else { continue }
                renderFootnote(definition, label: noteLabel(cmarkLabel), into: &out)
            case .citation(let ordinal):
                guard let number = notes.citations[ordinal], let path = context.chapterPath,
                      let note = context.citations?.citation(path: path, ordinal: ordinal)?.note else { continue }
                var content = HTMLBuffer()
                content.append("<p>")
                citationHTML.render(note, into: &content)
                elements.footnoteBacklink.render(["#fnref:\(number)", context.strings.format("back_to_reference", ["n": String(number)]), "1"],
                                                 flags: [false], into: &content)
                content.append("</p>\n")
                elements.footnote.render(["fn:\(number)"], html: [content.string], flags: [], into: &out)
            }
        }
        out.append("</ol>\n")
        return out.string
    }

    private mutating func renderFootnote(_ definition: MarkdownDocument.Index, label: String, into out: inout HTMLBuffer) {
        var backlinks = HTMLBuffer()
        let count = max(footnoteReferenceCounts[label] ?? 1, 1)
        for index in 1...count {
            elements.footnoteBacklink.render(
                [index > 1 ? "#fnref:\(label):\(index)" : "#fnref:\(label)",
                 context.strings.format("back_to_reference", ["n": label]), String(index)],
                flags: [index > 1], into: &backlinks)
        }
        var content = HTMLBuffer()
        for child in document.children(of: definition) { renderBlock(child, into: &content, tight: false) }
        // The back link goes inside the last paragraph, as readers expect it at the end of the note.
        if content.hasSuffix("</p>\n") {
            content.removeLast(5)
            content.append(backlinks)
            content.append("</p>\n")
        } else {
            content.append("<p>")
            content.append(backlinks)
            content.append("</p>\n")
        }
        elements.footnote.render(["fn:\(label)"], html: [content.string], flags: [], into: &out)
    }

    /// The number a footnote shows: cmark-gfm's, or its place among all notes when citations are notes.
    private func noteLabel(_ cmarkLabel: String) -> String {
        guard citationsAreNotes, let number = notes.footnotes[cmarkLabel] else { return cmarkLabel }
        return String(number)
    }

    /// A KPI figure's source line when it cites: "Source: " (as the interface strings word it) and
    /// the formatted citations.
    private mutating func sourceHTML(_ blockIndex: Int) -> String? {
        guard context.citations != nil, let segments = model.sourceCitations[blockIndex] else { return nil }
        let parts = context.strings.format("kpi_source", ["source": KPISourceLine.slot]).components(separatedBy: KPISourceLine.slot)
        var out = HTMLBuffer()
        out.appendEscaped(parts.first ?? "")
        renderSegments(segments, into: &out)
        out.appendEscaped(parts.dropFirst().joined(separator: ""))
        return out.string
    }

    private var citationHTML: CitationHTML { CitationHTML(entryHref: context.entryHref) }

    /// A citation as citeproc formatted it (linked to its entries, with its note's call in a note
    /// style), or as written when it could not be formatted.
    private func renderCitation(_ citation: Citation, into out: inout HTMLBuffer) {
        guard let citations = context.citations else {
            out.appendEscaped(citation.written)
            return
        }
        var content = HTMLBuffer()
        // Not formatted (pandoc missing): shown as written, still anchored for the reference list's links.
        guard let path = context.chapterPath, let formatted = citations.citation(path: path, ordinal: citation.ordinal) else {
            content.appendEscaped(citation.written)
            elements.citation.render([citation.anchor, citation.keys.joined(separator: " ")], html: [content.string], flags: [], into: &out)
            return
        }
        citationHTML.render(formatted.inline, into: &content)
        if formatted.note != nil, let number = notes.citations[citation.ordinal] {
            elements.footnoteReference.render(["fn:\(number)", "fnref:\(number)", String(number)], flags: [], into: &content)
        }
        elements.citation.render([citation.anchor, citation.keys.joined(separator: " ")], html: [content.string], flags: [], into: &out)
    }

    // MARK: - Inlines

    private mutating func renderInlines(_ nodes: some Sequence<MarkdownDocument.Index>, into out: inout HTMLBuffer) {
        let savedFloor = markFloor
        markFloor = openMarks.count
        for node in nodes { renderInline(node, into: &out) }
        // An edit left open inside this run of inlines is closed here, so the markup stays balanced.
        while openMarks.count > markFloor { closeMark(into: &out) }
        markFloor = savedFloor
    }

    /// The inlines as HTML of their own, for an element template's HTML field.
    private mutating func inlineHTML(_ nodes: some Sequence<MarkdownDocument.Index>) -> String {
        var out = HTMLBuffer()
        renderInlines(nodes, into: &out)
        return out.string
    }

    private mutating func renderSegments(_ segments: [InlineSegment], into out: inout HTMLBuffer) {
        for segment in citationsAreNotes ? NoteCallPlacement.arranged(segments, language: context.language) : segments {
            let reply = afterComment
            afterComment = false
            switch segment {
            case .text(let text): out.appendEscaped(text)
            case .reference(let reference): renderReference(reference, into: &out)
            case .citation(let citation): renderCitation(citation, into: &out)
            case .acronym(let use):
                elements.abbreviation.render([use.short, use.expansion], flags: [use.expanded], into: &out)
            case .attribution(let attribution):
                if let last = openMarks.indices.last { openMarks[last].attribution = attribution }
            case .mark(let delimiter):
                switch delimiter {
                case .insertOpen: openMark(elements.insertion, into: &out)
                case .deleteOpen, .substituteOpen: openMark(elements.deletion, into: &out)
                case .substituteSeparator:
                    if openMarks.count > markFloor { closeMark(into: &out) }
                    openMark(elements.insertion, into: &out)
                case .highlightOpen: openMark(elements.highlight, into: &out)
                case .commentOpen: openMark(elements.comment, into: &out, reply: reply)
                case .commentClose:
                    if openMarks.count > markFloor { closeMark(into: &out) }
                    afterComment = true
                case .insertClose, .deleteClose, .substituteClose, .highlightClose:
                    if openMarks.count > markFloor { closeMark(into: &out) }
                }
            }
        }
    }

    /// Starts collecting an edit's content: what came before it is put aside until it closes.
    private mutating func openMark(_ partial: EntryPartial, into out: inout HTMLBuffer, reply: Bool = false) {
        openMarks.append((partial, out, nil, reply))
        out = HTMLBuffer()
    }

    private mutating func closeMark(into out: inout HTMLBuffer) {
        guard let (partial, outer, attribution, reply) = openMarks.popLast() else { return }
        let content = out.string
        out = outer
        guard partial.name == ElementTemplates.comment.name else {
            partial.render([], html: [content], flags: [], into: &out)
            return
        }
        let label = context.strings[reply ? "review_reply" : "review_comment"]
        partial.render([label, attribution?.author ?? "", attribution.map { context.formatter.date($0.date) } ?? "",
                        attribution.map { $0.date.description } ?? ""],
                       html: [content], flags: [attribution != nil, reply], into: &out)
    }

    private func renderReference(_ reference: CrossReference, into out: inout HTMLBuffer) {
        guard let target = context.crossReferences.target(reference.label, in: context.pageLanguage) else {
            // Reported by the checks; shown as written so that nothing is lost.
            out.appendEscaped("@" + reference.label)
            return
        }
        var href = ""
        if target.slug != context.slug {
            href = SitePaths.chapter(slug: target.slug, language: target.language, root: context.root)
        }
        if target.element.kind != .chapter { href += "#" + target.element.anchor }
        elements.crossReference.render([href, textLabels.reference(target.element, capitalized: reference.capitalized)],
                                                        flags: [], into: &out)
    }

    private mutating func renderInline(_ index: MarkdownDocument.Index, into out: inout HTMLBuffer) {
        let node = document[index]
        switch node.kind {
        case .text:
            if let segments = model.segments[index] {
                renderSegments(segments, into: &out)
            } else {
                document.withText(of: index) { out.appendEscaped($0) }
            }
        case .softBreak: out.append("\n")
        case .lineBreak: out.append("<br />\n")
        case .code:
            out.append("<code>")
            document.withText(of: index) { out.appendEscaped($0) }
            out.append("</code>")
        case .htmlInline:
            document.withText(of: index) { raw in
                if context.allowRawHTML { out.append(raw: raw) } else { out.appendEscaped(raw) }
            }
        case .emphasis: wrap("<em>", "</em>", index, into: &out)
        case .strong: wrap("<strong>", "</strong>", index, into: &out)
        case .strikethrough: wrap("<del>", "</del>", index, into: &out)
        case .link:
            let destination = document.text(of: index)
            guard let target = model.targets[index], let href = url(for: target, destination: destination) else {
                renderInlines(document.children(of: index), into: &out)
                return
            }
            out.append("<a href=\"")
            out.appendEscaped(href)
            out.append("\"")
            out.append(title(of: index))
            if case .external = target { out.append(" class=\"external\"") }
            out.append(">")
            renderInlines(document.children(of: index), into: &out)
            out.append("</a>")
        case .image:
            let source = document.text(of: index)
            let alt = document.plainText(of: index)
            guard let target = model.targets[index], let src = url(for: target, destination: source) else {
                out.appendEscaped(alt)
                return
            }
            out.append("<img src=\"\(HTML.escape(src))\" alt=\"\(HTML.escape(alt))\" loading=\"lazy\"\(title(of: index)) />")
        case .footnoteReference:
            let label = noteLabel(document.text(of: index))
            let count = (footnoteReferenceCounts[label] ?? 0) + 1
            footnoteReferenceCounts[label] = count
            elements.footnoteReference.render(
                ["fn:\(label)", count > 1 ? "fnref:\(label):\(count)" : "fnref:\(label)", label], flags: [], into: &out)
        default:
            // A block inside inline content cannot come from cmark-gfm; keep its text.
            out.appendEscaped(document.plainText(of: index))
        }
    }

    private mutating func wrap(_ open: StaticString, _ close: StaticString, _ index: MarkdownDocument.Index, into out: inout HTMLBuffer) {
        out.append(open)
        renderInlines(document.children(of: index), into: &out)
        out.append(close)
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

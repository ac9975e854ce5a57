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

/// Renders a fenced block whose info string names it (`kpi`); returns nil to fall back to a code block.
/// A class, as it keeps per-chapter state (figure numbers) across the blocks of one chapter.
public protocol FenceRenderer: AnyObject {
    func render(info: String, literal: String, start: SourcePoint) -> String?
}

/// Turns a parsed chapter into HTML. Everything from the content is escaped; raw HTML is shown as text
/// unless the publication allows it; links are rewritten to the site's relative URLs.
public struct HTMLRenderer {
    public struct Context {
        /// The page's prefix back to the site root (`../../` from a chapter page).
        public var root: String
        public var language: String
        public var allowRawHTML: Bool
        public var resolver: LinkResolver
        public var strings: UIStrings

        public init(root: String, language: String, allowRawHTML: Bool, resolver: LinkResolver, strings: UIStrings) {
            self.root = root
            self.language = language
            self.allowRawHTML = allowRawHTML
            self.resolver = resolver
            self.strings = strings
        }
    }

    private let context: Context
    private var ids = HeadingIDs()
    private var headings: [ChapterHeading] = []
    private var footnoteReferenceCounts: [String: Int] = [:]
    /// Tables so far: each table's scrolling frame gets a distinct name ("Table 2").
    private var tableCount = 0
    /// Closing tags of CriticMarkup spans still open in the current block.
    private var openReviewTags: [String] = []
    /// Spans opened outside the current inline container, which a delimiter inside it must not close.
    private var reviewFloor = 0
    private let fenceRenderer: (any FenceRenderer)?

    public init(context: Context, fenceRenderer: (any FenceRenderer)? = nil) {
        self.context = context
        self.fenceRenderer = fenceRenderer
    }

    public mutating func render(_ document: MarkdownDocument) -> RenderedBody {
        var body = HTMLBuffer(capacity: document.nodes.count * 48)
        var definitions: [MarkdownDocument.Index] = []
        for block in document.blocks {
            if document[block].kind == .footnoteDefinition {
                definitions.append(block)
            } else {
                renderBlock(block, in: document, into: &body, tight: false)
            }
        }
        let footnotes = renderFootnotes(definitions, in: document)
        return RenderedBody(htmlBytes: body.bytes, footnotesHTML: footnotes.string, headings: headings)
    }

    // MARK: - Blocks

    private mutating func renderBlock(_ index: MarkdownDocument.Index, in document: MarkdownDocument, into out: inout HTMLBuffer,
                                      tight: Bool) {
        let node = document[index]
        switch node.kind {
        case .paragraph:
            if tight {
                renderInlines(document.children(of: index), in: document, into: &out)
                out.append("\n")
            } else {
                out.append("<p>")
                renderInlines(document.children(of: index), in: document, into: &out)
                out.append("</p>\n")
            }
        case .heading:
            let text = CriticMarkup.accepted(document.plainText(of: index))
            let id = ids.id(for: text)
            headings.append(ChapterHeading(level: node.level, text: text, id: id, line: node.start.line))
            out.append("<h")
            out.append(node.level)
            out.append(" id=\"")
            out.appendEscaped(id)
            out.append("\">")
            renderInlines(document.children(of: index), in: document, into: &out)
            out.append("<a class=\"self-link\" href=\"#")
            out.appendEscaped(id)
            out.append("\" aria-label=\"")
            out.appendEscaped(context.strings["link_to_section"])
            out.append("\"></a></h")
            out.append(node.level)
            out.append(">\n")
        case .blockQuote:
            out.append("<blockquote>\n")
            for child in document.children(of: index) { renderBlock(child, in: document, into: &out, tight: false) }
            out.append("</blockquote>\n")
        case .list:
            if node.isOrdered {
                if node.listStart == 1 {
                    out.append("<ol>\n")
                } else {
                    out.append("<ol start=\"")
                    out.append(node.listStart)
                    out.append("\">\n")
                }
            } else {
                let hasTask = document.children(of: index).contains { document[$0].task != nil }
                out.append(hasTask ? "<ul class=\"task-list\">\n" : "<ul>\n")
            }
            for item in document.children(of: index) { renderItem(item, in: document, tight: node.isTight, into: &out) }
            out.append(node.isOrdered ? "</ol>\n" : "</ul>\n")
        case .codeBlock:
            let info = document.detail(of: index)
            if let fenceRenderer, let rendered = fenceRenderer.render(info: info, literal: document.text(of: index), start: node.start) {
                out.append(rendered)
                return
            }
            if let language = info.split(separator: " ").first {
                out.append("<pre><code class=\"language-")
                out.appendEscaped(String(language))
                out.append("\">")
            } else {
                out.append("<pre><code>")
            }
            document.withText(of: index) { out.appendEscaped($0) }
            out.append("</code></pre>\n")
        case .htmlBlock:
            if context.allowRawHTML {
                document.withText(of: index) { out.append(raw: $0) }
            } else {
                out.append("<pre class=\"raw-html\">")
                document.withText(of: index) { out.appendEscaped($0) }
                out.append("</pre>\n")
            }
        case .thematicBreak:
            out.append("<hr />\n")
        case .table:
            renderTable(index, in: document, into: &out)
        default:
            // Inline content at block level (never produced by cmark-gfm): render it, lose nothing.
            renderInlines(CollectionOfOne(index), in: document, into: &out)
        }
    }

    private mutating func renderItem(_ index: MarkdownDocument.Index, in document: MarkdownDocument, tight: Bool,
                                     into out: inout HTMLBuffer) {
        if let task = document[index].task {
            out.append(task ? "<li class=\"task\"><input type=\"checkbox\" disabled=\"disabled\" checked=\"checked\" /> "
                            : "<li class=\"task\"><input type=\"checkbox\" disabled=\"disabled\" /> ")
        } else {
            out.append("<li>")
        }
        for child in document.children(of: index) { renderBlock(child, in: document, into: &out, tight: tight) }
        out.append("</li>\n")
    }

    private mutating func renderTable(_ table: MarkdownDocument.Index, in document: MarkdownDocument, into out: inout HTMLBuffer) {
        // A wide table scrolls in its own frame: focusable and named, so keyboards can scroll it too.
        tableCount += 1
        out.append("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"")
        out.appendEscaped("\(context.strings["table"]) \(tableCount)")
        out.append("\"><table>\n")
        let alignments = document.alignments(of: table)
        var bodyOpen = false
        for row in document.children(of: table) {
            guard document[row].kind == .tableRow else { continue }
            let isHeader = document[row].isHeaderRow
            if isHeader {
                out.append("<thead>\n")
            } else if !bodyOpen {
                out.append("<tbody>\n")
                bodyOpen = true
            }
            out.append("<tr>")
            for (column, cell) in document.children(of: row).enumerated() {
                let align: StaticString
                switch column < alignments.count ? alignments[column] : .none {
                case .none: align = ""
                case .left: align = " class=\"align-start\""
                case .center: align = " class=\"align-center\""
                case .right: align = " class=\"align-end\""
                }
                out.append(isHeader ? "<th scope=\"col\"" : "<td")
                out.append(align)
                out.append(">")
                renderInlines(document.children(of: cell), in: document, into: &out)
                out.append(isHeader ? "</th>" : "</td>")
            }
            out.append("</tr>\n")
            if isHeader { out.append("</thead>\n") }
        }
        if bodyOpen { out.append("</tbody>\n") }
        out.append("</table></div>\n")
    }

    private mutating func renderFootnotes(_ definitions: [MarkdownDocument.Index], in document: MarkdownDocument) -> HTMLBuffer {
        var out = HTMLBuffer()
        guard !definitions.isEmpty else { return out }
        out.append("<ol>\n")
        for definition in definitions {
            let label = document.text(of: definition)
            let id = HTML.escape(label)
            var backlinks = HTMLBuffer()
            let count = max(footnoteReferenceCounts[label] ?? 1, 1)
            for index in 1...count {
                backlinks.append(" <a href=\"#fnref:")
                backlinks.append(id)
                if index > 1 {
                    backlinks.append(":")
                    backlinks.append(index)
                }
                backlinks.append("\" class=\"footnote-backref\" role=\"doc-backlink\" aria-label=\"")
                backlinks.appendEscaped(context.strings.format("back_to_reference", ["n": label]))
                backlinks.append("\">↩")
                if index > 1 {
                    backlinks.append("<sup>")
                    backlinks.append(index)
                    backlinks.append("</sup>")
                }
                backlinks.append("</a>")
            }
            out.append("<li id=\"fn:")
            out.append(id)
            out.append("\">\n")
            let contentStart = out.count
            for child in document.children(of: definition) { renderBlock(child, in: document, into: &out, tight: false) }
            // The back link goes inside the last paragraph, as readers expect it at the end of the note.
            if out.count - contentStart >= 5, out.hasSuffix("</p>\n") {
                out.removeLast(5)
                out.append(backlinks)
                out.append("</p>\n")
            } else {
                out.append("<p>")
                out.append(backlinks)
                out.append("</p>\n")
            }
            out.append("</li>\n")
        }
        out.append("</ol>\n")
        return out
    }

    // MARK: - Inlines

    private mutating func renderInlines(_ nodes: some Sequence<MarkdownDocument.Index>, in document: MarkdownDocument,
                                        into out: inout HTMLBuffer) {
        let savedFloor = reviewFloor
        reviewFloor = openReviewTags.count
        for node in nodes { renderInline(node, in: document, into: &out) }
        // An edit left open inside this run of inlines is closed here, so the markup stays balanced.
        while openReviewTags.count > reviewFloor, let tag = openReviewTags.popLast() { out.append(tag) }
        reviewFloor = savedFloor
    }

    /// Reviewers' edits as visible insertions, deletions, highlights and comments.
    private mutating func renderReviewMarks(_ text: String, into out: inout HTMLBuffer) {
        var run = ""
        func flush(_ out: inout HTMLBuffer) {
            out.appendEscaped(run)
            run = ""
        }
        for scalar in text.unicodeScalars {
            guard let delimiter = CriticMarkup.Delimiter(scalar) else {
                run.unicodeScalars.append(scalar)
                continue
            }
            flush(&out)
            switch delimiter {
            case .insertOpen: open("<ins class=\"review-insert\">", closing: "</ins>", into: &out)
            case .deleteOpen: open("<del class=\"review-delete\">", closing: "</del>", into: &out)
            case .substituteOpen: open("<del class=\"review-delete\">", closing: "</del>", into: &out)
            case .substituteSeparator:
                close(into: &out)
                open("<ins class=\"review-insert\">", closing: "</ins>", into: &out)
            case .highlightOpen: open("<mark class=\"review-highlight\">", closing: "</mark>", into: &out)
            case .commentOpen:
                open("<span class=\"review-comment\" role=\"note\"><span class=\"review-comment-label\">\(HTML.escape(context.strings["review_comment"]))</span> ",
                     closing: "</span>", into: &out)
            case .insertClose, .deleteClose, .substituteClose, .highlightClose, .commentClose:
                close(into: &out)
            }
        }
        flush(&out)
    }

    private mutating func open(_ tag: String, closing: String, into out: inout HTMLBuffer) {
        out.append(tag)
        openReviewTags.append(closing)
    }

    private mutating func close(into out: inout HTMLBuffer) {
        guard openReviewTags.count > reviewFloor, let tag = openReviewTags.popLast() else { return }
        out.append(tag)
    }

    private mutating func renderInline(_ index: MarkdownDocument.Index, in document: MarkdownDocument, into out: inout HTMLBuffer) {
        let node = document[index]
        switch node.kind {
        case .text:
            let hasDelimiter = document.withText(of: index) { CriticMarkup.containsDelimiter($0) }
            if hasDelimiter {
                renderReviewMarks(document.text(of: index), into: &out)
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
        case .emphasis: wrap("<em>", "</em>", index, in: document, into: &out)
        case .strong: wrap("<strong>", "</strong>", index, in: document, into: &out)
        case .strikethrough: wrap("<del>", "</del>", index, in: document, into: &out)
        case .link:
            let destination = document.text(of: index)
            let target = context.resolver.resolve(destination, from: context.language)
            guard let href = url(for: target, destination: destination) else {
                renderInlines(document.children(of: index), in: document, into: &out)
                return
            }
            out.append("<a href=\"")
            out.appendEscaped(href)
            out.append("\"")
            appendTitle(of: index, in: document, into: &out)
            if case .external = target { out.append(" class=\"external\"") }
            out.append(">")
            renderInlines(document.children(of: index), in: document, into: &out)
            out.append("</a>")
        case .image:
            let source = document.text(of: index)
            let alt = document.plainText(of: index)
            guard let src = url(for: context.resolver.resolve(source, from: context.language, isImage: true),
                                destination: source) else {
                out.appendEscaped(alt)
                return
            }
            out.append("<img src=\"")
            out.appendEscaped(src)
            out.append("\" alt=\"")
            out.appendEscaped(alt)
            out.append("\" loading=\"lazy\"")
            appendTitle(of: index, in: document, into: &out)
            out.append(" />")
        case .footnoteReference:
            let label = document.text(of: index)
            let count = (footnoteReferenceCounts[label] ?? 0) + 1
            footnoteReferenceCounts[label] = count
            let id = HTML.escape(label)
            out.append("<sup class=\"footnote-ref\"><a href=\"#fn:")
            out.append(id)
            out.append("\" id=\"fnref:")
            out.append(id)
            if count > 1 {
                out.append(":")
                out.append(count)
            }
            out.append("\" role=\"doc-noteref\">")
            out.append(id)
            out.append("</a></sup>")
        default:
            // A block inside inline content cannot come from cmark-gfm; keep its text.
            out.appendEscaped(document.plainText(of: index))
        }
    }

    private mutating func wrap(_ open: StaticString, _ close: StaticString, _ index: MarkdownDocument.Index,
                               in document: MarkdownDocument, into out: inout HTMLBuffer) {
        out.append(open)
        renderInlines(document.children(of: index), in: document, into: &out)
        out.append(close)
    }

    /// A link's or an image's ` title="…"` attribute, when the Markdown gives one.
    private func appendTitle(of index: MarkdownDocument.Index, in document: MarkdownDocument, into out: inout HTMLBuffer) {
        let title = document.detail(of: index)
        guard !title.isEmpty else { return }
        out.append(" title=\"")
        out.appendEscaped(title)
        out.append("\"")
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

import Foundation
import FolioMarkdown

/// The chapter body as HTML, with what the page around it needs.
public struct RenderedBody: Sendable {
    public var html: String
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
        var body = ""
        var definitions: [MarkdownNode] = []
        for block in document.blocks {
            if case .footnoteDefinition = block.kind {
                definitions.append(block)
            } else {
                renderBlock(block, into: &body, tight: false)
            }
        }
        return RenderedBody(html: body, footnotesHTML: renderFootnotes(definitions), headings: headings)
    }

    // MARK: - Blocks

    private mutating func renderBlock(_ node: MarkdownNode, into out: inout String, tight: Bool) {
        switch node.kind {
        case .paragraph:
            if tight {
                renderInlines(node.children, into: &out)
                out += "\n"
            } else {
                out += "<p>"
                renderInlines(node.children, into: &out)
                out += "</p>\n"
            }
        case .heading(let level):
            let text = CriticMarkup.accepted(node.plainText)
            let id = ids.id(for: text)
            headings.append(ChapterHeading(level: level, text: text, id: id, line: node.start.line))
            out += "<h\(level) id=\"\(HTML.escape(id))\">"
            renderInlines(node.children, into: &out)
            out += "<a class=\"self-link\" href=\"#\(HTML.escape(id))\" aria-label=\"\(HTML.escape(context.strings["link_to_section"]))\"></a>"
            out += "</h\(level)>\n"
        case .blockQuote:
            out += "<blockquote>\n"
            for child in node.children { renderBlock(child, into: &out, tight: false) }
            out += "</blockquote>\n"
        case .list(let ordered, let start, let isTight):
            if ordered {
                out += start == 1 ? "<ol>\n" : "<ol start=\"\(start)\">\n"
            } else {
                out += node.children.contains(where: Self.isTask) ? "<ul class=\"task-list\">\n" : "<ul>\n"
            }
            for item in node.children { renderItem(item, tight: isTight, into: &out) }
            out += ordered ? "</ol>\n" : "</ul>\n"
        case .codeBlock(let info, let literal):
            if let rendered = fenceRenderer?.render(info: info, literal: literal, start: node.start) {
                out += rendered
                return
            }
            let language = info.split(separator: " ").first.map(String.init) ?? ""
            out += language.isEmpty ? "<pre><code>" : "<pre><code class=\"language-\(HTML.escape(language))\">"
            out += HTML.escape(literal)
            out += "</code></pre>\n"
        case .htmlBlock(let raw):
            if context.allowRawHTML {
                out += raw
            } else {
                out += "<pre class=\"raw-html\">\(HTML.escape(raw))</pre>\n"
            }
        case .thematicBreak:
            out += "<hr />\n"
        case .table(let alignments):
            renderTable(node, alignments: alignments, into: &out)
        default:
            // Inline content at block level (never produced by cmark-gfm): render it, lose nothing.
            renderInlines([node], into: &out)
        }
    }

    private static func isTask(_ item: MarkdownNode) -> Bool {
        if case .item(let task) = item.kind { return task != nil }
        return false
    }

    private mutating func renderItem(_ item: MarkdownNode, tight: Bool, into out: inout String) {
        if case .item(let task?) = item.kind {
            out += "<li class=\"task\"><input type=\"checkbox\" disabled=\"disabled\"\(task ? " checked=\"checked\"" : "") /> "
        } else {
            out += "<li>"
        }
        for child in item.children { renderBlock(child, into: &out, tight: tight) }
        out += "</li>\n"
    }

    private mutating func renderTable(_ table: MarkdownNode, alignments: [TableAlignment], into out: inout String) {
        // A wide table scrolls in its own frame: focusable and named, so keyboards can scroll it too.
        tableCount += 1
        let name = "\(context.strings["table"]) \(tableCount)"
        out += "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"\(HTML.escape(name))\"><table>\n"
        var bodyOpen = false
        for row in table.children {
            guard case .tableRow(let isHeader) = row.kind else { continue }
            if isHeader {
                out += "<thead>\n"
            } else if !bodyOpen {
                out += "<tbody>\n"
                bodyOpen = true
            }
            out += "<tr>"
            for (column, cell) in row.children.enumerated() {
                let alignment = column < alignments.count ? alignments[column] : .none
                let align: String
                switch alignment {
                case .none: align = ""
                case .left: align = " class=\"align-start\""
                case .center: align = " class=\"align-center\""
                case .right: align = " class=\"align-end\""
                }
                out += isHeader ? "<th scope=\"col\"\(align)>" : "<td\(align)>"
                renderInlines(cell.children, into: &out)
                out += isHeader ? "</th>" : "</td>"
            }
            out += "</tr>\n"
            if isHeader { out += "</thead>\n" }
        }
        if bodyOpen { out += "</tbody>\n" }
        out += "</table></div>\n"
    }

    private mutating func renderFootnotes(_ definitions: [MarkdownNode]) -> String {
        guard !definitions.isEmpty else { return "" }
        var out = "<ol>\n"
        for definition in definitions {
            guard case .footnoteDefinition(let label) = definition.kind else { continue }
            let id = HTML.escape(label)
            var backlinks = ""
            let count = max(footnoteReferenceCounts[label] ?? 1, 1)
            for index in 1...count {
                let refID = index == 1 ? "fnref:\(id)" : "fnref:\(id):\(index)"
                let label = context.strings.format("back_to_reference", ["n": label])
                backlinks += " <a href=\"#\(refID)\" class=\"footnote-backref\" role=\"doc-backlink\" aria-label=\"\(HTML.escape(label))\">↩\(index == 1 ? "" : "<sup>\(index)</sup>")</a>"
            }
            var content = ""
            for child in definition.children { renderBlock(child, into: &content, tight: false) }
            // The back link goes inside the last paragraph, as readers expect it at the end of the note.
            if content.hasSuffix("</p>\n") {
                content = String(content.dropLast(5)) + backlinks + "</p>\n"
            } else {
                content += "<p>\(backlinks)</p>\n"
            }
            out += "<li id=\"fn:\(id)\">\n\(content)</li>\n"
        }
        out += "</ol>\n"
        return out
    }

    // MARK: - Inlines

    private mutating func renderInlines(_ nodes: [MarkdownNode], into out: inout String) {
        let savedFloor = reviewFloor
        reviewFloor = openReviewTags.count
        for node in nodes { renderInline(node, into: &out) }
        // An edit left open inside this run of inlines is closed here, so the markup stays balanced.
        while openReviewTags.count > reviewFloor, let tag = openReviewTags.popLast() { out += tag }
        reviewFloor = savedFloor
    }

    /// Reviewers' edits as visible insertions, deletions, highlights and comments.
    private mutating func renderReviewMarks(_ text: String, into out: inout String) {
        var run = ""
        func flush(_ out: inout String) {
            out += HTML.escape(run)
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

    private mutating func open(_ tag: String, closing: String, into out: inout String) {
        out += tag
        openReviewTags.append(closing)
    }

    private mutating func close(into out: inout String) {
        guard openReviewTags.count > reviewFloor, let tag = openReviewTags.popLast() else { return }
        out += tag
    }

    private mutating func renderInline(_ node: MarkdownNode, into out: inout String) {
        switch node.kind {
        case .text(let text):
            if CriticMarkup.containsDelimiter(text) {
                renderReviewMarks(text, into: &out)
            } else {
                out += HTML.escape(text)
            }
        case .softBreak: out += "\n"
        case .lineBreak: out += "<br />\n"
        case .code(let code): out += "<code>\(HTML.escape(code))</code>"
        case .htmlInline(let raw): out += context.allowRawHTML ? raw : HTML.escape(raw)
        case .emphasis: wrap("em", node, into: &out)
        case .strong: wrap("strong", node, into: &out)
        case .strikethrough: wrap("del", node, into: &out)
        case .link(let destination, let title):
            let target = context.resolver.resolve(destination, from: context.language)
            guard let href = url(for: target, destination: destination) else {
                renderInlines(node.children, into: &out)
                return
            }
            let isExternal = { if case .external = target { return true }; return false }()
            out += "<a href=\"\(HTML.escape(href))\""
            if !title.isEmpty { out += " title=\"\(HTML.escape(title))\"" }
            if isExternal { out += " class=\"external\"" }
            out += ">"
            renderInlines(node.children, into: &out)
            out += "</a>"
        case .image(let source, let title):
            let alt = node.plainText
            guard let src = url(for: context.resolver.resolve(source, from: context.language, isImage: true),
                                destination: source) else {
                out += HTML.escape(alt)
                return
            }
            out += "<img src=\"\(HTML.escape(src))\" alt=\"\(HTML.escape(alt))\" loading=\"lazy\""
            if !title.isEmpty { out += " title=\"\(HTML.escape(title))\"" }
            out += " />"
        case .footnoteReference(let label):
            let count = (footnoteReferenceCounts[label] ?? 0) + 1
            footnoteReferenceCounts[label] = count
            let id = HTML.escape(label)
            let refID = count == 1 ? "fnref:\(id)" : "fnref:\(id):\(count)"
            out += "<sup class=\"footnote-ref\"><a href=\"#fn:\(id)\" id=\"\(refID)\" role=\"doc-noteref\">\(id)</a></sup>"
        default:
            // A block inside inline content cannot come from cmark-gfm; keep its text.
            out += HTML.escape(node.plainText)
        }
    }

    private mutating func wrap(_ tag: String, _ node: MarkdownNode, into out: inout String) {
        out += "<\(tag)>"
        renderInlines(node.children, into: &out)
        out += "</\(tag)>"
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

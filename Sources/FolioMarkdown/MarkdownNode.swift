/// A position in the Markdown text that was parsed (1-based line and column, counted in UTF-8 bytes
/// as cmark-gfm counts them). Callers add the front matter's line count to get a position in the file.
public struct SourcePoint: Sendable, Hashable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

public enum TableAlignment: Sendable, Hashable {
    case none, left, center, right
}

/// What a node is. Containers hold their children in `MarkdownNode.children`; leaves carry their text here.
public enum MarkdownKind: Sendable, Hashable {
    // Blocks
    case document
    case paragraph
    case heading(level: Int)
    case blockQuote
    case list(ordered: Bool, start: Int, tight: Bool)
    /// A list item; `task` is nil for an ordinary item, or whether the task box is checked.
    case item(task: Bool?)
    /// A fenced or indented code block; `info` is the whole info string (`kpi id=x`).
    case codeBlock(info: String, literal: String)
    case htmlBlock(String)
    case thematicBreak
    case table(alignments: [TableAlignment])
    case tableRow(isHeader: Bool)
    case tableCell
    case footnoteDefinition(label: String)
    // Inlines
    case text(String)
    case softBreak
    case lineBreak
    case code(String)
    case htmlInline(String)
    case emphasis
    case strong
    case strikethrough
    case link(destination: String, title: String)
    case image(source: String, title: String)
    case footnoteReference(label: String)

    /// Whether blocks can sit inside a node of this kind: walks that look for headings, code blocks or
    /// footnote definitions need not descend into paragraphs, headings or tables.
    public var canContainBlocks: Bool {
        switch self {
        case .document, .blockQuote, .list, .item, .footnoteDefinition: true
        default: false
        }
    }
}

/// One node of a parsed Markdown document, copied out of cmark-gfm's C tree into a Swift value so the
/// tree can be shared across threads and outlive the parser.
public struct MarkdownNode: Sendable, Hashable {
    public var kind: MarkdownKind
    public var start: SourcePoint
    public var children: [MarkdownNode]

    public init(kind: MarkdownKind, start: SourcePoint, children: [MarkdownNode] = []) {
        self.kind = kind
        self.start = start
        self.children = children
    }

    /// The plain text of this node and its descendants (for headings, alt texts, captions).
    public var plainText: String {
        var out = ""
        appendPlainText(to: &out)
        return out
    }

    private func appendPlainText(to out: inout String) {
        switch kind {
        case .text(let s), .code(let s): out += s
        case .softBreak, .lineBreak: out += " "
        case .footnoteReference, .htmlInline: break
        default:
            for child in children { child.appendPlainText(to: &out) }
        }
    }
}

/// A parsed Markdown document: the root node's children are the top-level blocks.
public struct MarkdownDocument: Sendable, Hashable {
    public var blocks: [MarkdownNode]
    /// Where nesting deeper than `MarkdownParser.maximumDepth` was flattened (its content kept), if anywhere.
    public var flattenedNesting: SourcePoint?

    public init(blocks: [MarkdownNode], flattenedNesting: SourcePoint? = nil) {
        self.blocks = blocks
        self.flattenedNesting = flattenedNesting
    }

    /// Visits every node in document order with its position, or the nearest enclosing node's when it has
    /// none (autolinks); `visit` returns whether to go into the node's children.
    /// Recursive rather than with an explicit stack: the nodes are borrowed, not copied (a copy retains every
    /// string and array a node holds), and the depth is bounded by `MarkdownParser.maximumDepth`.
    public func walk(_ visit: (MarkdownNode, SourcePoint) -> Bool) {
        for index in blocks.indices { Self.walk(blocks[index], inherited: blocks[index].start, visit) }
    }

    private static func walk(_ node: MarkdownNode, inherited: SourcePoint, _ visit: (MarkdownNode, SourcePoint) -> Bool) {
        let position = node.start.line > 0 ? node.start : inherited
        guard visit(node, position) else { return }
        for index in node.children.indices { walk(node.children[index], inherited: position, visit) }
    }
}

import CCmarkConcurrency
import CCmarkGFM
import Foundation

/// The bridge to Debian's cmark-gfm: the only file that imports it.
///
/// Debian builds libcmark-gfm without CMARK_THREADING: extension registration and the inline parser's
/// table of special characters are unsynchronized globals (measured: concurrent parses corrupt output).
/// Registration happens once, before the first parse. The table is kept fixed by CCmarkConcurrency,
/// which replaces the library's add-then-remove of those characters; when it is in effect (checked
/// after the first parse) parses run in parallel, else every parse runs under one process-wide lock.
/// The finished C tree belongs to its caller alone: copying it into a `MarkdownDocument` and freeing
/// it touch no shared state.
public enum MarkdownParser {
    private static let lock = NSLock()

    /// Whether parses may run on several threads at once: known once the first parse (under the lock,
    /// with extensions registered before it) has shown that CCmarkConcurrency's replacement ran.
    public static let parsesConcurrently: Bool = {
        lock.withLock {
            cmark_gfm_core_extensions_ensure_registered()
            if let probe = parseUnlocked("~~x~~ https://example.org\n") { cmark_node_free(probe) }
        }
        return folio_cmark_special_characters_pinned()
    }()

    /// The GFM extensions folio enables, attached by name as the Debian headers have no constants for them.
    private static let extensionNames = ["table", "strikethrough", "autolink", "tasklist"]

    /// Parses GitHub-flavoured Markdown (tables, footnotes, strikethrough, autolinks, task lists).
    /// Never fails: cmark-gfm accepts any text. The caller validates UTF-8 beforehand.
    public static func parse(_ text: String) -> MarkdownDocument {
        parseMeasured(text).document
    }

    /// As `parse(_:)`, with each node's end kept (`MarkdownDocument.end(of:)`): the same nodes at the
    /// same indices, so a chapter's model can be paired with the bytes of its source.
    public static func parse(_ text: String, keepingEnds: Bool) -> MarkdownDocument {
        parseMeasured(text, keepingEnds: keepingEnds).document
    }

    /// As `parse(_:)`, and how long cmark-gfm's parse took (for build timings).
    public static func parseMeasured(_ text: String, keepingEnds: Bool = false) -> (document: MarkdownDocument, parsing: Duration) {
        let (parsed, parsing) = parseTree(text)
        guard let root = parsed else { return (MarkdownDocument(), parsing) }
        defer { cmark_node_free(root) }
        var builder = DocumentBuilder(expectedBytes: text.utf8.count, keepingEnds: keepingEnds)
        var document = builder.convert(root)
        document.definitions = DefinitionFinder(text: text, leafLines: builder.leafLines,
                                                footnoteLines: builder.footnoteLines).definitions()
        return (document, parsing)
    }

    /// `text` parsed without footnotes and without looking for definitions: how `DefinitionFinder` reads
    /// single lines (a footnote definition is then a paragraph of text, a link reference definition nothing),
    /// and the fuzzing harness the prose of a chapter.
    public static func parseWithoutFootnotes(_ text: String) -> MarkdownDocument {
        let parse = { parseUnlocked(text, options: CMARK_OPT_DEFAULT) }
        guard let root = parsesConcurrently ? parse() : lock.withLock(parse) else { return MarkdownDocument() }
        defer { cmark_node_free(root) }
        var builder = DocumentBuilder(expectedBytes: text.utf8.count)
        return builder.convert(root)
    }

    /// The C tree of `text`, and how long cmark-gfm took (with the wait for the lock, if parses take it).
    private static func parseTree(_ text: String) -> (root: OpaquePointer?, duration: Duration) {
        let clock = ContinuousClock()
        let start = clock.now
        let root = parsesConcurrently ? parseUnlocked(text) : lock.withLock { parseUnlocked(text) }
        return (root, start.duration(to: clock.now))
    }

    private static func parseUnlocked(_ text: String, options: Int32 = CMARK_OPT_FOOTNOTES) -> OpaquePointer? {
        guard let parser = cmark_parser_new(options) else { return nil }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            if let syntax = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntax)
            }
        }
        var copy = text
        copy.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                if let base = chars.baseAddress { cmark_parser_feed(parser, base, chars.count) }
            }
        }
        return cmark_parser_finish(parser)
    }

    /// How deeply blocks and inlines may nest. Deeper containers are flattened into their parent: their
    /// content is kept, their nesting dropped, so that no later walk (rendering, printing, releasing the
    /// tree) can exhaust a thread's stack on hostile input (5,000 nested block quotes).
    public static let maximumDepth = 100
}

/// Copies cmark-gfm's C tree into a `MarkdownDocument`: nodes appended in document order, their text
/// into one buffer.
private struct DocumentBuilder {
    private var nodes: [MarkdownNode] = []
    private var bytes: [UInt8] = []
    /// Footnote definitions so far (see `convert`).
    private var footnotes = 0
    /// The last node emitted when it is a text node, and its parent: a text node right after it, in
    /// the same parent, joins it.
    private var lastTextSibling: Int?
    private var lastTextParent: Int?
    /// The lines of every leaf block (first, last), and the first line of every footnote definition the
    /// tree keeps: what `DefinitionFinder` needs to find the lines the tree holds nothing of.
    private(set) var leafLines: [ClosedRange<Int>] = []
    private(set) var footnoteLines: [Int] = []
    /// Each emitted node's end, when asked for.
    private let keepingEnds: Bool
    private var ends: [SourcePoint] = []

    init(expectedBytes: Int, keepingEnds: Bool = false) {
        self.keepingEnds = keepingEnds
        bytes.reserveCapacity(expectedBytes)
        // Chapters run at 30 to 80 bytes of Markdown per node: starting near the low end saves the
        // array's dozen regrowths (copying the nodes each time), at most one more remains.
        nodes.reserveCapacity(expectedBytes / 48 + 16)
    }

    /// Walks the C tree with an explicit stack (first child / next sibling), so that deeply nested
    /// input cannot overflow the call stack here either.
    ///
    /// cmark-gfm gives each footnote reference the number of its definition (in order of first
    /// reference), moves the referenced definitions to the end in that order and drops unreferenced
    /// ones; the definitions themselves carry no label. They are labelled with that number here, so
    /// that references and definitions pair up.
    mutating func convert(_ root: OpaquePointer) -> MarkdownDocument {
        /// A node being filled: its index (nil when it is flattened into its parent), the index its
        /// children are counted in, its next child to visit, and the position its children inherit.
        typealias Frame = (index: Int?, parent: Int, next: OpaquePointer?, position: SourcePoint)
        let rootPosition = start(of: root)
        emit(root, position: rootPosition, parent: nil)
        var stack: [Frame] = [(0, 0, cmark_node_first_child(root), rootPosition)]
        var depth = 1
        var flattened: SourcePoint?
        while let last = stack.indices.last {
            guard let child = stack[last].next else {
                let done = stack.removeLast()
                if let index = done.index {
                    nodes[index].subtreeSize = nodes.count - index
                    depth -= 1
                }
                continue
            }
            stack[last].next = cmark_node_next(child)
            let parent = stack[last].index ?? stack[last].parent
            let inherited = stack[last].position
            noteLines(of: child)
            if depth >= MarkdownParser.maximumDepth, cmark_node_first_child(child) != nil {
                if flattened == nil { flattened = start(of: child) }
                stack.append((nil, parent, cmark_node_first_child(child), inherited))
                continue
            }
            let own = start(of: child)
            let position = own.line > 0 ? own : inherited
            let index = emit(child, position: position, parent: parent)
            depth += 1
            stack.append((index, parent, cmark_node_first_child(child), position))
        }
        var document = MarkdownDocument(nodes: nodes, bytes: bytes, flattenedNesting: flattened)
        if keepingEnds { document.ends = ends }
        return document
    }

    /// Notes which lines a leaf block stands for (flattened ones too: their text is kept).
    private mutating func noteLines(of node: OpaquePointer) {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING, CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK,
             CMARK_NODE_THEMATIC_BREAK:
            break
        case CMARK_NODE_FOOTNOTE_DEFINITION:
            footnoteLines.append(Int(cmark_node_get_start_line(node)))
            return
        default:
            // Only extension nodes pay for comparing the type string (most nodes are text).
            guard cmark_node_get_syntax_extension(node) != nil, Self.typeString(of: node, is: "table") else { return }
        }
        let first = Int(cmark_node_get_start_line(node))
        leafLines.append(first...max(first, Int(cmark_node_get_end_line(node))))
    }

    /// Appends the node (without its children) and counts it as a child of `parent`.
    @discardableResult
    private mutating func emit(_ pointer: OpaquePointer, position: SourcePoint, parent: Int?) -> Int {
        var node = makeNode(pointer, position: position)
        if node.kind == .footnoteDefinition, parent == MarkdownDocument.root {
            footnotes += 1
            node.text = append(String(footnotes))
        }
        // cmark-gfm leaves a text in several nodes where a bracket or delimiter failed to match
        // (`[see @fig-x]` is "[", "see @fig-x", "]"). One node per run of text lets every later step
        // (cross-references, CriticMarkup) see the text as written. Its bytes follow the previous
        // node's in the buffer, so the previous node's range grows over them.
        if node.kind == .text, let previous = nodes.indices.last, previous == lastTextSibling, lastTextParent == parent,
           nodes[previous].text.end == node.text.start {
            nodes[previous].text = TextRange(start: nodes[previous].text.start, end: node.text.end)
            if keepingEnds, cmark_node_get_end_line(pointer) > 0 { ends[previous] = end(of: pointer) }
            return previous
        }
        if let parent { nodes[parent].childCount += 1 }
        nodes.append(node)
        if keepingEnds { ends.append(end(of: pointer)) }
        lastTextSibling = node.kind == .text ? nodes.count - 1 : nil
        lastTextParent = parent
        return nodes.count - 1
    }

    private func end(of node: OpaquePointer) -> SourcePoint {
        SourcePoint(line: Int(cmark_node_get_end_line(node)), column: Int(cmark_node_get_end_column(node)))
    }

    private func start(of node: OpaquePointer) -> SourcePoint {
        SourcePoint(line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node)))
    }

    private mutating func append(_ pointer: UnsafePointer<CChar>?) -> TextRange {
        let start = bytes.count
        if let pointer {
            bytes.append(contentsOf: UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self),
                                                         count: strlen(pointer)))
        }
        return TextRange(start: start, end: bytes.count)
    }

    private mutating func append(_ text: String) -> TextRange {
        let start = bytes.count
        bytes.append(contentsOf: text.utf8)
        return TextRange(start: start, end: bytes.count)
    }

    private mutating func literal(_ node: OpaquePointer) -> TextRange {
        append(cmark_node_get_literal(node))
    }

    /// Compared as C strings: making a Swift String of the type of every list item and table cell
    /// was a tenth of the tree's conversion.
    private static func typeString(of node: OpaquePointer, is name: StaticString) -> Bool {
        guard let type = cmark_node_get_type_string(node) else { return false }
        return name.withUTF8Buffer { expected in
            expected.indices.allSatisfy { UInt8(bitPattern: type[$0]) == expected[$0] } && type[expected.count] == 0
        }
    }

    private mutating func makeNode(_ pointer: OpaquePointer, position: SourcePoint) -> MarkdownNode {
        func node(_ kind: MarkdownNode.Kind) -> MarkdownNode { MarkdownNode(kind: kind, start: position) }
        switch cmark_node_get_type(pointer) {
        case CMARK_NODE_DOCUMENT: return node(.document)
        case CMARK_NODE_BLOCK_QUOTE: return node(.blockQuote)
        case CMARK_NODE_LIST:
            return MarkdownNode(kind: .list, start: position, number: Int(cmark_node_get_list_start(pointer)),
                                ordered: cmark_node_get_list_type(pointer) == CMARK_ORDERED_LIST,
                                tight: cmark_node_get_list_tight(pointer) != 0)
        case CMARK_NODE_ITEM:
            let isTask = Self.typeString(of: pointer, is: "tasklist")
            return MarkdownNode(kind: .item, start: position, task: isTask ? cmark_gfm_extensions_get_tasklist_item_checked(pointer) : nil)
        case CMARK_NODE_CODE_BLOCK:
            var block = node(.codeBlock)
            block.text = literal(pointer)
            block.detail = append(cmark_node_get_fence_info(pointer))
            return block
        case CMARK_NODE_HTML_BLOCK: return withLiteral(.htmlBlock, pointer, position)
        case CMARK_NODE_PARAGRAPH: return node(.paragraph)
        case CMARK_NODE_HEADING:
            return MarkdownNode(kind: .heading, start: position, number: Int(cmark_node_get_heading_level(pointer)))
        case CMARK_NODE_THEMATIC_BREAK: return node(.thematicBreak)
        case CMARK_NODE_FOOTNOTE_DEFINITION: return withLiteral(.footnoteDefinition, pointer, position)
        case CMARK_NODE_TEXT: return withLiteral(.text, pointer, position)
        case CMARK_NODE_SOFTBREAK: return node(.softBreak)
        case CMARK_NODE_LINEBREAK: return node(.lineBreak)
        case CMARK_NODE_CODE: return withLiteral(.code, pointer, position)
        case CMARK_NODE_HTML_INLINE: return withLiteral(.htmlInline, pointer, position)
        case CMARK_NODE_EMPH: return node(.emphasis)
        case CMARK_NODE_STRONG: return node(.strong)
        case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
            var link = node(cmark_node_get_type(pointer) == CMARK_NODE_LINK ? .link : .image)
            link.text = append(cmark_node_get_url(pointer))
            link.detail = append(cmark_node_get_title(pointer))
            return link
        case CMARK_NODE_FOOTNOTE_REFERENCE: return withLiteral(.footnoteReference, pointer, position)
        default:
            return extensionNode(pointer, position: position)
        }
    }

    private mutating func withLiteral(_ kind: MarkdownNode.Kind, _ pointer: OpaquePointer, _ position: SourcePoint) -> MarkdownNode {
        var node = MarkdownNode(kind: kind, start: position)
        node.text = literal(pointer)
        return node
    }

    /// Extension node types are registered at run time and have no constant in Debian's headers:
    /// dispatch on their type string.
    private mutating func extensionNode(_ pointer: OpaquePointer, position: SourcePoint) -> MarkdownNode {
        if Self.typeString(of: pointer, is: "table_cell") { return MarkdownNode(kind: .tableCell, start: position) }
        if Self.typeString(of: pointer, is: "table_row") {
            return MarkdownNode(kind: .tableRow, start: position, header: cmark_gfm_extensions_get_table_row_is_header(pointer) != 0)
        }
        if Self.typeString(of: pointer, is: "table") {
            let columns = Int(cmark_gfm_extensions_get_table_columns(pointer))
            var table = MarkdownNode(kind: .table, start: position, number: columns)
            // One byte per column, as cmark-gfm gives them: 'l', 'c', 'r', or 0 for none.
            let start = bytes.count
            if let raw = cmark_gfm_extensions_get_table_alignments(pointer) {
                for column in 0..<columns { bytes.append(UInt8(raw[column])) }
            }
            table.detail = TextRange(start: start, end: bytes.count)
            return table
        }
        if Self.typeString(of: pointer, is: "table_header") { return MarkdownNode(kind: .tableRow, start: position, header: true) }
        if Self.typeString(of: pointer, is: "strikethrough") { return MarkdownNode(kind: .strikethrough, start: position) }
        // Unknown custom nodes keep their text so that nothing is lost.
        return withLiteral(.text, pointer, position)
    }
}

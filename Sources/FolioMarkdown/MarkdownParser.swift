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
/// The finished C tree belongs to its caller alone: copying it into `MarkdownNode` values and freeing
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

    /// As `parse(_:)`, and how long cmark-gfm's parse took (for build timings).
    public static func parseMeasured(_ text: String) -> (document: MarkdownDocument, parsing: Duration) {
        let (parsed, parsing) = parseTree(text)
        guard let root = parsed else { return (MarkdownDocument(blocks: []), parsing) }
        defer { cmark_node_free(root) }
        let (tree, flattened) = convert(root)
        return (MarkdownDocument(blocks: numberFootnoteDefinitions(tree.children), flattenedNesting: flattened), parsing)
    }

    /// The C tree of `text`, and how long cmark-gfm took (with the wait for the lock, if parses take it).
    private static func parseTree(_ text: String) -> (root: OpaquePointer?, duration: Duration) {
        let clock = ContinuousClock()
        let start = clock.now
        let root = parsesConcurrently ? parseUnlocked(text) : lock.withLock { parseUnlocked(text) }
        return (root, start.duration(to: clock.now))
    }

    private static func parseUnlocked(_ text: String) -> OpaquePointer? {
        guard let parser = cmark_parser_new(CMARK_OPT_FOOTNOTES) else { return nil }
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

    /// cmark-gfm gives each footnote reference the number of its definition (in order of first
    /// reference), moves the referenced definitions to the end in that order and drops unreferenced
    /// ones; the definitions themselves carry no label. Label them with that number so references and
    /// definitions pair up.
    private static func numberFootnoteDefinitions(_ blocks: [MarkdownNode]) -> [MarkdownNode] {
        var number = 0
        return blocks.map { block in
            guard case .footnoteDefinition = block.kind else { return block }
            number += 1
            var labelled = block
            labelled.kind = .footnoteDefinition(label: String(number))
            return labelled
        }
    }

    /// How deeply blocks and inlines may nest. Deeper containers are flattened into their parent: their
    /// content is kept, their nesting dropped, so that no later walk (rendering, printing, releasing the
    /// tree) can exhaust a thread's stack on hostile input (5,000 nested block quotes).
    public static let maximumDepth = 100

    /// Copies the C tree with an explicit stack (first child / next sibling), so that deeply nested
    /// input cannot overflow the call stack here either.
    private static func convert(_ root: OpaquePointer) -> (MarkdownNode, flattened: SourcePoint?) {
        typealias Frame = (value: MarkdownNode, nextChild: OpaquePointer?, transparent: Bool)
        var stack: [Frame] = [(node(root), cmark_node_first_child(root), false)]
        var depth = 1
        var flattened: SourcePoint?
        while !stack.isEmpty {
            let last = stack.count - 1
            if let child = stack[last].nextChild {
                stack[last].nextChild = cmark_node_next(child)
                let transparent = depth >= maximumDepth && cmark_node_first_child(child) != nil
                if transparent, flattened == nil { flattened = start(of: child) }
                if !transparent { depth += 1 }
                stack.append((node(child), cmark_node_first_child(child), transparent))
            } else {
                let done = stack.removeLast()
                if stack.isEmpty { return (done.value, flattened) }
                if done.transparent {
                    stack[stack.count - 1].value.children.append(contentsOf: done.value.children)
                } else {
                    depth -= 1
                    stack[stack.count - 1].value.children.append(done.value)
                }
            }
        }
        return (node(root), flattened)
    }

    /// The node without its children, with room for exactly as many as it has: grown one append at
    /// a time, each array of a document's million nodes kept up to twice the memory it needs.
    private static func node(_ pointer: OpaquePointer) -> MarkdownNode {
        var node = MarkdownNode(kind: kind(of: pointer), start: start(of: pointer))
        var count = 0
        var child = cmark_node_first_child(pointer)
        while let current = child {
            count += 1
            child = cmark_node_next(current)
        }
        if count > 0 { node.children.reserveCapacity(count) }
        return node
    }

    private static func start(of node: OpaquePointer) -> SourcePoint {
        SourcePoint(line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node)))
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }

    private static func literal(_ node: OpaquePointer) -> String {
        string(cmark_node_get_literal(node))
    }

    private static func kind(of node: OpaquePointer) -> MarkdownKind {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_DOCUMENT: return .document
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST:
            return .list(
                ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                start: Int(cmark_node_get_list_start(node)),
                tight: cmark_node_get_list_tight(node) != 0
            )
        case CMARK_NODE_ITEM:
            let isTask = string(cmark_node_get_type_string(node)) == "tasklist"
            return .item(task: isTask ? cmark_gfm_extensions_get_tasklist_item_checked(node) : nil)
        case CMARK_NODE_CODE_BLOCK:
            return .codeBlock(info: string(cmark_node_get_fence_info(node)), literal: literal(node))
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock(literal(node))
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading(level: Int(cmark_node_get_heading_level(node)))
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_FOOTNOTE_DEFINITION: return .footnoteDefinition(label: literal(node))
        case CMARK_NODE_TEXT: return .text(literal(node))
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code(literal(node))
        case CMARK_NODE_HTML_INLINE: return .htmlInline(literal(node))
        case CMARK_NODE_EMPH: return .emphasis
        case CMARK_NODE_STRONG: return .strong
        case CMARK_NODE_LINK:
            return .link(destination: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        case CMARK_NODE_IMAGE:
            return .image(source: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        case CMARK_NODE_FOOTNOTE_REFERENCE: return .footnoteReference(label: literal(node))
        default:
            return extensionKind(of: node)
        }
    }

    /// Extension node types are registered at run time and have no constant in Debian's headers:
    /// dispatch on their type string.
    private static func extensionKind(of node: OpaquePointer) -> MarkdownKind {
        switch string(cmark_node_get_type_string(node)) {
        case "table":
            let columns = Int(cmark_gfm_extensions_get_table_columns(node))
            var alignments: [TableAlignment] = []
            if let raw = cmark_gfm_extensions_get_table_alignments(node) {
                for index in 0..<columns {
                    switch UInt8(raw[index]) {
                    case UInt8(ascii: "l"): alignments.append(.left)
                    case UInt8(ascii: "c"): alignments.append(.center)
                    case UInt8(ascii: "r"): alignments.append(.right)
                    default: alignments.append(.none)
                    }
                }
            }
            return .table(alignments: alignments)
        case "table_row": return .tableRow(isHeader: cmark_gfm_extensions_get_table_row_is_header(node) != 0)
        case "table_header": return .tableRow(isHeader: true)
        case "table_cell": return .tableCell
        case "strikethrough": return .strikethrough
        default:
            // Unknown custom nodes keep their text so that nothing is lost.
            return .text(literal(node))
        }
    }
}

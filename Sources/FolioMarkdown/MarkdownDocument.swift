/// A position in the Markdown text that was parsed (1-based line and column, counted in UTF-8 bytes
/// as cmark-gfm counts them). Callers add the front matter's line count to get a position in the file.
public struct SourcePoint: Sendable, Hashable {
    public var line: Int
    public var column: Int

    @inlinable public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

public enum TableAlignment: Sendable, Hashable {
    case none, left, center, right
}

/// A parsed Markdown document, copied out of cmark-gfm's C tree so that it can be shared across
/// threads and outlive the parser.
///
/// Flat, for speed: every node sits in one array in document order, each followed by its descendants
/// (`nodes[0]` is the document itself), and all their text sits in one UTF-8 buffer. A chapter is a
/// handful of allocations instead of one per node and string, a walk is a loop over an array, and a
/// renderer copies text straight from the buffer. Nodes are addressed by their index in `nodes`.
public struct MarkdownDocument: Sendable, Hashable {
    public typealias Index = Int

    /// The nodes in document order; `nodes[0]` is the document node.
    public private(set) var nodes: [MarkdownNode]
    /// The UTF-8 text the nodes' `text` and `detail` ranges point into.
    @usableFromInline private(set) var bytes: [UInt8]
    /// Where nesting deeper than `MarkdownParser.maximumDepth` was flattened (its content kept), if anywhere.
    public var flattenedNesting: SourcePoint?
    /// The definitions the tree keeps no node of: link reference definitions, and footnote definitions
    /// cmark-gfm left out (with, then, the ones it kept, to compare labels). See `DefinitionFinder`.
    public var definitions: [MarkdownDefinition] = []
    /// Where each node ends (its last byte's line and column), parallel to `nodes`; empty unless the
    /// document was parsed with `MarkdownParser.parse(_:keepingEnds:)` (the translation exchange needs
    /// each unit's bytes; a build does not, and does not pay for them). Line 0 where cmark-gfm gives none.
    public internal(set) var ends: [SourcePoint] = []

    /// The index of the document node.
    public static let root: Index = 0

    init(nodes: [MarkdownNode], bytes: [UInt8], flattenedNesting: SourcePoint?) {
        self.nodes = nodes
        self.bytes = bytes
        self.flattenedNesting = flattenedNesting
    }

    /// An empty document.
    public init() {
        self.init(nodes: [MarkdownNode(kind: .document, start: SourcePoint(line: 1, column: 1))], bytes: [], flattenedNesting: nil)
    }

    @inlinable public subscript(index: Index) -> MarkdownNode { nodes[index] }

    /// Where the node ends, when the parse kept ends and cmark-gfm gave the node a position.
    public func end(of index: Index) -> SourcePoint? {
        guard index < ends.count, ends[index].line > 0 else { return nil }
        return ends[index]
    }

    /// The top-level blocks.
    @inlinable public var blocks: Children { children(of: Self.root) }

    /// The children of the node at `index`, in order.
    @inlinable public func children(of index: Index) -> Children {
        Children(nodes: nodes, parent: index)
    }

    /// The indices of the node at `index` and all its descendants, in document order.
    @inlinable public func subtree(of index: Index) -> Range<Index> {
        index..<(index + nodes[index].subtreeSize)
    }

    /// The index of the node after `index` that is not inside it (its next sibling, or the next node up).
    @inlinable public func skippingChildren(of index: Index) -> Index {
        index + nodes[index].subtreeSize
    }

    /// Visits every node in document order; `visit` returns whether to go into the node's children.
    @inlinable public func walk(_ visit: (Index, MarkdownNode) -> Bool) {
        var index = 1
        while index < nodes.count {
            let node = nodes[index]
            index += visit(index, node) ? 1 : node.subtreeSize
        }
    }

    // MARK: - Text

    /// The node's main text: the literal of text, code and HTML, a code block's content, a link's
    /// destination, an image's source, a footnote's label.
    @inlinable public func text(of index: Index) -> String { string(nodes[index].text) }

    /// The node's second text: a code block's info string (`kpi id=x`), a link's or image's title.
    @inlinable public func detail(of index: Index) -> String { string(nodes[index].detail) }

    /// The UTF-8 bytes of the node's main text, without copying them.
    @inlinable public func withText<Result>(of index: Index, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        let range = nodes[index].text
        return try bytes.withUnsafeBufferPointer { buffer in
            try body(UnsafeBufferPointer(rebasing: buffer[range.start..<range.end]))
        }
    }

    /// The plain text of a node and its descendants (for headings, alt texts, captions): text and
    /// code as written, line breaks as spaces, footnote markers and inline HTML left out.
    public func plainText(of index: Index) -> String {
        var out: [UInt8] = []
        for descendant in subtree(of: index) {
            let node = nodes[descendant]
            switch node.kind {
            case .text, .code: out.append(contentsOf: bytes[node.text.start..<node.text.end])
            case .softBreak, .lineBreak: out.append(UInt8(ascii: " "))
            default: break
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Table column alignments, from a table node.
    public func alignments(of index: Index) -> [TableAlignment] {
        bytes[nodes[index].detail.start..<nodes[index].detail.end].map { byte in
            switch byte {
            case UInt8(ascii: "l"): .left
            case UInt8(ascii: "c"): .center
            case UInt8(ascii: "r"): .right
            default: .none
            }
        }
    }

    @usableFromInline func string(_ range: TextRange) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: $0[range.start..<range.end], as: UTF8.self) }
    }

    // MARK: - Changing text

    /// Replaces the node's main text (CriticMarkup restores the original inside code with it).
    public mutating func setText(of index: Index, to text: String) {
        nodes[index].text = append(text)
    }

    /// Replaces the node's second text.
    public mutating func setDetail(of index: Index, to text: String) {
        nodes[index].detail = append(text)
    }

    private mutating func append(_ text: String) -> TextRange {
        let start = bytes.count
        bytes.append(contentsOf: text.utf8)
        return TextRange(start: start, end: bytes.count)
    }

    /// The children of one node: a walk from sibling to sibling.
    public struct Children: Sequence, Sendable {
        @usableFromInline let nodes: [MarkdownNode]
        @usableFromInline let parent: Index

        @inlinable init(nodes: [MarkdownNode], parent: Index) {
            self.nodes = nodes
            self.parent = parent
        }

        @inlinable public var count: Int { nodes[parent].childCount }
        @inlinable public var isEmpty: Bool { count == 0 }
        /// Exact: arrays made of the children are allocated once.
        @inlinable public var underestimatedCount: Int { count }
        /// The first child's index.
        @inlinable public var first: Index? { isEmpty ? nil : parent + 1 }

        @inlinable public func makeIterator() -> Iterator {
            Iterator(nodes: nodes, upcoming: parent + 1, end: parent + nodes[parent].subtreeSize)
        }

        public struct Iterator: IteratorProtocol {
            @usableFromInline let nodes: [MarkdownNode]
            @usableFromInline var upcoming: Index
            @usableFromInline let end: Index

            @inlinable init(nodes: [MarkdownNode], upcoming: Index, end: Index) {
                self.nodes = nodes
                self.upcoming = upcoming
                self.end = end
            }

            @inlinable public mutating func next() -> Index? {
                guard upcoming < end else { return nil }
                defer { upcoming += nodes[upcoming].subtreeSize }
                return upcoming
            }
        }
    }
}

/// Where a node's text is in its document's buffer.
@usableFromInline struct TextRange: Sendable, Hashable {
    @usableFromInline var first: UInt32 = 0
    @usableFromInline var past: UInt32 = 0

    @inlinable var start: Int { Int(first) }
    @inlinable var end: Int { Int(past) }

    /// Offsets fit in 32 bits: cmark-gfm itself keeps sizes in 32-bit integers, and the loader refuses
    /// files of a gigabyte or more.
    init(start: Int, end: Int) {
        first = UInt32(truncatingIfNeeded: start)
        past = UInt32(truncatingIfNeeded: end)
    }

    init() {}
}

/// One node of a `MarkdownDocument`: what it is, where it starts, how many nodes its subtree holds,
/// and where its text is. A plain value of a few words: copying one costs nothing.
public struct MarkdownNode: Sendable, Hashable {
    public enum Kind: UInt8, Sendable, Hashable {
        // Blocks
        case document
        case paragraph
        /// `level`.
        case heading
        case blockQuote
        /// `isOrdered`, `listStart`, `isTight`.
        case list
        /// `task`: nil for an ordinary item, or whether the task box is checked.
        case item
        /// A fenced or indented code block: its content (`text`) and whole info string (`detail`).
        case codeBlock
        case htmlBlock
        case thematicBreak
        /// `columns`; the document gives `alignments(of:)`.
        case table
        /// `isHeaderRow`.
        case tableRow
        case tableCell
        /// `text` is its number, shared with its references ("1").
        case footnoteDefinition
        // Inlines
        case text
        case softBreak
        case lineBreak
        case code
        case htmlInline
        case emphasis
        case strong
        case strikethrough
        /// `text` is the destination, `detail` the title.
        case link
        /// `text` is the source, `detail` the title.
        case image
        /// `text` is the number of its definition.
        case footnoteReference

        /// Whether blocks can sit inside a node of this kind: walks that look for headings, code blocks or
        /// footnote definitions need not descend into paragraphs, headings or tables.
        public var canContainBlocks: Bool {
            switch self {
            case .document, .blockQuote, .list, .item, .footnoteDefinition: true
            default: false
            }
        }
    }

    public let kind: Kind
    @usableFromInline let flags: UInt8
    @usableFromInline let number: Int32
    @usableFromInline let line: UInt32
    @usableFromInline let column: UInt32
    @usableFromInline var size: UInt32
    @usableFromInline var children: UInt32
    @usableFromInline var text = TextRange()
    @usableFromInline var detail = TextRange()

    private static let orderedFlag: UInt8 = 1, tightFlag: UInt8 = 2, headerFlag: UInt8 = 4, taskFlag: UInt8 = 8, checkedFlag: UInt8 = 16

    init(kind: Kind, start: SourcePoint, number: Int = 0, ordered: Bool = false, tight: Bool = false,
         header: Bool = false, task: Bool? = nil) {
        self.kind = kind
        line = UInt32(clamping: start.line)
        column = UInt32(clamping: start.column)
        self.number = Int32(clamping: number)
        var flags: UInt8 = 0
        if ordered { flags |= Self.orderedFlag }
        if tight { flags |= Self.tightFlag }
        if header { flags |= Self.headerFlag }
        if let task { flags |= Self.taskFlag | (task ? Self.checkedFlag : 0) }
        self.flags = flags
        size = 1
        children = 0
    }

    /// This node and its descendants: the node after its subtree is at `index + subtreeSize`.
    public internal(set) var subtreeSize: Int {
        @inlinable get { Int(size) }
        set { size = UInt32(truncatingIfNeeded: newValue) }
    }

    public internal(set) var childCount: Int {
        @inlinable get { Int(children) }
        set { children = UInt32(truncatingIfNeeded: newValue) }
    }

    /// Where the node starts; nodes cmark-gfm gives no position (autolinks) carry their nearest
    /// enclosing node's.
    @inlinable public var start: SourcePoint { SourcePoint(line: Int(line), column: Int(column)) }

    /// A heading's level (1–6).
    @inlinable public var level: Int { Int(number) }
    /// A list's first number.
    public var listStart: Int { Int(number) }
    public var isOrdered: Bool { flags & Self.orderedFlag != 0 }
    public var isTight: Bool { flags & Self.tightFlag != 0 }
    /// A table's column count.
    public var columns: Int { Int(number) }
    public var isHeaderRow: Bool { flags & Self.headerFlag != 0 }
    /// A list item's task box: nil for an ordinary item, else whether it is checked.
    public var task: Bool? { flags & Self.taskFlag != 0 ? flags & Self.checkedFlag != 0 : nil }
}

import Foundation

/// The part of pandoc's document AST (pandoc-types 1.23) the Word and EPUB editions use, encoded as
/// pandoc's JSON (`{"t": "Para", "c": [...]}`), which `pandoc -f json` reads. Only the shape of the
/// data lives here; what goes into it comes from the chapter models (`EditionRenderer`).
struct PandocAttr: Sendable, Hashable, Encodable {
    var id = ""
    var classes: [String] = []
    var attributes: [(String, String)] = []

    init(id: String = "", classes: [String] = [], attributes: [(String, String)] = []) {
        self.id = id
        self.classes = classes
        self.attributes = attributes
    }

    /// A Div whose paragraphs take a named Word style (`custom-style`), and whose class names it in EPUB.
    static func style(_ name: String, id: String = "", classes: [String] = []) -> PandocAttr {
        PandocAttr(id: id, classes: classes, attributes: [("custom-style", name)])
    }

    static func == (lhs: PandocAttr, rhs: PandocAttr) -> Bool {
        lhs.id == rhs.id && lhs.classes == rhs.classes && lhs.attributes.elementsEqual(rhs.attributes) { $0 == $1 }
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(classes)
        for (key, value) in attributes {
            hasher.combine(key)
            hasher.combine(value)
        }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(id)
        try container.encode(classes)
        try container.encode(attributes.map { [$0.0, $0.1] })
    }
}

indirect enum PandocInline: Sendable, Hashable, Encodable {
    case str(String)
    case space
    case softBreak
    case lineBreak
    case emph([PandocInline])
    case strong([PandocInline])
    case strikeout([PandocInline])
    case smallCaps([PandocInline])
    case superscript([PandocInline])
    case `subscript`([PandocInline])
    case code(PandocAttr, String)
    case link(PandocAttr, [PandocInline], url: String, title: String)
    case image(PandocAttr, [PandocInline], source: String, title: String)
    case note([PandocBlock])
    case span(PandocAttr, [PandocInline])
    case rawInline(format: String, String)

    private enum Keys: String, CodingKey { case t, c }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        switch self {
        case .str(let text):
            try container.encode("Str", forKey: .t)
            try container.encode(text, forKey: .c)
        case .space: try container.encode("Space", forKey: .t)
        case .softBreak: try container.encode("SoftBreak", forKey: .t)
        case .lineBreak: try container.encode("LineBreak", forKey: .t)
        case .emph(let inlines):
            try container.encode("Emph", forKey: .t)
            try container.encode(inlines, forKey: .c)
        case .strong(let inlines):
            try container.encode("Strong", forKey: .t)
            try container.encode(inlines, forKey: .c)
        case .strikeout(let inlines):
            try container.encode("Strikeout", forKey: .t)
            try container.encode(inlines, forKey: .c)
        case .smallCaps(let inlines):
            try container.encode("SmallCaps", forKey: .t)
            try container.encode(inlines, forKey: .c)
        case .superscript(let inlines):
            try container.encode("Superscript", forKey: .t)
            try container.encode(inlines, forKey: .c)
        case .subscript(let inlines):
            try container.encode("Subscript", forKey: .t)
            try container.encode(inlines, forKey: .c)
        case .code(let attr, let text):
            try container.encode("Code", forKey: .t)
            var content = container.nestedUnkeyedContainer(forKey: .c)
            try content.encode(attr)
            try content.encode(text)
        case .link(let attr, let inlines, let url, let title), .image(let attr, let inlines, let url, let title):
            if case .link = self { try container.encode("Link", forKey: .t) } else { try container.encode("Image", forKey: .t) }
            var content = container.nestedUnkeyedContainer(forKey: .c)
            try content.encode(attr)
            try content.encode(inlines)
            try content.encode([url, title])
        case .note(let blocks):
            try container.encode("Note", forKey: .t)
            try container.encode(blocks, forKey: .c)
        case .span(let attr, let inlines):
            try container.encode("Span", forKey: .t)
            var content = container.nestedUnkeyedContainer(forKey: .c)
            try content.encode(attr)
            try content.encode(inlines)
        case .rawInline(let format, let text):
            try container.encode("RawInline", forKey: .t)
            var content = container.nestedUnkeyedContainer(forKey: .c)
            try content.encode(format)
            try content.encode(text)
        }
    }

    /// Plain text as pandoc words it: `Str` runs between `Space`s (what pandoc's own readers make,
    /// so that its writers break lines and join text as they do for their own documents). Spaces at
    /// either end are kept: the text may sit between a link and the rest of its sentence.
    static func text(_ text: String) -> [PandocInline] {
        var inlines: [PandocInline] = []
        var word = ""
        for scalar in text.unicodeScalars {
            if scalar == " " || scalar == "\n" || scalar == "\t" {
                if !word.isEmpty { inlines.append(.str(word)) }
                word = ""
                if inlines.last != .space { inlines.append(.space) }
            } else {
                word.unicodeScalars.append(scalar)
            }
        }
        if !word.isEmpty { inlines.append(.str(word)) }
        return inlines
    }
}

enum PandocAlignment: String, Sendable, Hashable {
    case left = "AlignLeft", right = "AlignRight", center = "AlignCenter", `default` = "AlignDefault"
}

/// A table: header rows and body rows of cells, each cell a list of blocks.
struct PandocTable: Sendable, Hashable {
    var attr = PandocAttr()
    /// The caption's blocks (empty: no caption).
    var caption: [PandocBlock] = []
    var alignments: [PandocAlignment]
    var header: [[[PandocBlock]]]
    var rows: [[[PandocBlock]]]
}

/// One entry of a definition list: the term, and its definitions (each a list of blocks).
struct PandocDefinition: Sendable, Hashable {
    var term: [PandocInline]
    var definitions: [[PandocBlock]]
}

indirect enum PandocBlock: Sendable, Hashable, Encodable {
    case plain([PandocInline])
    case para([PandocInline])
    case header(level: Int, PandocAttr, [PandocInline])
    case blockQuote([PandocBlock])
    case bulletList([[PandocBlock]])
    case orderedList(start: Int, [[PandocBlock]])
    /// Terms, each with its definitions (each a list of blocks): the list of acronyms.
    case definitionList([PandocDefinition])
    case codeBlock(PandocAttr, String)
    case rawBlock(format: String, String)
    case horizontalRule
    case table(PandocTable)
    case figure(PandocAttr, caption: [PandocBlock], [PandocBlock])
    case div(PandocAttr, [PandocBlock])

    private enum Keys: String, CodingKey { case t, c }

    /// `{"t": name}` objects (pandoc's enumerations: alignments, list styles, column widths).
    private struct Tag: Encodable {
        var name: String
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(name, forKey: .t)
        }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        switch self {
        case .plain(let inlines):
            try container.encode("Plain", forKey: .t)
            try container.encode(inlines, forKey: .c)
        case .para(let inlines):
            try container.encode("Para", forKey: .t)
            try container.encode(inlines, forKey: .c)
        case .header(let level, let attr, let inlines):
            try container.encode("Header", forKey: .t)
            var content = container.nestedUnkeyedContainer(forKey: .c)
            try content.encode(level)
            try content.encode(attr)
            try content.encode(inlines)
        case .blockQuote(let blocks):
            try container.encode("BlockQuote", forKey: .t)
            try container.encode(blocks, forKey: .c)
        case .bulletList(let items):
            try container.encode("BulletList", forKey: .t)
            try container.encode(items, forKey: .c)
        case .orderedList(let start, let items):
            try container.encode("OrderedList", forKey: .t)
            var content = container.nestedUnkeyedContainer(forKey: .c)
            var attributes = content.nestedUnkeyedContainer()
            try attributes.encode(start)
            try attributes.encode(Tag(name: "Decimal"))
            try attributes.encode(Tag(name: "Period"))
            try content.encode(items)
        case .definitionList(let items):
            try container.encode("DefinitionList", forKey: .t)
            var content = container.nestedUnkeyedContainer(forKey: .c)
            for item in items {
                var pair = content.nestedUnkeyedContainer()
                try pair.encode(item.term)
                try pair.encode(item.definitions)
            }
        case .codeBlock(let attr, let text):
            try container.encode("CodeBlock", forKey: .t)
            var content = container.nestedUnkeyedContainer(forKey: .c)
            try content.encode(attr)
            try content.encode(text)
        case .rawBlock(let format, let text):
            try container.encode("RawBlock", forKey: .t)
            var content = container.nestedUnkeyedContainer(forKey: .c)
            try content.encode(format)
            try content.encode(text)
        case .horizontalRule:
            try container.encode("HorizontalRule", forKey: .t)
        case .table(let table):
            try container.encode("Table", forKey: .t)
            var content = container.nestedUnkeyedContainer(forKey: .c)
            try content.encode(table.attr)
            try Self.encodeCaption(table.caption, into: &content)
            var columns = content.nestedUnkeyedContainer()
            for alignment in table.alignments {
                var column = columns.nestedUnkeyedContainer()
                try column.encode(Tag(name: alignment.rawValue))
                try column.encode(Tag(name: "ColWidthDefault"))
            }
            // TableHead: attr, rows.
            var head = content.nestedUnkeyedContainer()
            try head.encode(PandocAttr())
            try Self.encodeRows(table.header, alignments: table.alignments, into: &head)
            // One TableBody: attr, row-head columns, head rows, body rows.
            var bodies = content.nestedUnkeyedContainer()
            var body = bodies.nestedUnkeyedContainer()
            try body.encode(PandocAttr())
            try body.encode(0)
            try body.encode([Int]())
            try Self.encodeRows(table.rows, alignments: table.alignments, into: &body)
            // TableFoot: attr, no rows.
            var foot = content.nestedUnkeyedContainer()
            try foot.encode(PandocAttr())
            try foot.encode([Int]())
        case .figure(let attr, let caption, let blocks):
            try container.encode("Figure", forKey: .t)
            var content = container.nestedUnkeyedContainer(forKey: .c)
            try content.encode(attr)
            try Self.encodeCaption(caption, into: &content)
            try content.encode(blocks)
        case .div(let attr, let blocks):
            try container.encode("Div", forKey: .t)
            var content = container.nestedUnkeyedContainer(forKey: .c)
            try content.encode(attr)
            try content.encode(blocks)
        }
    }

    /// Caption: no short caption, then the blocks.
    private static func encodeCaption(_ blocks: [PandocBlock], into container: inout UnkeyedEncodingContainer) throws {
        var caption = container.nestedUnkeyedContainer()
        try caption.encodeNil()
        try caption.encode(blocks)
    }

    /// Rows of cells: each row `[attr, cells]`, each cell `[attr, alignment, rowspan, colspan, blocks]`.
    private static func encodeRows(_ rows: [[[PandocBlock]]], alignments: [PandocAlignment],
                                   into container: inout UnkeyedEncodingContainer) throws {
        var list = container.nestedUnkeyedContainer()
        for row in rows {
            var encodedRow = list.nestedUnkeyedContainer()
            try encodedRow.encode(PandocAttr())
            var cells = encodedRow.nestedUnkeyedContainer()
            for cell in row {
                var encodedCell = cells.nestedUnkeyedContainer()
                try encodedCell.encode(PandocAttr())
                try encodedCell.encode(Tag(name: PandocAlignment.default.rawValue))
                try encodedCell.encode(1)
                try encodedCell.encode(1)
                try encodedCell.encode(cell)
            }
        }
    }
}

/// A metadata value (`title`, `lang`, `dir`, the EPUB's accessibility metadata).
indirect enum PandocMetaValue: Sendable, Hashable, Encodable {
    case string(String)
    case inlines([PandocInline])
    case list([PandocMetaValue])
    case bool(Bool)

    private enum Keys: String, CodingKey { case t, c }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        switch self {
        case .string(let text):
            try container.encode("MetaString", forKey: .t)
            try container.encode(text, forKey: .c)
        case .inlines(let inlines):
            try container.encode("MetaInlines", forKey: .t)
            try container.encode(inlines, forKey: .c)
        case .list(let values):
            try container.encode("MetaList", forKey: .t)
            try container.encode(values, forKey: .c)
        case .bool(let value):
            try container.encode("MetaBool", forKey: .t)
            try container.encode(value, forKey: .c)
        }
    }
}

/// One language's edition as a pandoc document.
struct PandocDocument: Sendable, Encodable {
    var meta: [String: PandocMetaValue] = [:]
    var blocks: [PandocBlock] = []

    private enum Keys: String, CodingKey {
        case apiVersion = "pandoc-api-version", meta, blocks
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(Pandoc.apiVersion, forKey: .apiVersion)
        try container.encode(meta, forKey: .meta)
        try container.encode(blocks, forKey: .blocks)
    }

    /// The JSON `pandoc -f json` reads; keys sorted, so that the same document gives the same bytes.
    func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

extension PandocDocument {
    /// The document with every inline replaced by what `transform` makes of it (after its own
    /// content was transformed), in blocks, notes, captions and table cells alike.
    func mapInlines(_ transform: (PandocInline) -> [PandocInline]) -> PandocDocument {
        PandocDocument(meta: meta, blocks: blocks.map { $0.mapInlines(transform) })
    }
}

extension PandocBlock {
    func mapInlines(_ transform: (PandocInline) -> [PandocInline]) -> PandocBlock {
        func inlines(_ list: [PandocInline]) -> [PandocInline] { list.flatMap { $0.mapInlines(transform) } }
        func blocks(_ list: [PandocBlock]) -> [PandocBlock] { list.map { $0.mapInlines(transform) } }
        switch self {
        case .plain(let content): return .plain(inlines(content))
        case .para(let content): return .para(inlines(content))
        case .header(let level, let attr, let content): return .header(level: level, attr, inlines(content))
        case .blockQuote(let content): return .blockQuote(blocks(content))
        case .bulletList(let items): return .bulletList(items.map(blocks))
        case .orderedList(let start, let items): return .orderedList(start: start, items.map(blocks))
        case .definitionList(let items):
            return .definitionList(items.map { PandocDefinition(term: inlines($0.term), definitions: $0.definitions.map(blocks)) })
        case .codeBlock, .rawBlock, .horizontalRule: return self
        case .table(var table):
            table.caption = blocks(table.caption)
            table.header = table.header.map { $0.map(blocks) }
            table.rows = table.rows.map { $0.map(blocks) }
            return .table(table)
        case .figure(let attr, let caption, let content): return .figure(attr, caption: blocks(caption), blocks(content))
        case .div(let attr, let content): return .div(attr, blocks(content))
        }
    }
}

extension PandocInline {
    func mapInlines(_ transform: (PandocInline) -> [PandocInline]) -> [PandocInline] {
        func inlines(_ list: [PandocInline]) -> [PandocInline] { list.flatMap { $0.mapInlines(transform) } }
        switch self {
        case .str, .space, .softBreak, .lineBreak, .code, .rawInline: return transform(self)
        case .emph(let content): return transform(.emph(inlines(content)))
        case .strong(let content): return transform(.strong(inlines(content)))
        case .strikeout(let content): return transform(.strikeout(inlines(content)))
        case .smallCaps(let content): return transform(.smallCaps(inlines(content)))
        case .superscript(let content): return transform(.superscript(inlines(content)))
        case .subscript(let content): return transform(.subscript(inlines(content)))
        case .link(let attr, let content, let url, let title): return transform(.link(attr, inlines(content), url: url, title: title))
        case .image(let attr, let content, let source, let title): return transform(.image(attr, inlines(content), source: source, title: title))
        case .note(let content): return transform(.note(content.map { $0.mapInlines(transform) }))
        case .span(let attr, let content): return transform(.span(attr, inlines(content)))
        }
    }
}

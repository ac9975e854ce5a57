import FolioMarkdown
import Foundation

/// One version of a chapter (the file now, or at a commit), read into what the redline compares: the
/// front matter's title and stage, and the body's blocks in document order, each from the Markdown
/// document model (sections, paragraphs, list items, table rows, code and `kpi` blocks).
public struct ChapterVersion: Sendable {
    public var title: String?
    public var stage: String?
    public var summary: String?
    public var blocks: [DiffBlock]

    /// nil when the text cannot be read as a chapter (not UTF-8, front matter not closed).
    public init?(text: String, path: String) {
        guard case .success(let decoded) = SourceText.decode(Data(text.utf8)),
              case .success(let split) = FrontMatter.split(decoded) else { return nil }
        let quiet = DiagnosticCollector()
        if let yaml = split.yaml, let fields = YAMLMapping.parse(yaml, file: path, lineOffset: FrontMatter.yamlLineOffset,
                                                                 what: "front matter", diagnostics: quiet) {
            title = fields.decode("title", as: String.self)
            stage = fields.decode("stage", as: String.self)
            summary = fields.decode("summary", as: String.self)
        }
        let (encoded, _) = CriticMarkup.encode(split.body)
        let parsed = MarkdownParser.parse(encoded)
        let document = CriticMarkup.mayHoldDelimiters(encoded) ? CriticMarkup.restoreCode(in: parsed) : parsed
        var reader = BlockReader(document: document, lineOffset: split.bodyLineOffset, path: path)
        reader.read(Array(document.blocks), depth: 0)
        blocks = reader.blocks
    }
}

/// One block of a chapter version, as the redline aligns it.
public struct DiffBlock: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case heading, paragraph, listItem = "list-item", tableRow = "table-row", code, kpi, footnote, html
    }
    public var kind: Kind
    /// A heading's level; a list item's nesting depth.
    public var level: Int
    /// The block's text as its authors wrote it (reviewers' pending edits and comments left out, see
    /// `CriticMarkup.original`), line breaks as spaces.
    public var text: String
    /// Its words and punctuation, as the redline compares them.
    var tokens: RedlineTokens
    public var words: [String] { tokens.texts }
    /// The line in the file.
    public var line: Int
    /// The heading of the section the block is in ("" before the first).
    public var section: String
    /// A `kpi` block's figures: "city year" → value as written.
    public var values: [KPIValueKey: String]
    /// A `kpi` block's indicator.
    public var kpiCode: String?
    /// A table's first row (its column names), for a row's cells.
    public var isHeaderRow: Bool

    /// What makes two blocks the same block, unchanged.
    var key: String { "\(kind.rawValue)|\(level)|\(text)" }
}

/// A KPI figure's city and year.
public struct KPIValueKey: Sendable, Hashable, Comparable {
    public var city: String
    public var year: Int

    public static func < (lhs: KPIValueKey, rhs: KPIValueKey) -> Bool {
        (lhs.city, lhs.year) < (rhs.city, rhs.year)
    }
}

/// Walks a document's blocks, depth first, into `DiffBlock`s.
private struct BlockReader {
    let document: MarkdownDocument
    let lineOffset: Int
    let path: String
    var blocks: [DiffBlock] = []
    var section = ""

    init(document: MarkdownDocument, lineOffset: Int, path: String) {
        self.document = document
        self.lineOffset = lineOffset
        self.path = path
    }

    mutating func read(_ indices: [MarkdownDocument.Index], depth: Int, footnote: Bool = false) {
        for index in indices {
            let node = document[index]
            let line = node.start.line + lineOffset
            switch node.kind {
            case .heading:
                let text = plain(index)
                add(.heading, level: node.level, text: text, line: line)
                section = text
            case .paragraph:
                add(footnote ? .footnote : .paragraph, level: 0, text: plain(index), line: line)
            case .list:
                for item in document.children(of: index) {
                    let children = Array(document.children(of: item))
                    let own = children.filter { document[$0].kind != .list }
                    let text = own.map(plain).joined(separator: " ")
                    add(.listItem, level: depth, text: text, line: document[item].start.line + lineOffset)
                    read(children.filter { document[$0].kind == .list }, depth: depth + 1, footnote: footnote)
                }
            case .blockQuote, .item:
                read(Array(document.children(of: index)), depth: depth, footnote: footnote)
            case .footnoteDefinition:
                read(Array(document.children(of: index)), depth: depth, footnote: true)
            case .table:
                for row in document.children(of: index) where document[row].kind == .tableRow {
                    let cells = document.children(of: row).map(plain)
                    var block = make(.tableRow, level: 0, text: cells.joined(separator: " | "), line: document[row].start.line + lineOffset)
                    block.isHeaderRow = document[row].isHeaderRow
                    blocks.append(block)
                }
            case .codeBlock:
                let info = document.detail(of: index)
                let text = document.text(of: index)
                if info.split(separator: " ").first == "kpi" {
                    var block = make(.kpi, level: 0, text: text, line: line)
                    let parser = KPIBlockParser(catalogue: nil, diagnostics: DiagnosticCollector())
                    if let kpi = parser.parse(text, file: path, fenceLine: line, node: index) {
                        block.kpiCode = kpi.code
                        for point in kpi.data {
                            block.values[KPIValueKey(city: point.city, year: point.year)] =
                                String(format: "%.\(point.fractionDigits)f", point.value)
                        }
                    }
                    blocks.append(block)
                } else {
                    add(.code, level: 0, text: text, line: line)
                }
            case .htmlBlock:
                add(.html, level: 0, text: document.text(of: index), line: line)
            default:
                continue
            }
        }
    }

    private func plain(_ index: MarkdownDocument.Index) -> String {
        CriticMarkup.original(document.plainText(of: index)).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func make(_ kind: DiffBlock.Kind, level: Int, text: String, line: Int) -> DiffBlock {
        DiffBlock(kind: kind, level: level, text: text, tokens: RedlineTokens(text), line: line, section: section,
                  values: [:], kpiCode: nil, isHeaderRow: false)
    }

    private mutating func add(_ kind: DiffBlock.Kind, level: Int, text: String, line: Int) {
        guard !text.isEmpty else { return }
        blocks.append(make(kind, level: level, text: text, line: line))
    }
}

import FolioMarkdown
import Foundation

/// One version of a chapter (the file now, or at a commit), read into what the redline compares: the
/// front matter's title and stage, and the body's blocks in document order (sections, paragraphs, list
/// items, table rows, code and `kpi` blocks), walked from the version's document model. Each version
/// is annotated once (`AnnotatedVersion`); its cross-references and citations read as `resolution` says.
public struct ChapterVersion: Sendable {
    public var title: String?
    public var stage: String?
    public var summary: String?
    public var blocks: [DiffBlock]

    /// A chapter's text on its own, references and citations as written; nil when the text cannot be
    /// read as a chapter (not UTF-8, front matter not closed or not YAML).
    public init?(text: String, path: String) {
        guard let version = AnnotatedVersion(text: text, path: path, language: "", number: 0,
                                             resolver: LinkResolver(standalone: []), catalogue: nil) else { return nil }
        self.init(version, resolution: .asWritten)
    }

    init(_ version: AnnotatedVersion, resolution: RedlineResolution) {
        title = version.title
        stage = version.stage
        summary = version.summary
        var reader = BlockReader(model: version.model, lineOffset: version.bodyLineOffset, path: version.path, resolution: resolution)
        reader.read(Array(version.model.document.blocks), depth: 0)
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
    var key: String {
        let targets = tokens.links.compactMap { $0?.href }
        return "\(kind.rawValue)|\(level)|\(text)" + (targets.isEmpty ? "" : "|" + targets.joined(separator: " "))
    }
}

/// A KPI figure's city and year.
public struct KPIValueKey: Sendable, Hashable, Comparable {
    public var city: String
    public var year: Int

    public static func < (lhs: KPIValueKey, rhs: KPIValueKey) -> Bool {
        (lhs.city, lhs.year) < (rhs.city, rhs.year)
    }
}

/// Walks a version's model, depth first, into `DiffBlock`s: each block's text as its authors wrote it
/// (reviewers' pending insertions, the new side of substitutions and comments left out, as
/// `CriticMarkup.original` reads them), cross-references and citations as `resolution` reads them.
private struct BlockReader {
    let model: ChapterModel
    let document: MarkdownDocument
    let lineOffset: Int
    let path: String
    let resolution: RedlineResolution
    var blocks: [DiffBlock] = []
    var section = ""
    /// Inside a reviewer's insertion, comment or a substitution's new text.
    private var skipping = false

    init(model: ChapterModel, lineOffset: Int, path: String, resolution: RedlineResolution) {
        self.model = model
        document = model.document
        self.lineOffset = lineOffset
        self.path = path
        self.resolution = resolution
    }

    mutating func read(_ indices: [MarkdownDocument.Index], depth: Int, footnote: Bool = false) {
        for index in indices {
            let node = document[index]
            let line = node.start.line + lineOffset
            switch node.kind {
            case .heading:
                let (text, tokens) = resolved([index])
                add(.heading, level: node.level, text: text, tokens: tokens, line: line)
                section = text
            case .paragraph:
                let (text, tokens) = resolved([index])
                add(footnote ? .footnote : .paragraph, level: 0, text: text, tokens: tokens, line: line)
            case .list:
                for item in document.children(of: index) {
                    let children = Array(document.children(of: item))
                    let (text, tokens) = resolved(children.filter { document[$0].kind != .list })
                    add(.listItem, level: depth, text: text, tokens: tokens, line: document[item].start.line + lineOffset)
                    read(children.filter { document[$0].kind == .list }, depth: depth + 1, footnote: footnote)
                }
            case .blockQuote, .item:
                read(Array(document.children(of: index)), depth: depth, footnote: footnote)
            case .footnoteDefinition:
                read(Array(document.children(of: index)), depth: depth, footnote: true)
            case .table:
                for row in document.children(of: index) where document[row].kind == .tableRow {
                    let (text, tokens) = resolved(Array(document.children(of: row)), separator: " | ")
                    var block = make(.tableRow, level: 0, text: text, tokens: tokens, line: document[row].start.line + lineOffset)
                    block.isHeaderRow = document[row].isHeaderRow
                    blocks.append(block)
                }
            case .codeBlock:
                let info = document.detail(of: index)
                let text = document.text(of: index)
                if info.split(separator: " ").first == "kpi" {
                    var block = make(.kpi, level: 0, text: text, tokens: RedlineTokens(text), line: line)
                    // The block as the checks read it; one they refused, read leniently for its figures.
                    let kpi = model.kpiBlocks.first { $0.node == index }
                        ?? KPIBlockParser(catalogue: nil, diagnostics: DiagnosticCollector()).parse(text, file: path, fenceLine: line, node: index)
                    if let kpi {
                        block.kpiCode = kpi.code
                        for point in kpi.data {
                            block.values[KPIValueKey(city: point.city, year: point.year)] =
                                String(format: "%.\(point.fractionDigits)f", point.value)
                        }
                    }
                    blocks.append(block)
                } else {
                    add(.code, level: 0, text: text, tokens: RedlineTokens(text), line: line)
                }
            case .htmlBlock:
                let text = document.text(of: index)
                add(.html, level: 0, text: text, tokens: RedlineTokens(text), line: line)
            default:
                continue
            }
        }
    }

    // MARK: - A block's text

    /// The text of `indices` (and everything inside them) as the redline compares it, trimmed, and its
    /// tokens; `separator` between them (a table row's cells), else a space.
    private mutating func resolved(_ indices: [MarkdownDocument.Index], separator: String = " ") -> (String, RedlineTokens) {
        skipping = false
        var builder = Builder()
        for (position, index) in indices.enumerated() {
            if position > 0 { builder.add(separator) }
            walk(index, into: &builder)
        }
        return builder.finish()
    }

    private mutating func walk(_ index: MarkdownDocument.Index, into builder: inout Builder) {
        switch document[index].kind {
        case .text:
            if let segments = model.segments[index] {
                for segment in segments { take(segment, into: &builder) }
            } else {
                addWritten(document.text(of: index), into: &builder)
            }
        case .code:
            addWritten(document.text(of: index), into: &builder)
        case .softBreak, .lineBreak:
            if !skipping { builder.add(" ") }
        case .footnoteReference, .htmlInline:
            break
        default:
            for child in document.children(of: index) { walk(child, into: &builder) }
        }
    }

    private mutating func take(_ segment: InlineSegment, into builder: inout Builder) {
        switch segment {
        case .text(let text): addWritten(text, into: &builder)
        case .attribution: break
        case .reference(let reference): if !skipping { builder.add(resolution.reference(reference)) }
        case .citation(let citation): if !skipping { builder.add(resolution.citation(citation)) }
        // As written: a first use's expansion depends on the rest of the chapter, and would show as an edit.
        case .acronym(let use): if !skipping { builder.add(use.short) }
        case .mark(let delimiter): mark(delimiter)
        }
    }

    private mutating func mark(_ delimiter: CriticMarkup.Delimiter) {
        switch delimiter {
        case .insertOpen, .commentOpen, .substituteSeparator: skipping = true
        case .insertClose, .commentClose, .substituteClose: skipping = false
        default: break
        }
    }

    /// Text as written; a delimiter in it (a node the annotator left whole) opens or closes a mark.
    private mutating func addWritten(_ text: String, into builder: inout Builder) {
        guard CriticMarkup.containsDelimiter(text) else {
            if !skipping { builder.add(text) }
            return
        }
        var run = ""
        for scalar in text.unicodeScalars {
            if let delimiter = CriticMarkup.Delimiter(scalar) {
                if !skipping { builder.add(run) }
                run = ""
                mark(delimiter)
            } else {
                run.unicodeScalars.append(scalar)
            }
        }
        if !skipping { builder.add(run) }
    }

    /// A block's text and tokens as they are put together: plain text is cut into words when a reference
    /// or a citation (one token each) or the end comes, so that a word split over two nodes stays one.
    private struct Builder {
        var text = ""
        var tokens = RedlineTokens()
        var pending = ""

        mutating func add(_ plain: String) {
            text += plain
            pending += plain
        }

        mutating func add(_ reading: RedlineResolution.Reading) {
            tokens.append(pending)
            pending = ""
            text += reading.text
            tokens.appendAtom(reading.text, link: reading.link)
        }

        mutating func finish() -> (String, RedlineTokens) {
            tokens.append(pending)
            if tokens.spaces.last == " " { tokens.spaces[tokens.spaces.count - 1] = "" }
            return (text.trimmingCharacters(in: .whitespacesAndNewlines), tokens)
        }
    }

    private func make(_ kind: DiffBlock.Kind, level: Int, text: String, tokens: RedlineTokens, line: Int) -> DiffBlock {
        DiffBlock(kind: kind, level: level, text: text, tokens: tokens, line: line, section: section,
                  values: [:], kpiCode: nil, isHeaderRow: false)
    }

    private mutating func add(_ kind: DiffBlock.Kind, level: Int, text: String, tokens: RedlineTokens, line: Int) {
        guard !text.isEmpty else { return }
        blocks.append(make(kind, level: level, text: text, tokens: tokens, line: line))
    }
}

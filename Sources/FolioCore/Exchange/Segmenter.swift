import FolioMarkdown

/// Splits a chapter into translation units from its document model: headings, paragraphs, list items,
/// table cells, captions, box titles, footnotes, figures' alternative text, caption and credit, and the
/// front matter's title and summary. KPI blocks, code, HTML blocks, labels and cross-references are
/// locked: they are never offered, and the import copies them from the source. A unit with nothing to
/// translate (numbers, punctuation) is not offered either.
///
/// Ids are the section's id and the unit's place in it (`measuring-progress/p2`, `…/t1.r3.c2`,
/// `…/box1.title`, `…/fn2.p1`): stable while the section keeps its shape, and the same for a
/// translation that follows its source's structure.
struct Segmenter {
    private let document: MarkdownDocument
    private let model: ChapterModel
    private let body: BodyBytes
    private let sections: [SectionFingerprint]
    private let lineOffset: Int
    private(set) var units: [TranslationUnit] = []
    /// File lines of units that could not be mapped to their bytes exactly (not offered).
    private(set) var unmappable: [Int] = []
    private var ordinals: [String: Int] = [:]
    private var tableOrdinals: [MarkdownDocument.Index: Int] = [:]
    private var captionTables: [MarkdownDocument.Index: MarkdownDocument.Index] = [:]

    /// `document`: the chapter parsed with ends kept (`MarkdownParser.parse(_:keepingEnds:)`), node for
    /// node the model's; `sections`: the chapter's sections (their lines are file lines).
    init(document: MarkdownDocument, model: ChapterModel, body: BodyBytes, sections: [SectionFingerprint], lineOffset: Int) {
        self.document = document
        self.model = model
        self.body = body
        self.sections = sections
        self.lineOffset = lineOffset
    }

    static func units(document: MarkdownDocument, model: ChapterModel, body: BodyBytes, sections: [SectionFingerprint],
                      lineOffset: Int, frontMatter: [(key: String, value: String, line: Int)]) -> Segmenter {
        var segmenter = Segmenter(document: document, model: model, body: body, sections: sections, lineOffset: lineOffset)
        for field in frontMatter where !field.value.isEmpty {
            segmenter.units.append(TranslationUnit(
                id: "_meta/\(field.key)", role: field.key, sectionID: "_meta", sectionHeading: "", line: field.line,
                text: UnitText([.text(field.value)]), placeholders: [], context: .frontMatter, range: nil))
        }
        segmenter.numberTables()
        segmenter.blocks(Array(document.blocks), scope: "")
        return segmenter
    }

    // MARK: - Blocks

    private mutating func numberTables() {
        for (index, role) in model.roles {
            if case .table(let table) = role { captionTables[table.caption] = index }
        }
        for index in document.nodes.indices where document[index].kind == .table {
            let section = section(at: index).id
            tableOrdinals[index] = next("\(section)|table")
        }
    }

    private mutating func blocks(_ list: [MarkdownDocument.Index], scope: String, inItem: Bool = false) {
        for block in list {
            let node = document[block]
            switch node.kind {
            case .heading:
                add(Array(document.children(of: block)), of: block, role: "heading", key: "\(scope)h")
            case .paragraph:
                paragraph(block, scope: scope, inItem: inItem)
            case .blockQuote:
                if case .box(let box)? = model.roles[block] {
                    let number = next("\(section(at: block).id)|\(scope)box")
                    let boxScope = "\(scope)box\(number)."
                    if let first = document.children(of: block).first {
                        add(box.title, of: first, role: "box title", id: "\(boxScope)title")
                        if !box.leadingInlines.isEmpty {
                            add(box.leadingInlines, of: first, role: "paragraph", key: "\(boxScope)p")
                        }
                    }
                    blocks(box.blocks, scope: boxScope)
                } else {
                    blocks(Array(document.children(of: block)), scope: scope)
                }
            case .list:
                for item in document.children(of: block) { blocks(Array(document.children(of: item)), scope: scope, inItem: true) }
            case .table:
                table(block, scope: scope)
            case .footnoteDefinition:
                blocks(Array(document.children(of: block)), scope: "\(scope)fn\(document.text(of: block)).")
            case .codeBlock where document.detail(of: block).split(separator: " ").first == "kpi":
                kpiTitle(block, scope: scope)
            default:
                break  // code, KPI data, HTML blocks and rules are locked
            }
        }
    }

    private mutating func paragraph(_ block: MarkdownDocument.Index, scope: String, inItem: Bool) {
        let inlines = Array(document.children(of: block))
        switch model.roles[block] {
        case .caption?:
            let table = captionTables[block].flatMap { tableOrdinals[$0] } ?? 0
            add(inlines, of: block, role: "table caption", id: "\(scope)t\(table).caption")
        case .imageFigure(let figure)?:
            let number = next("\(section(at: block).id)|\(scope)fig")
            let figureScope = "\(scope)fig\(number)."
            add(Array(document.children(of: figure.image)), of: figure.image, role: "figure alternative text", id: "\(figureScope)alt",
                startAfter: 2)
            imageTitle(figure.image, role: "figure caption", id: "\(figureScope)caption")
            if !figure.credit.isEmpty { add(figure.credit, of: block, role: "figure credit", id: "\(figureScope)credit") }
        default:
            add(inlines, of: block, role: inItem ? "list item" : scope.contains("fn") ? "footnote" : "paragraph",
                key: "\(scope)\(inItem ? "li" : "p")")
        }
    }

    private mutating func table(_ table: MarkdownDocument.Index, scope: String) {
        let number = tableOrdinals[table] ?? 0
        for (row, rowIndex) in document.children(of: table).enumerated() {
            for (column, cell) in document.children(of: rowIndex).enumerated() {
                add(Array(document.children(of: cell)), of: cell, role: document[rowIndex].isHeaderRow ? "table header" : "table cell",
                    id: "\(scope)t\(number).r\(row + 1).c\(column + 1)", context: .tableCell)
            }
        }
    }

    /// A figure's caption: the image's title, between its quotes.
    private mutating func imageTitle(_ image: MarkdownDocument.Index, role: String, id: String) {
        let title = document.detail(of: image)
        guard !title.isEmpty, let end = document.end(of: image), let last = body.offset(end), last < body.bytes.count else { return }
        let bytes = body.bytes
        guard bytes[last] == UInt8(ascii: ")") else { return unmapped(image) }
        var close = last - 1
        while close > 0, BodyBytes.isSpace(bytes[close]) || bytes[close] == 0x0A { close -= 1 }
        let quote = bytes[close]
        guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return unmapped(image) }
        var open = close - 1
        while open > 0, !(bytes[open] == quote && bytes[open - 1] != UInt8(ascii: "\\")) { open -= 1 }
        guard open > 0, let map = body.align(Array(title.utf8), from: open + 1, limit: close), map.last == close else {
            return unmapped(image)
        }
        let section = section(at: image)
        emit(TranslationUnit(id: "\(section.id)/\(id)", role: role, sectionID: section.id, sectionHeading: section.heading,
                             line: body.line(of: open) + lineOffset, text: UnitText([.text(title)]), placeholders: [],
                             context: .title(quote: quote), range: (open + 1)..<close))
    }

    /// A KPI block's `title:` (the figure's caption): the one translatable line of a block that is
    /// otherwise copied as it is. Found by reading the block as YAML, then its value's bytes on that line.
    private mutating func kpiTitle(_ block: MarkdownDocument.Index, scope: String) {
        let content = document.text(of: block)
        guard let yaml = YAMLMapping.parse(content, file: "", lineOffset: 0, what: "kpi block", diagnostics: DiagnosticCollector()),
              let title = yaml.decode("title", as: String.self), !title.isEmpty else { return }
        let line = document[block].start.line + yaml.location(ofKey: "title").line
        guard let lineStart = body.offset(SourcePoint(line: line, column: 1)) else { return unmapped(block) }
        var lineEnd = lineStart
        while lineEnd < body.bytes.count, body.bytes[lineEnd] != 0x0A { lineEnd += 1 }
        let text = body.string(lineStart..<lineEnd)
        guard let colon = text.range(of: "title:") else { return unmapped(block) }
        var valueStart = lineStart + text[..<colon.upperBound].utf8.count
        while valueStart < lineEnd, BodyBytes.isSpace(body.bytes[valueStart]) { valueStart += 1 }
        // The value runs to the line's end, or to a comment; it must read back as the title.
        var candidates = [lineEnd]
        for offset in valueStart..<lineEnd where body.bytes[offset] == UInt8(ascii: "#") && offset > valueStart && BodyBytes.isSpace(body.bytes[offset - 1]) {
            candidates.append(offset)
        }
        for end in candidates.sorted() {
            var trimmed = end
            while trimmed > valueStart, BodyBytes.isSpace(body.bytes[trimmed - 1]) { trimmed -= 1 }
            let written = body.string(valueStart..<trimmed)
            guard let back = YAMLMapping.parse("v: \(written)", file: "", lineOffset: 0, what: "", diagnostics: DiagnosticCollector())?
                .decode("v", as: String.self), back == title else { continue }
            let number = next("\(section(at: block).id)|\(scope)kpi")
            let section = section(at: block)
            emit(TranslationUnit(id: "\(section.id)/\(scope)kpi\(number).title", role: "KPI figure title", sectionID: section.id,
                                 sectionHeading: section.heading, line: line + lineOffset, text: UnitText([.text(title)]),
                                 placeholders: [], context: .frontMatter, range: valueStart..<trimmed))
            return
        }
        unmapped(block)
    }

    // MARK: - Units

    private mutating func add(_ inlines: [MarkdownDocument.Index], of block: MarkdownDocument.Index, role: String, key: String) {
        let number = next("\(section(at: block).id)|\(key)")
        add(inlines, of: block, role: role, id: "\(key)\(number)")
    }

    private mutating func add(_ inlines: [MarkdownDocument.Index], of block: MarkdownDocument.Index, role: String, id: String,
                              context: UnitContext = .inline, startAfter skip: Int = 0) {
        guard !inlines.isEmpty, let first = body.offset(document[block].start), let endPoint = document.end(of: block),
              let last = body.offset(endPoint) else { return }
        let limit = min(body.bytes.count, last + 1)
        let section = section(at: block)
        do {
            let mapped = try InlineMapper.map(inlines, document: document, model: model, body: body, from: first + skip, limit: limit)
            guard let start = mapped.start, let end = mapped.end, mapped.text.hasLetters else { return }
            emit(TranslationUnit(id: "\(section.id)/\(id)", role: role, sectionID: section.id, sectionHeading: section.heading,
                                 line: body.line(of: start) + lineOffset, text: mapped.text, placeholders: mapped.placeholders,
                                 context: context, range: start..<end))
        } catch {
            unmapped(block)
        }
    }

    private mutating func emit(_ unit: TranslationUnit) {
        units.append(unit)
    }

    private mutating func unmapped(_ block: MarkdownDocument.Index) {
        unmappable.append(document[block].start.line + lineOffset)
    }

    private mutating func next(_ key: String) -> Int {
        let value = (ordinals[key] ?? 0) + 1
        ordinals[key] = value
        return value
    }

    /// The section a node's line falls in.
    private func section(at index: MarkdownDocument.Index) -> SectionFingerprint {
        let line = document[index].start.line + lineOffset
        return sections.last { $0.line <= line } ?? sections.first
            ?? SectionFingerprint(id: SectionFingerprint.introID, heading: "", hash: "", words: 0, line: 1, text: "")
    }
}

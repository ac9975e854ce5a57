import FolioMarkdown

/// Turns one parsed chapter into its `ChapterModel`, once: heading ids and section numbers; KPI
/// figures, image figures, captioned tables and boxes numbered in document order; labels; links
/// resolved; text split where it holds edits or cross-references. What is wrong in the chapter's
/// own syntax (a label of the wrong kind, a figure without alternative text) is reported here;
/// what needs the whole publication (unknown or duplicate labels) by `CrossReferenceChecker`.
struct ChapterAnnotator {
    /// The Markdown file annotated: a chapter, or a language's landing text.
    struct Source {
        var document: MarkdownDocument
        var path: String
        var language: String
        /// The chapter's number, which its elements' numbers start with (0 for a landing text).
        var number: Int
        var bodyLineOffset: Int

        init(_ chapter: Chapter) {
            self.init(document: chapter.document, path: chapter.path, language: chapter.language, number: chapter.number,
                      bodyLineOffset: chapter.bodyLineOffset)
        }

        init(document: MarkdownDocument, path: String, language: String, number: Int, bodyLineOffset: Int) {
            self.document = document
            self.path = path
            self.language = language
            self.number = number
            self.bodyLineOffset = bodyLineOffset
        }

        func location(of point: SourcePoint) -> SourceLocation {
            SourceLocation(file: path, line: point.line + bodyLineOffset, column: point.column)
        }
    }

    private let chapter: Source
    private let resolver: LinkResolver
    private let mediaSizes: [String: MediaDimensions.Size]
    private let catalogue: KPICatalogue?
    private let diagnostics: DiagnosticCollector
    private var model: ChapterModel
    private let document: MarkdownDocument
    private var ids = HeadingIDs()
    /// Running counts: sections (level 2, level 3), figures, tables, boxes.
    private var sections = (0, 0)
    private var figures = 0
    private var tables = 0
    private var boxes = 0
    /// Text to show instead of a node's (its caption or label syntax removed), with how many bytes
    /// were removed from its start (for the positions of what it holds).
    private var shownText: [MarkdownDocument.Index: (text: String, shift: Int)] = [:]

    /// The marker that opens a box, after GitHub's alerts (`> [!NOTE]`).
    static let boxMarker = "[!BOX]"
    /// What starts a table's caption paragraph, as in pandoc (`Table: …` or `: …`).
    static let captionPrefixes = ["Table:", ":"]

    init(chapter: Source, kpiBlocks: [KPIBlock], resolver: LinkResolver, mediaSizes: [String: MediaDimensions.Size],
         catalogue: KPICatalogue?, diagnostics: DiagnosticCollector) {
        self.chapter = chapter
        self.catalogue = catalogue
        self.resolver = resolver
        self.mediaSizes = mediaSizes
        self.diagnostics = diagnostics
        model = ChapterModel(document: chapter.document)
        document = chapter.document
        model.kpiBlocks = kpiBlocks
    }

    static func annotate(_ chapter: Source, kpiBlocks: [KPIBlock], resolver: LinkResolver, mediaSizes: [String: MediaDimensions.Size],
                         catalogue: KPICatalogue?, diagnostics: DiagnosticCollector) -> ChapterModel {
        var annotator = ChapterAnnotator(chapter: chapter, kpiBlocks: kpiBlocks, resolver: resolver, mediaSizes: mediaSizes,
                                         catalogue: catalogue, diagnostics: diagnostics)
        annotator.annotateBlocks(of: MarkdownDocument.root, topLevel: true)
        annotator.annotateInlines()
        return annotator.model
    }

    private func location(_ index: MarkdownDocument.Index) -> SourceLocation { chapter.location(of: document[index].start) }

    // MARK: - Blocks

    /// The blocks of `parent` from `first` (all of them, or a box's after its title) in order; walked
    /// sibling to sibling, as a table's caption may be the block before or after it.
    private mutating func annotateBlocks(of parent: MarkdownDocument.Index, from first: MarkdownDocument.Index? = nil, topLevel: Bool) {
        let end = document.skippingChildren(of: parent)
        let start = first ?? parent + 1
        var previous: MarkdownDocument.Index?
        for block in document.children(of: parent) where block >= start {
            let node = document[block]
            let next = block + node.subtreeSize
            defer { previous = block }
            switch node.kind {
            case .heading:
                annotateHeading(block, topLevel: topLevel)
            case .table:
                annotateTable(block, captionCandidates: [next < end ? next : nil, previous].compactMap { $0 })
            case .codeBlock:
                if let blockIndex = model.kpiBlocks.firstIndex(where: { $0.node == block }) {
                    figures += 1
                    let kpi = model.kpiBlocks[blockIndex]
                    let label = kpi.label.flatMap { checkLabel($0, kind: .figure, at: kpi.labelLocation ?? kpi.location) }
                    let title = kpi.title ?? catalogue?.kpi(kpi.code)?.names.text(in: chapter.language) ?? kpi.code
                    let element = number(.figure, figures, label: label, title: title, at: kpi.location)
                    model.roles[block] = .kpiFigure(element, blockIndex: blockIndex)
                }
            case .paragraph:
                if model.roles[block] == nil, let figure = imageFigure(block) { model.roles[block] = .imageFigure(figure) }
            case .blockQuote:
                if let box = box(block) {
                    model.roles[block] = .box(box)
                    if let first = box.blocks.first { annotateBlocks(of: block, from: first, topLevel: false) }
                } else {
                    annotateBlocks(of: block, topLevel: false)
                }
            case .list, .item, .footnoteDefinition:
                annotateBlocks(of: block, topLevel: false)
            default:
                break
            }
        }
        // A `Table:` paragraph that no table took is most likely a caption that lost its table.
        for block in document.children(of: parent) where block >= start && document[block].kind == .paragraph && model.roles[block] == nil {
            if let first = document.children(of: block).first, document[first].kind == .text,
               document.withText(of: first, { $0.starts(with: "Table:".utf8) }) {
                diagnostics.warning("this paragraph starts like a table caption ('Table: …') but no table is right before or after it: "
                                    + "leave one empty line between the caption and its table", at: location(block))
            }
        }
    }

    private mutating func annotateHeading(_ index: MarkdownDocument.Index, topLevel: Bool) {
        let node = document[index]
        var label: String?
        if let last = lastText(in: index), endsWithBrace(last), let (found, rest) = InlineSyntax.trailingLabel(in: document.text(of: last)) {
            label = checkLabel(found, kind: .section, at: location(index))
            shownText[last] = (rest, 0)
        }
        let text = HeadingIDs.text(ofHeading: index, in: document)
        let id = ids.id(for: text)
        var number: [Int]?
        // Front matter (foreword, executive summary) has no section numbers, as in print.
        if topLevel, BookPart.of(number: chapter.number) != .front {
            switch node.level {
            case 2:
                sections = (sections.0 + 1, 0)
                number = [chapter.number, sections.0]
            case 3:
                sections.1 += 1
                number = [chapter.number, sections.0, sections.1]
            default: break
            }
        }
        model.headingOrder.append(index)
        model.headings[index] = HeadingElement(level: node.level, text: text, id: id, number: number, label: label,
                                               line: node.start.line, ordinal: model.headingOrder.count)
        if let label {
            define(NumberedElement(kind: .section, label: label, number: number ?? [chapter.number], anchor: id, title: text,
                                   location: location(index)))
        }
    }

    private mutating func annotateTable(_ table: MarkdownDocument.Index, captionCandidates: [MarkdownDocument.Index]) {
        for candidate in captionCandidates where model.roles[candidate] == nil && document[candidate].kind == .paragraph {
            guard let first = document.children(of: candidate).first, document[first].kind == .text else { continue }
            let text = shownText[first]?.text ?? document.text(of: first)
            guard let prefix = Self.captionPrefixes.first(where: { text.hasPrefix($0) }) else { continue }
            var rest = String(text.dropFirst(prefix.count))
            var shift = prefix.utf8.count
            while rest.hasPrefix(" ") {
                rest.removeFirst()
                shift += 1
            }
            shownText[first] = (rest, shift)
            var label: String?
            if let last = lastText(in: candidate) {
                let lastText = shownText[last]?.text ?? document.text(of: last)
                if let (found, remaining) = InlineSyntax.trailingLabel(in: lastText) {
                    label = checkLabel(found, kind: .table, at: location(candidate))
                    shownText[last] = (remaining, shownText[last]?.shift ?? 0)
                }
            }
            tables += 1
            let title = captionTitle(candidate)
            let element = number(.table, tables, label: label, title: title, at: location(candidate))
            model.roles[table] = .table(CaptionedTable(element: element, caption: candidate))
            model.roles[candidate] = .caption
            return
        }
    }

    /// A paragraph of one image of `Content/media/`, optionally followed by its label, then (after a
    /// line break) a credit line.
    private mutating func imageFigure(_ paragraph: MarkdownDocument.Index) -> ImageFigure? {
        // Nearly every paragraph starts with text: it is no figure, and needs no more looking at.
        guard let first = document.children(of: paragraph).first(where: { document[$0].kind != .text || !isBlankText($0) }),
              document[first].kind == .image else { return nil }
        let inlines = Array(document.children(of: paragraph))
        let lineEnd = inlines.firstIndex { document[$0].kind == .softBreak || document[$0].kind == .lineBreak } ?? inlines.count
        let firstLine = inlines[..<lineEnd].filter { document[$0].kind != .text || !isBlank(document.text(of: $0)) }
        guard let image = firstLine.first, document[image].kind == .image, firstLine.count <= 2 else { return nil }
        let source = document.text(of: image)
        guard case .media(let file) = resolver.resolve(source, from: chapter.language, isImage: true),
              MediaDimensions.isFigureImage(file) else { return nil }
        var label: String?
        if firstLine.count == 2 {
            let after = firstLine[1]
            guard document[after].kind == .text, let (found, rest) = InlineSyntax.trailingLabel(in: document.text(of: after)),
                  isBlank(rest) else { return nil }
            label = checkLabel(found, kind: .figure, at: location(after))
            shownText[after] = ("", 0)
        }
        let alt = CriticMarkup.accepted(document.plainText(of: image)).trimmingCharacters(in: .whitespacesAndNewlines)
        if alt.isEmpty {
            diagnostics.error("figure '\(source)' has no alternative text: write ![what the figure shows](\(source) \"caption\")",
                              at: location(image))
        }
        figures += 1
        let caption = document.detail(of: image)
        let element = number(.figure, figures, label: label, title: caption.isEmpty ? alt : caption, at: location(image))
        let size = mediaSizes[file]
        return ImageFigure(element: element, image: image, file: file, alt: alt, caption: caption,
                           credit: lineEnd < inlines.count ? Array(inlines[(lineEnd + 1)...]) : [],
                           width: size?.width, height: size?.height)
    }

    /// A block quote whose first line is `[!BOX] Title {#box-label}`.
    private mutating func box(_ quote: MarkdownDocument.Index) -> BoxElement? {
        guard let first = document.children(of: quote).first, document[first].kind == .paragraph,
              let opening = document.children(of: first).first, document[opening].kind == .text else { return nil }
        let text = document.text(of: opening)
        guard text.hasPrefix(Self.boxMarker) else { return nil }
        var title = String(text.dropFirst(Self.boxMarker.count))
        var shift = Self.boxMarker.utf8.count
        while title.hasPrefix(" ") {
            title.removeFirst()
            shift += 1
        }
        shownText[opening] = (title, shift)
        let inlines = Array(document.children(of: first))
        let lineEnd = inlines.firstIndex { document[$0].kind == .softBreak || document[$0].kind == .lineBreak } ?? inlines.count
        let titleInlines = Array(inlines[..<lineEnd])
        var label: String?
        if let last = titleInlines.last(where: { document[$0].kind == .text }) {
            let shown = shownText[last]?.text ?? document.text(of: last)
            if let (found, rest) = InlineSyntax.trailingLabel(in: shown) {
                label = checkLabel(found, kind: .box, at: location(quote))
                shownText[last] = (rest, shownText[last]?.shift ?? 0)
            }
        }
        let plainTitle = titleInlines.map { index -> String in
            document[index].kind == .text ? (shownText[index]?.text ?? document.text(of: index)) : document.plainText(of: index)
        }.joined()
        let titleText = CriticMarkup.accepted(plainTitle).trimmingCharacters(in: .whitespaces)
        if titleText.isEmpty {
            diagnostics.error("a box needs a title on its first line: > \(Self.boxMarker) What the box is about", at: location(quote))
        }
        boxes += 1
        let element = number(.box, boxes, label: label, title: titleText, at: location(quote))
        return BoxElement(element: element, title: titleInlines,
                          leadingInlines: lineEnd < inlines.count ? Array(inlines[(lineEnd + 1)...]) : [],
                          blocks: Array(document.children(of: quote).dropFirst()))
    }

    // MARK: - Labels and numbers

    private mutating func number(_ kind: ElementKind, _ count: Int, label: String?, title: String, at location: SourceLocation) -> NumberedElement {
        let anchor = label ?? "\(kind.prefix)-\(chapter.number).\(count)"
        let element = NumberedElement(kind: kind, label: label, number: [chapter.number, count], anchor: anchor, title: title,
                                      location: location)
        model.elements.append(element)
        if label != nil { define(element) }
        return element
    }

    private mutating func define(_ element: NumberedElement) {
        guard let label = element.label else { return }
        if let other = model.labels[label] {
            diagnostics.error("the label '\(label)' is used twice in this chapter: here and at line \(other.location.line)",
                              at: element.location, related: [other.location])
            return
        }
        model.labels[label] = element
    }

    /// The label if its prefix fits the element; else reported, and nil.
    private func checkLabel(_ label: String, kind: ElementKind, at location: SourceLocation) -> String? {
        let name = label.split(separator: "-", maxSplits: 1).dropFirst().first.map(String.init) ?? label
        guard InlineSyntax.prefix(of: label) == kind.prefix, !name.isEmpty else {
            diagnostics.error("the label '\(label)' of a \(kind.rawValue) must start with '\(kind.prefix)-': write {#\(kind.prefix)-\(name)}",
                              at: location)
            return nil
        }
        return label
    }

    // MARK: - Inlines

    /// Resolves every link and image, splits text that holds edits, cross-references or citations,
    /// and lists the calls of notes in reading order.
    private mutating func annotateInlines() {
        // Citations are not looked for in link texts (an address may hold an `@`) nor in headings
        // (whose plain text names the section); inside a footnote they are set in the note.
        var noCitationsBefore = 0
        var footnote: (label: String, end: Int)?
        for (index, node) in document.nodes.enumerated() {
            if let current = footnote, index >= current.end { footnote = nil }
            switch node.kind {
            case .link:
                model.targets[index] = resolver.resolve(document.text(of: index), from: chapter.language)
                noCitationsBefore = max(noCitationsBefore, document.skippingChildren(of: index))
            case .heading:
                noCitationsBefore = max(noCitationsBefore, document.skippingChildren(of: index))
            case .image:
                model.targets[index] = resolver.resolve(document.text(of: index), from: chapter.language, isImage: true)
            case .footnoteDefinition:
                footnote = (document.text(of: index), document.skippingChildren(of: index))
            case .footnoteReference:
                model.noteCalls.append(.footnote(document.text(of: index)))
            case .text:
                let shown = shownText.isEmpty ? nil : shownText[index]
                // Most text holds neither an `@` nor an edit: it is shown as written.
                if shown == nil, !document.withText(of: index, InlineSyntax.mayContainSyntax) { continue }
                let text = shown?.text ?? document.text(of: index)
                let start = location(index)
                let shift = shown?.shift ?? 0
                if var segments = InlineSyntax.segments(of: text, citations: index >= noCitationsBefore, locate: { offset in
                    SourceLocation(file: start.file, line: start.line, column: start.column + shift + offset)
                }) {
                    for (position, segment) in segments.enumerated() {
                        switch segment {
                        case .reference(let reference): model.references.append(reference)
                        case .citation(var citation):
                            citation.placement = footnote.map { .footnote($0.label) } ?? .text
                            citation.ordinal = model.citations.count + 1
                            model.citations.append(citation)
                            if citation.placement == .text { model.noteCalls.append(.citation(citation.ordinal)) }
                            segments[position] = .citation(citation)
                        default: break
                        }
                    }
                    model.segments[index] = segments
                } else if let shown {
                    model.segments[index] = shown.text.isEmpty ? [] : [.text(shown.text)]
                }
            default:
                break
            }
        }
        annotateSourceCitations()
    }

    /// Citations in the KPI figures' `source:` lines (`source: "@u4ssc-karmoy-2020, p. 14"`).
    private mutating func annotateSourceCitations() {
        for (blockIndex, block) in model.kpiBlocks.enumerated() {
            guard let source = block.source, InlineSyntax.mayContainSyntax(source) else { continue }
            let at = block.keyLocations["source"] ?? block.location
            guard var segments = InlineSyntax.segments(of: source, locate: { _ in at }) else { continue }
            for (position, segment) in segments.enumerated() {
                guard case .citation(var citation) = segment else { continue }
                citation.placement = .figureSource
                citation.ordinal = model.citations.count + 1
                model.citations.append(citation)
                segments[position] = .citation(citation)
            }
            model.sourceCitations[blockIndex] = segments
        }
    }

    private func lastText(in index: MarkdownDocument.Index) -> MarkdownDocument.Index? {
        var last: MarkdownDocument.Index?
        for child in document.children(of: index) where document[child].kind == .text { last = child }
        return last
    }

    /// Whether a text node ends with `}` (before trailing spaces): only then can it end with a label.
    private func endsWithBrace(_ index: MarkdownDocument.Index) -> Bool {
        document.withText(of: index) { bytes in
            bytes.last { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") } == UInt8(ascii: "}")
        }
    }

    private func captionTitle(_ paragraph: MarkdownDocument.Index) -> String {
        let plain = document.children(of: paragraph).map { index -> String in
            document[index].kind == .text ? (shownText[index]?.text ?? document.text(of: index)) : document.plainText(of: index)
        }.joined()
        return CriticMarkup.accepted(plain).trimmingCharacters(in: .whitespaces)
    }

    private func isBlankText(_ index: MarkdownDocument.Index) -> Bool {
        document.withText(of: index) { bytes in bytes.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") } }
    }

    private func isBlank(_ text: String) -> Bool {
        text.allSatisfy { $0 == " " || $0 == "\t" }
    }
}

import FolioMarkdown
import Foundation

/// A chapter read for the exchange: its front matter, its body as cmark-gfm read it (review marks
/// encoded), its document model (annotated as the build annotates it, from this text: the file on
/// disk, an older version from git, or an import's result), its sections and its translation units.
struct ExchangeChapter {
    var path: String
    var frontMatter: YAMLMapping?
    var body: BodyBytes
    var document: MarkdownDocument
    var sections: [SectionFingerprint]
    /// The front matter's line count: body line + this = file line.
    var lineOffset: Int
    var units: [TranslationUnit]
    /// File lines of blocks whose Markdown could not be mapped to units exactly (left as they are).
    var unmappable: [Int]

    var unitsByID: [String: TranslationUnit] {
        Dictionary(units.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The chapter at `path` (relative to the project) as it is on disk.
    static func read(path: String, language: String, number: Int, project: URL, resolver: LinkResolver) -> Result<ExchangeChapter, Diagnostic> {
        guard let data = try? Data(contentsOf: project.appendingPathComponent(path)) else {
            return .failure(.error("cannot read the chapter", at: SourceLocation(file: path)))
        }
        switch SourceText.decode(data) {
        case .failure(let problem):
            return .failure(.error(problem.message, at: SourceLocation(file: path, line: problem.line, column: problem.column)))
        case .success(let text):
            return read(text: text, path: path, language: language, number: number, resolver: resolver)
        }
    }

    static func read(text: String, path: String, language: String, number: Int, resolver: LinkResolver) -> Result<ExchangeChapter, Diagnostic> {
        guard case .success(let split) = FrontMatter.split(text) else {
            return .failure(.error("the chapter's front matter is not closed", at: SourceLocation(file: path)))
        }
        let (encoded, _) = CriticMarkup.encode(split.body)
        let ended = MarkdownParser.parse(encoded, keepingEnds: true)
        let document = CriticMarkup.restoreCode(in: ended)
        let model = ChapterAnnotator.annotate(
            ChapterAnnotator.Source(document: document, path: path, language: language, number: number, bodyLineOffset: split.bodyLineOffset),
            kpiBlocks: [], resolver: resolver, mediaSizes: [:], catalogue: nil, diagnostics: DiagnosticCollector())
        let sections = SectionFingerprint.sections(body: split.body, document: document, lineOffset: split.bodyLineOffset)
        let body = BodyBytes(encoded)
        var fields: [(key: String, value: String, line: Int)] = []
        let mapping = split.yaml.flatMap {
            YAMLMapping.parse($0, file: path, lineOffset: FrontMatter.yamlLineOffset, what: "front matter", diagnostics: DiagnosticCollector())
        }
        if let mapping {
            for key in ["title", "summary"] {
                if let value = mapping.decode(key, as: String.self) { fields.append((key, value, mapping.location(ofKey: key).line)) }
            }
        }
        let segmenter = Segmenter.units(document: ended, model: model, body: body, sections: sections,
                                        lineOffset: split.bodyLineOffset, frontMatter: fields)
        return .success(ExchangeChapter(path: path, frontMatter: mapping, body: body, document: ended, sections: sections,
                                        lineOffset: split.bodyLineOffset, units: segmenter.units, unmappable: segmenter.unmappable))
    }

    /// This chapter's units renamed to another chapter's section ids, section by section (a translation's
    /// sections have ids from its own headings; the n-th is its source's n-th). Nil when the two do not
    /// have the same number of sections.
    func units(renamedTo source: ExchangeChapter) -> [String: TranslationUnit]? {
        guard sections.count == source.sections.count else { return nil }
        var renamed: [String: String] = ["_meta": "_meta"]
        for (mine, theirs) in zip(sections, source.sections) { renamed[mine.id] = theirs.id }
        var result: [String: TranslationUnit] = [:]
        for unit in units {
            guard let section = renamed[unit.sectionID] else { continue }
            let local = unit.id.dropFirst(unit.sectionID.count)
            result[section + local] = unit
        }
        return result
    }
}

/// A translation unit's text carried over to its source unit's placeholders: each of the translation's
/// placeholders is matched with the source's of the same kind (and the same Markdown, for what is
/// never translated: code, cross-references, footnote calls), so a translation that moved the
/// emphasis keeps it. Nil when they do not match one to one.
func carryOver(_ translation: TranslationUnit, to source: TranslationUnit) -> UnitText? {
    guard translation.placeholders.count == source.placeholders.count else { return nil }
    var used = Set<Int>()
    var renumbered: [Int: Int] = [:]
    for placeholder in translation.placeholders {
        let fixed: Set<Placeholder.Kind> = [.code, .footnote, .html, .review, .url]
        let match = source.placeholders.first { candidate in
            !used.contains(candidate.id) && candidate.kind == placeholder.kind
                && (!fixed.contains(candidate.kind) || candidate.opening == placeholder.opening)
                && (candidate.kind != .reference || candidate.opening.lowercased() == placeholder.opening.lowercased())
        }
        guard let match else { return nil }
        used.insert(match.id)
        renumbered[placeholder.id] = match.id
    }
    return UnitText(translation.text.pieces.map { piece in
        switch piece {
        case .text: piece
        case .open(let id): .open(renumbered[id] ?? id)
        case .close(let id): .close(renumbered[id] ?? id)
        case .standalone(let id): .standalone(renumbered[id] ?? id)
        }
    })
}

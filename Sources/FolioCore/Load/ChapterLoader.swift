import Foundation
import FolioMarkdown

/// Reads one Markdown file of `Content/<lang>/`: checks its bytes, splits and decodes the front matter,
/// parses the body with cmark-gfm.
enum ChapterLoader {
    static let knownKeys = ["title", "summary", "authors", "stage", "reviews", "translation"]
    static let reviewKeys = ["stage", "by", "date", "outcome", "version"]

    struct Parsed {
        var fields: YAMLMapping?
        var document: MarkdownDocument
        var bodyLineOffset: Int
        /// Reviewers' CriticMarkup edits and comments, with their lines in the file.
        var reviewMarks: [ReviewMark]
        var sections: [SectionFingerprint]
    }

    /// The file's text, front matter and parsed body; nil (with diagnostics) when it cannot be read.
    /// `fingerprint`: split the body into fingerprinted sections (only source chapters need them).
    static func parse(data: Data, path: String, fingerprint: Bool, diagnostics: DiagnosticCollector,
                      timer: PhaseTimer = .disabled) -> Parsed? {
        let split: Result<FrontMatter, FrontMatter.Problem>
        if let accepted = FrontMatter.split(acceptedData: data) {
            split = accepted
        } else {
            guard let text = SourceText.decode(data, path: path, diagnostics: diagnostics) else { return nil }
            split = FrontMatter.split(text)
        }
        switch split {
        case .failure(.unterminated):
            diagnostics.error("front matter is not closed: add a '---' line after its last key",
                              at: SourceLocation(file: path, line: 1, column: 1))
            return nil
        case .success(let split):
            var fields: YAMLMapping?
            if let yaml = split.yaml {
                fields = YAMLMapping.parse(yaml, file: path, lineOffset: FrontMatter.yamlLineOffset,
                                           what: "front matter", diagnostics: diagnostics)
                if fields == nil { return nil }
            }
            if let reserved = CriticMarkup.firstDelimiter(in: split.body) {
                // The review marks' private-use characters: one in the text would turn into markup.
                diagnostics.error("character \(reserved.scalar.codePoint) is reserved for review marks (it stands for '\(reserved.syntax)'): remove it",
                                  at: SourceLocation(file: path, line: reserved.line + split.bodyLineOffset, column: reserved.column))
                return nil
            }
            if let reference = CriticMarkup.firstDelimiterReference(in: split.body) {
                diagnostics.error("'\(reference.reference)' names a character reserved for review marks: remove it",
                                  at: SourceLocation(file: path, line: reference.line + split.bodyLineOffset, column: reference.column))
                return nil
            }
            let (encoded, marks) = CriticMarkup.encode(split.body)
            let (parsed, parsing) = MarkdownParser.parseMeasured(encoded)
            timer.add("parse", parsing)
            let document = CriticMarkup.mayHoldDelimiters(encoded) ? CriticMarkup.restoreCode(in: parsed) : parsed
            if let point = document.flattenedNesting {
                diagnostics.warning("block quotes, lists or emphasis nested more than \(MarkdownParser.maximumDepth) levels deep: the deeper levels are flattened (their text is kept)",
                                    at: SourceLocation(file: path, line: point.line + split.bodyLineOffset, column: point.column))
            }
            let reviewMarks = marks.map {
                ReviewMark(line: $0.line + split.bodyLineOffset, kind: $0.kind, column: $0.column, comment: $0.comment)
            }
            let sections = fingerprint
                ? SectionFingerprint.sections(body: split.body, document: document, lineOffset: split.bodyLineOffset) : []
            return Parsed(fields: fields, document: document, bodyLineOffset: split.bodyLineOffset, reviewMarks: reviewMarks,
                          sections: sections)
        }
    }

    /// `isSource`: a chapter of the source language. Only those are split into fingerprinted sections:
    /// a translation is compared with its source's sections, never with its own.
    static func loadChapter(data: Data, path: String, language: String, number: Int, slug: String, isSource: Bool,
                            diagnostics: DiagnosticCollector, timer: PhaseTimer = .disabled) -> Chapter? {
        guard let parsed = parse(data: data, path: path, fingerprint: isSource, diagnostics: diagnostics, timer: timer) else {
            return nil
        }
        guard let fields = parsed.fields else {
            diagnostics.error("chapter has no front matter: start the file with '---', 'title: …', '---'",
                              at: SourceLocation(file: path))
            return nil
        }
        fields.warnUnknownKeys(known: knownKeys, context: "front matter")
        let title = fields.require("title", as: String.self, what: "the chapter's title")
        if let title, title.trimmingCharacters(in: .whitespaces).isEmpty {
            diagnostics.error("the chapter's title is empty", at: fields.location(ofKey: "title"))
        }
        let reviews = loadReviews(fields)
        guard let title else { return nil }
        return Chapter(
            language: language, number: number, slug: slug, path: path,
            title: title,
            summary: fields.decode("summary", as: String.self),
            authors: fields.decode("authors", as: [String].self) ?? [],
            stage: fields.decode("stage", as: String.self),
            stageLocation: fields.value("stage").map(fields.location(of:)),
            reviews: reviews,
            reviewMarks: parsed.reviewMarks,
            sections: parsed.sections,
            translationRecord: loadTranslationRecord(fields),
            document: parsed.document,
            bodyLineOffset: parsed.bodyLineOffset
        )
    }

    static func loadLanding(data: Data, path: String, language: String, diagnostics: DiagnosticCollector,
                            timer: PhaseTimer = .disabled) -> LandingText? {
        guard let parsed = parse(data: data, path: path, fingerprint: false, diagnostics: diagnostics, timer: timer) else {
            return nil
        }
        parsed.fields?.warnUnknownKeys(known: ["title"], context: "the landing page's front matter")
        return LandingText(language: language, path: path, title: parsed.fields?.decode("title", as: String.self),
                           document: parsed.document, bodyLineOffset: parsed.bodyLineOffset)
    }

    /// `translation: {sections: [{id, hash}, …]}`, written by `folio translations mark`.
    private static func loadTranslationRecord(_ fields: YAMLMapping) -> TranslationRecord? {
        guard let record = fields.mapping("translation", what: "'translation'") else { return nil }
        record.warnUnknownKeys(known: ["sections"], context: "'translation' (written by `folio translations mark`)")
        let entries = (record.value("sections")?.sequence ?? []).compactMap { node -> TranslationRecord.Entry? in
            guard let mapping = node.mapping else { return nil }
            let entry = YAMLMapping(node: mapping, file: fields.file, lineOffset: fields.lineOffset, diagnostics: fields.diagnostics)
            guard let id = entry.decode("id", as: String.self), let hash = entry.decode("hash", as: String.self) else { return nil }
            return TranslationRecord.Entry(id: id, hash: hash)
        }
        return TranslationRecord(sections: entries, location: fields.location(ofKey: "translation"))
    }

    private static func loadReviews(_ fields: YAMLMapping) -> [ReviewRecord] {
        // `reviews:` with nothing after it means none yet.
        guard let node = fields.value("reviews"), node.null == nil else { return [] }
        guard let items = node.sequence else {
            fields.diagnostics.error("reviews must be a list of `{stage, by, date, outcome}` entries",
                                     at: fields.location(of: node))
            return []
        }
        return items.compactMap { item in
            guard let mapping = item.mapping else {
                fields.diagnostics.error("a review must be a mapping `{stage, by, date, outcome}`", at: fields.location(of: item))
                return nil
            }
            let entry = YAMLMapping(node: mapping, file: fields.file, lineOffset: fields.lineOffset, diagnostics: fields.diagnostics)
            entry.warnUnknownKeys(known: reviewKeys, context: "a review")
            let stage = entry.require("stage", as: String.self, what: "the review's stage")
            let by = entry.require("by", as: String.self, what: "the reviewer ('by')")
            let hasDate = entry.has("date")
            let date = PublicationConfigLoader.date(entry, "date")
            if !hasDate { entry.diagnostics.error("the review's date is missing: add 'date: YYYY-MM-DD'", at: entry.location) }
            guard let stage, let by else { return nil }
            return ReviewRecord(stage: stage, by: by, date: date, outcome: entry.decode("outcome", as: String.self),
                                version: entry.decode("version", as: String.self), location: entry.location)
        }
    }
}

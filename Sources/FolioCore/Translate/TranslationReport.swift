import Foundation

/// `folio translations`: every chapter × language as current, stale (naming the changed source sections
/// and their words), missing or unmarked, with counts and words to translate per language.
public struct TranslationReport: Sendable {
    public struct Entry: Sendable {
        public var chapter: Chapter
        public var language: String
        public var translationPath: String
        public var state: TranslationState
    }

    public let sourceLanguage: String
    public let languages: [String]
    public let entries: [Entry]
    /// Translation units still to translate per language (`TranslationExporter` counts them), when known.
    public var unitsToTranslate: [String: Int] = [:]
    /// Words of the source chapters: what a percentage of translated words is of.
    public let sourceWords: Int

    public init(publication: Publication, only language: String? = nil) {
        sourceLanguage = publication.config.sourceLanguage
        let targets = publication.config.languageCodes.filter { $0 != publication.config.sourceLanguage && (language == nil || $0 == language) }
        languages = targets
        sourceWords = publication.sourceChapters.reduce(0) { $0 + $1.sections.reduce(0) { $0 + $1.words } }
        entries = publication.sourceChapters.flatMap { source in
            targets.map { language in
                let translation = publication.chapter(slug: source.slug, language: language)
                let fileName = source.path.split(separator: "/").last.map(String.init) ?? "\(source.fileStem).md"
                return Entry(chapter: source, language: language,
                             translationPath: translation?.path ?? "Content/\(language)/\(fileName)",
                             state: TranslationState.of(translation: translation, source: source))
            }
        }
    }

    public func text() -> String {
        var out = ""
        for entry in entries {
            let state: String
            switch entry.state {
            case .stale(let changes, let words):
                state = "stale: \(changes.map(\.summary).joined(separator: ", ")) (\(words) words)"
            case .missing(let words): state = "missing (\(words) words)"
            case .unmarked: state = "unmarked: run `folio translations mark \(entry.translationPath.dropFirst("Content/".count))`"
            default: state = entry.state.name
            }
            out += "\(entry.translationPath): \(state)\n"
        }
        out += "\n"
        for language in languages {
            let mine = entries.filter { $0.language == language }
            let counts = ["current", "stale", "missing", "unmarked"].map { name in
                "\(mine.filter { $0.state.name == name }.count) \(name)"
            }
            let words = mine.reduce(0) { $0 + $1.state.words }
            let units = unitsToTranslate[language].map { ", \($0) units" } ?? ""
            out += "\(language): \(counts.joined(separator: ", ")); \(words) words\(units) to translate (\(percentTranslated(words)) % translated)\n"
        }
        return out
    }

    /// The share of the source's words that no longer need translating, rounded down (100 only when none do).
    public func percentTranslated(_ wordsToTranslate: Int) -> Int {
        guard sourceWords > 0 else { return 100 }
        return max(0, (sourceWords - wordsToTranslate) * 100 / sourceWords)
    }

    public func json() -> String {
        struct Change: Encodable { var kind: String; var id: String; var heading: String; var words: Int; var line: Int }
        struct Row: Encodable {
            var chapter: String; var language: String; var file: String; var state: String; var words: Int; var changes: [Change]
        }
        let rows = entries.map { entry -> Row in
            var changes: [Change] = []
            if case .stale(let list, _) = entry.state {
                changes = list.map { Change(kind: $0.kind.rawValue, id: $0.id, heading: $0.heading, words: $0.words, line: $0.line) }
            }
            return Row(chapter: entry.chapter.fileStem, language: entry.language, file: entry.translationPath,
                       state: entry.state.name, words: entry.state.words, changes: changes)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(rows)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    /// `--diff <lang>/<file>`: what changed in the source since the translation was marked. With git,
    /// a word-level diff against the marked version; without, the changed sections' current text.
    public static func diff(project: URL, publication: Publication, file: String) -> Result<String, Diagnostic> {
        let path = file.hasPrefix("Content/") ? file : "Content/\(file)"
        guard let translation = publication.chapters.values.joined().first(where: { $0.path == path }) else {
            return .failure(.error("no chapter \(path) (give the translation as <lang>/NN-slug.md)", at: nil))
        }
        guard let source = publication.chapter(slug: translation.slug, language: publication.config.sourceLanguage),
              translation.language != publication.config.sourceLanguage else {
            return .failure(.error("\(path) is not a translation of a source chapter", at: translation.location))
        }
        guard let record = translation.translationRecord else {
            return .failure(.error("the translation was never marked: run `folio translations mark \(file)` once it matches its source",
                                   at: translation.location))
        }
        guard let currentText = try? String(contentsOf: project.appendingPathComponent(source.path), encoding: .utf8),
              let current = SourceHistory.sectionsOf(currentText) else {
            return .failure(.error("cannot read the source chapter", at: source.location))
        }
        let changes = SectionChange.between(recorded: record, current: current)
        guard !changes.isEmpty else { return .success("\(path) is current: the source has not changed since it was marked.\n") }
        var out = "Source changes in \(source.path) since \(path) was marked"
        let old = SourceHistory.markedVersion(of: source.path, project: project, record: record)
        if let old {
            out += " (marked against commit \(old.commit.prefix(12))):\n"
        } else {
            out += " (the marked version is not in git history; showing the changed sections as they are now):\n"
        }
        let oldSections = old.flatMap { SourceHistory.sectionsOf($0.text) } ?? []
        for change in changes {
            let now = current.first { $0.id == change.id }
            out += "\n\(source.path):\(now?.line ?? 1): \(change.summary)\n"
            let before = oldSections.first { $0.id == change.id }?.text
            switch (old, before, now) {
            case (.some, let before?, let now?): out += WordDiff.render(old: before, new: now.text) + "\n"
            case (.some, nil, let now?): out += "{+\(WordDiff.words(now.text).joined(separator: " "))+}\n"
            case (.some, let before?, nil): out += "[-\(WordDiff.words(before).joined(separator: " "))-]\n"
            case (nil, _, let now?): out += now.text + "\n"
            default: out += "(removed)\n"
            }
        }
        return .success(out)
    }
}

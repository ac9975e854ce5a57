import Foundation

/// `folio translations export`: the units of the source chapters that a language needs translated
/// (`--stale`: what is missing or changed since the translation was marked; `--all`: everything), with
/// their context, the current translation, the previous source of stale units and the glossary's
/// terms, as XLIFF 1.2 or PO.
public enum TranslationExporter {
    public enum Format: String, Sendable, CaseIterable {
        case xliff, po

        public var fileExtension: String { self == .xliff ? "xlf" : "po" }
    }

    public enum Scope: Sendable {
        case stale, all
    }

    public struct Outcome: Sendable {
        public var text: String?
        public var units = 0
        public var words = 0
        public var chapters = 0
        public var diagnostics: [Diagnostic]
        public var succeeded: Bool { text != nil && !diagnostics.contains { $0.severity == .error } }
    }

    public static func export(project: URL, language: String, format: Format, scope: Scope) -> Outcome {
        let diagnostics = DiagnosticCollector()
        guard let publication = ContentLoader.load(project: project, diagnostics: diagnostics) else {
            return Outcome(text: nil, diagnostics: diagnostics.diagnostics)
        }
        let glossary = GlossaryLoader.load(project: project, languages: publication.config.languageCodes, diagnostics: diagnostics)
        return export(publication, language: language, format: format, scope: scope, glossary: glossary, diagnostics: diagnostics)
    }

    /// The units a language still needs translated, as `export` with `--stale` counts them, from the
    /// publication a build already loaded (the status dashboard's figure, on every build and rebuild).
    static func pendingUnits(in publication: Publication, language: String) -> Int {
        export(publication, language: language, format: nil, scope: .stale, glossary: nil, diagnostics: DiagnosticCollector()).units
    }

    /// `format` nil: only counted, nothing written; `glossary` nil: no term notes.
    private static func export(_ publication: Publication, language: String, format: Format?, scope: Scope, glossary: Glossary?,
                               diagnostics: DiagnosticCollector) -> Outcome {
        let project = publication.project
        let sourceLanguage = publication.config.sourceLanguage
        let targets = publication.config.languageCodes.filter { $0 != sourceLanguage }
        guard targets.contains(language) else {
            diagnostics.error("'\(language)' is not a translation language of this publication (\(targets.joined(separator: ", ")))", at: nil)
            return Outcome(text: nil, diagnostics: diagnostics.diagnostics)
        }
        let resolver = LinkResolver(publication: publication)
        var export = ExchangeExport(sourceLanguage: sourceLanguage, targetLanguage: language,
                                    publication: publication.config.title(in: sourceLanguage), chapters: [])
        var outcome = Outcome(text: nil, diagnostics: [])
        for chapter in publication.sourceChapters {
            let source: ExchangeChapter
            switch ExchangeChapter.read(path: chapter.path, language: sourceLanguage, number: chapter.number, project: project, resolver: resolver) {
            case .failure(let problem):
                diagnostics.add(problem)
                continue
            case .success(let read): source = read
            }
            for line in source.unmappable {
                diagnostics.warning("this block's Markdown could not be split into translation units exactly: it is not exported "
                                    + "(translate it in the chapter file)", at: SourceLocation(file: chapter.path, line: line))
            }
            let translation = publication.chapter(slug: chapter.slug, language: language)
            let existing = existingTranslation(of: source, chapter: chapter, translation: translation, publication: publication,
                                               resolver: resolver, diagnostics: diagnostics)
            let state = TranslationState.of(translation: translation, source: chapter)
            if scope == .stale, case .current = state { continue }
            var entries: [ExchangeExport.Entry] = []
            for unit in source.units {
                let target = existing.texts[unit.id]
                let stale = existing.stale.contains(unit.id)
                if scope == .stale, target != nil, !stale { continue }
                entries.append(ExchangeExport.Entry(
                    unit: unit, target: target, stale: stale && target != nil, previousSource: stale ? existing.previous[unit.id] : nil,
                    terms: glossary?.notes(for: unit.text.plainText, language: language) ?? []))
                outcome.words += SectionFingerprint.wordCount(unit.text.plainText)
            }
            guard !entries.isEmpty else { continue }
            outcome.units += entries.count
            outcome.chapters += 1
            export.chapters.append(ExchangeExport.Chapter(original: String(chapter.path.dropFirst("Content/".count)), number: chapter.number,
                                                          title: chapter.title, entries: entries))
        }
        switch format {
        case .xliff: outcome.text = XLIFFWriter.write(export)
        case .po: outcome.text = POWriter.write(export)
        case nil: break
        }
        outcome.diagnostics = diagnostics.diagnostics
        return outcome
    }

    /// The existing translation of `source`, paired with it (see `ExistingTranslation`).
    static func existingTranslation(of source: ExchangeChapter, chapter: Chapter, translation: Chapter?, publication: Publication,
                                    resolver: LinkResolver, diagnostics: DiagnosticCollector) -> ExistingTranslation {
        guard let translation else { return ExistingTranslation() }
        let read = ExchangeChapter.read(path: translation.path, language: translation.language, number: translation.number,
                                        project: publication.project, resolver: resolver)
        guard case .success(let theirs) = read else { return ExistingTranslation() }
        var marked: ExchangeChapter?
        if let record = translation.translationRecord, !SectionChange.between(recorded: record, current: chapter.sections).isEmpty,
           let version = SourceHistory.markedVersion(of: chapter.path, project: publication.project, record: record),
           case .success(let old) = ExchangeChapter.read(text: version.text, path: chapter.path, language: chapter.language,
                                                          number: chapter.number, resolver: resolver) {
            marked = old
        }
        let existing = ExistingTranslation(source: source, translation: theirs, record: translation.translationRecord, marked: marked)
        if !existing.aligned {
            diagnostics.warning("this translation has \(theirs.sections.count) sections and its source \(source.sections.count): "
                                + "its text cannot be paired with the source's units, so none is exported as the current translation",
                                at: translation.location)
        }
        return existing
    }
}

import Foundation
import FolioMarkdown

/// Checks the loaded publication as a whole: chapter numbering, translations matching source chapters,
/// links and media references. Everything found is reported; nothing stops at the first problem.
public enum PublicationChecker {
    /// `cache`: the preview server keeps what was found in each chapter while it (and what it was
    /// checked against) is unchanged.
    public static func check(_ publication: inout Publication, diagnostics: DiagnosticCollector, cache: LoadCache? = nil) {
        let source = publication.config.sourceLanguage
        for language in publication.config.languageCodes {
            checkNumbering(publication.chapters[language] ?? [], diagnostics: diagnostics)
        }
        let sourceChapters = publication.sourceChapters
        // When chapters failed to load, their errors say why; "no chapters" would only repeat it.
        if sourceChapters.isEmpty, !diagnostics.hasErrors {
            diagnostics.error("the source language '\(source)' has no chapters: add Content/\(source)/01-introduction.md", at: nil)
        }
        for language in publication.config.languageCodes where language != source {
            checkTranslations(publication.chapters[language] ?? [], against: sourceChapters, language: language,
                              publication: publication, diagnostics: diagnostics)
        }
        KPIChecker.check(&publication, diagnostics: diagnostics, cache: cache)
        ParityChecker.check(publication, diagnostics: diagnostics, cache: cache)
        PublicationAnnotator.annotate(&publication, diagnostics: diagnostics, cache: cache)
        publication.acronyms = AcronymLoader.load(project: publication.project, languages: publication.config.languageCodes,
                                                  diagnostics: diagnostics)
        AcronymAnnotator.annotate(&publication, diagnostics: diagnostics)
        publication.glossary = GlossaryLoader.load(project: publication.project, languages: publication.config.languageCodes,
                                                   diagnostics: diagnostics)
        if let glossary = publication.glossary {
            TerminologyChecker.check(publication, glossary: glossary, diagnostics: diagnostics, cache: cache)
        }
        let allowRawHTML = publication.config.allowRawHTML
        // Chapters are independent here: check them in parallel (diagnostics are sorted when read).
        let chapters = publication.chapters.values.flatMap { $0 }
        let models = publication.models
        let resolverGeneration = cache.generation(of: publication.linkResolver ?? LinkResolver(publication: publication), named: "link-resolver")
        DispatchQueue.concurrentPerform(iterations: chapters.count) { index in
            let chapter = chapters[index]
            if let model = models[chapter.path] {
                let token = LoadCache.token(chapter.revision, "\(resolverGeneration)")
                cache.reuse("references|\(chapter.path)", token: token, diagnostics: diagnostics) { found in
                    checkReferences(model, locate: chapter.locate, diagnostics: found)
                }
            }
            cache.reuse("dropped|\(chapter.path)", token: LoadCache.token(chapter.revision, "\(allowRawHTML)"),
                        diagnostics: diagnostics) { found in
                DroppedContentChecker.check(chapter.document, allowRawHTML: allowRawHTML, locate: chapter.locate,
                                            diagnostics: found)
            }
        }
        for (language, landing) in publication.landings.sorted(by: { $0.key < $1.key }) {
            let locate = { (point: SourcePoint) in
                SourceLocation(file: landing.path, line: point.line + landing.bodyLineOffset, column: point.column)
            }
            if let model = publication.landingModels[language] { checkReferences(model, locate: locate, diagnostics: diagnostics) }
            DroppedContentChecker.check(landing.document, allowRawHTML: allowRawHTML, locate: locate, diagnostics: diagnostics)
        }
    }

    /// Two chapters of one language with the same number or the same slug.
    private static func checkNumbering(_ chapters: [Chapter], diagnostics: DiagnosticCollector) {
        var byNumber: [Int: Chapter] = [:]
        var bySlug: [String: Chapter] = [:]
        for chapter in chapters {
            if let other = byNumber[chapter.number] {
                diagnostics.error("two chapters have the number \(chapter.number): this one and \(other.path)",
                                  at: chapter.location, related: [other.location])
            } else {
                byNumber[chapter.number] = chapter
            }
            if let other = bySlug[chapter.slug] {
                diagnostics.error("two chapters have the id '\(chapter.slug)': this one and \(other.path)",
                                  at: chapter.location, related: [other.location])
            } else {
                bySlug[chapter.slug] = chapter
            }
        }
    }

    private static func checkTranslations(_ translations: [Chapter], against sources: [Chapter], language: String,
                                          publication: Publication, diagnostics: DiagnosticCollector) {
        let sourceLanguage = publication.config.sourceLanguage
        for translation in translations {
            guard let original = sources.first(where: { $0.slug == translation.slug }) else {
                diagnostics.error("translation has no source chapter: there is no Content/\(sourceLanguage)/NN-\(translation.slug).md"
                                  + Suggestion.hint(for: translation.slug, in: sources.map(\.slug)),
                                  at: translation.location)
                continue
            }
            if original.number != translation.number {
                diagnostics.error("translation is numbered \(translation.number) but its source chapter \(original.path) is \(original.number)",
                                  at: translation.location, related: [original.location])
            }
        }
        let name = UNLanguage.named(language)?.englishName ?? language
        for original in sources where !translations.contains(where: { $0.slug == original.slug }) {
            let shown = publication.config.untranslated == .fallback
                ? "the \(UNLanguage.named(sourceLanguage)?.englishName ?? sourceLanguage) text is shown with a notice"
                : "it is left out of the \(name) site"
            diagnostics.warning("'\(original.slug)' is not yet translated into \(name) (Content/\(language)/): \(shown)",
                                at: original.location)
        }
    }

    /// Images must exist in Content/media/; links to chapters must name existing chapters; unsafe URLs
    /// are reported (the renderer never emits them). Figures' alternative text is checked with the figures.
    private static func checkReferences(_ model: ChapterModel, locate: (SourcePoint) -> SourceLocation,
                                        diagnostics: DiagnosticCollector) {
        let document = model.document
        // Figures' images, whose alternative text the figures check.
        var figureImages: Set<MarkdownDocument.Index> = []
        for case .imageFigure(let figure) in model.roles.values { figureImages.insert(figure.image) }
        // In no particular order: diagnostics are sorted when read. Autolinks carry no position of
        // their own: they have the nearest enclosing one.
        for (index, target) in model.targets {
            let node = document[index]
            let position = node.start
            if node.kind == .image {
                let source = document.text(of: index)
                switch target {
                case .broken(let reason): diagnostics.error("image not found: \(reason)", at: locate(position))
                case .outside(let reason): diagnostics.error("image refused: \(reason)", at: locate(position))
                case .unsafe(let url): diagnostics.error("unsafe image address '\(url)' removed", at: locate(position))
                default: break
                }
                if !figureImages.contains(index), document.plainText(of: index).trimmingCharacters(in: .whitespaces).isEmpty {
                    diagnostics.warning("image '\(source)' has no alternative text: write ![what it shows](\(source))",
                                        at: locate(position))
                }
            } else {
                switch target {
                case .broken(let reason): diagnostics.warning("broken link: \(reason)", at: locate(position))
                case .outside(let reason): diagnostics.error("link refused: \(reason)", at: locate(position))
                case .unsafe(let url): diagnostics.error("unsafe link '\(url)': only web, mail and relative links are allowed",
                                                         at: locate(position))
                default: break
                }
            }
        }
    }
}

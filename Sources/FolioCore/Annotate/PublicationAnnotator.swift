import Foundation
import FolioMarkdown

/// Annotates every chapter and landing text once (in parallel), builds the cross-reference index of
/// each language's book, and checks the references: unknown labels, labels defined twice, a prefix
/// that names another kind, and translations whose labels differ from their source's.
enum PublicationAnnotator {
    /// `cache`: the preview server keeps each chapter's model while the chapter, its kpi blocks, the
    /// chapters links resolve against and the media's sizes are unchanged.
    static func annotate(_ publication: inout Publication, diagnostics: DiagnosticCollector, cache: LoadCache? = nil) {
        let resolver = LinkResolver(publication: publication)
        let sizes = MediaDimensions.read(publication.mediaFiles,
                                         in: publication.project.appendingPathComponent("Content").appendingPathComponent("media"))
        let context = "\(cache.generation(of: resolver, named: "link-resolver"))|"
            + sizes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.width)x\($0.value.height)" }.joined(separator: ",")
        let chapters = publication.chapters.sorted(by: { $0.key < $1.key }).flatMap(\.value)
        let models = LockedArray<ChapterModel?>(count: chapters.count, initial: nil)
        let blocks = publication.kpiBlocks
        let catalogue = publication.kpiCatalogue
        DispatchQueue.concurrentPerform(iterations: chapters.count) { index in
            let chapter = chapters[index]
            let chapterBlocks = blocks[chapter.path] ?? []
            let kpiToken = chapterBlocks.map { "\($0.node):\($0.code):\($0.label ?? ""):\($0.title ?? "")" }.joined(separator: ",")
            models[index] = cache.reuse("model|\(chapter.path)", token: LoadCache.token(chapter.revision, context, kpiToken),
                                        diagnostics: diagnostics) { found in
                ChapterAnnotator.annotate(.init(chapter), kpiBlocks: chapterBlocks, resolver: resolver, mediaSizes: sizes,
                                          catalogue: catalogue, diagnostics: found)
            }
        }
        var byPath: [String: ChapterModel] = [:]
        for (chapter, model) in zip(chapters, models.values) { byPath[chapter.path] = model }
        var landings: [String: ChapterModel] = [:]
        for (language, landing) in publication.landings {
            landings[language] = ChapterAnnotator.annotate(
                .init(document: landing.document, path: landing.path, language: language, number: 0, bodyLineOffset: landing.bodyLineOffset),
                kpiBlocks: [], resolver: resolver, mediaSizes: sizes, catalogue: catalogue, diagnostics: diagnostics)
        }
        publication.models = byPath
        publication.linkResolver = resolver
        publication.landingModels = landings
        publication.crossReferences = CrossReferenceIndex(books: books(of: publication))
        check(publication, diagnostics: diagnostics)
    }

    /// The chapters each language's book shows: its translation, else the source chapter.
    private static func books(of publication: Publication) -> [String: [(slug: String, number: Int, title: String, model: ChapterModel, location: SourceLocation)]] {
        var books: [String: [(slug: String, number: Int, title: String, model: ChapterModel, location: SourceLocation)]] = [:]
        for language in publication.config.languageCodes {
            books[language] = publication.sourceChapters.compactMap { original in
                let shown = publication.chapter(slug: original.slug, language: language) ?? original
                guard let model = publication.models[shown.path] else { return nil }
                return (original.slug, original.number, shown.title, model, shown.location)
            }
        }
        return books
    }

    // MARK: - Checks

    private static func check(_ publication: Publication, diagnostics: DiagnosticCollector) {
        let index = publication.crossReferences
        let source = publication.config.sourceLanguage
        for language in publication.config.languageCodes {
            let own = publication.chapters[language] ?? []
            checkDuplicates(own, models: publication.models, diagnostics: diagnostics)
            for chapter in own {
                guard let model = publication.models[chapter.path] else { continue }
                checkReferences(model.references, language: language, index: index, diagnostics: diagnostics)
                if language != source, let original = publication.chapter(slug: chapter.slug, language: source),
                   let originalModel = publication.models[original.path] {
                    checkParity(chapter, model: model, original: original, originalModel: originalModel, diagnostics: diagnostics)
                }
            }
            if let landing = publication.landingModels[language] {
                checkReferences(landing.references, language: language, index: index, diagnostics: diagnostics)
            }
        }
    }

    /// A label defined in two chapters of one language (within one chapter the annotator reports it).
    private static func checkDuplicates(_ chapters: [Chapter], models: [String: ChapterModel], diagnostics: DiagnosticCollector) {
        var seen: [String: NumberedElement] = [:]
        for chapter in chapters {
            guard let model = models[chapter.path] else { continue }
            for element in model.elements + model.labels.values.filter({ $0.kind == .section }).sorted(by: { $0.location < $1.location }) {
                guard let label = element.label else { continue }
                if let first = seen[label], first.location.file != element.location.file {
                    diagnostics.error("the label '\(label)' is defined twice: here and at \(first.location)",
                                      at: element.location, related: [first.location])
                } else if seen[label] == nil {
                    seen[label] = element
                }
            }
        }
    }

    private static func checkReferences(_ references: [CrossReference], language: String, index: CrossReferenceIndex,
                                        diagnostics: DiagnosticCollector) {
        for reference in references where index.target(reference.label, in: language) == nil {
            let labels = index.labels(in: language)
            let name = reference.label.split(separator: "-", maxSplits: 1).dropFirst().first.map(String.init) ?? reference.label
            let prefix = InlineSyntax.prefix(of: reference.label) ?? ""
            if let other = labels.first(where: { $0.hasSuffix("-" + name) && InlineSyntax.prefix(of: $0).map { "\($0)-\(name)" } == $0 }),
               let target = index.target(other, in: language) {
                let written = ElementKind.kinds(forPrefix: prefix).first?.rawValue ?? prefix
                diagnostics.error("'@\(reference.label)' refers to a \(written), but '\(name)' is a \(target.element.kind.rawValue): write @\(other)",
                                  at: reference.location)
            } else {
                diagnostics.error("unknown cross-reference '@\(reference.label)'" + Suggestion.hint(for: reference.label, in: labels),
                                  at: reference.location)
            }
        }
    }

    /// A translation defines the labels its source defines: references in every language then lead
    /// to the same figures, tables, boxes and sections.
    private static func checkParity(_ translation: Chapter, model: ChapterModel, original: Chapter, originalModel: ChapterModel,
                                    diagnostics: DiagnosticCollector) {
        let mine = Set(model.labels.keys), theirs = Set(originalModel.labels.keys)
        guard mine != theirs else { return }
        var parts: [String] = []
        let missing = theirs.subtracting(mine).sorted(), extra = mine.subtracting(theirs).sorted()
        if !missing.isEmpty { parts.append("missing \(missing.map { "'\($0)'" }.joined(separator: ", "))") }
        if !extra.isEmpty { parts.append("not in the source: \(extra.map { "'\($0)'" }.joined(separator: ", "))") }
        let at = extra.first.flatMap { model.labels[$0]?.location } ?? translation.location
        diagnostics.error("the translation's labels differ from its source chapter \(original.path): \(parts.joined(separator: "; "))",
                          at: at, related: missing.compactMap { originalModel.labels[$0]?.location })
    }
}

import Foundation

/// What the draft site shows of a chapter's review round: its changes since the version its latest
/// review read. Made once per build for every chapter with a review record, when the publication is in
/// a git repository (outside one, or without git, the site simply has no changes pages: `folio diff`
/// says why).
struct ChapterChanges: Sendable {
    var review: ReviewRecord
    var commit: String
    /// The chapter as that review read it, annotated once; the page compares it with the chapter's
    /// model as it is now, each read as the site shows it (`redline`).
    var old: AnnotatedVersion

    /// The changes of every chapter with a review, by chapter path. A `version:` that names no commit is
    /// a warning at the record (the page is left out); a review without `version:` whose date no commit
    /// precedes has no page, silently (the chapter had no history then).
    static func find(_ publication: Publication, cache: LoadCache?, diagnostics: DiagnosticCollector) -> [String: ChapterChanges] {
        let reviewed = publication.config.languageCodes.flatMap { publication.chapters[$0] ?? [] }.filter { !$0.reviews.isEmpty }
        guard !reviewed.isEmpty, case .success(let history) = ChapterHistory.open(publication.project) else { return [:] }
        let timeline = Timeline(stages: publication.config.stages)
        let resolver = publication.linkResolver ?? LinkResolver(publication: publication)
        var found: [String: ChapterChanges] = [:]
        for chapter in reviewed {
            // The preview server rebuilds on every save: a chapter's redline is made again only when
            // the file or its review records changed.
            let token = chapter.revision.map { revision in
                revision + chapter.reviews.map { "\($0.stage)|\($0.by)|\($0.date?.description ?? "")|\($0.version ?? "")" }.joined(separator: ";")
            }
            let changes: ChapterChanges? = cache.reuse("changes|\(chapter.path)", token: token, diagnostics: diagnostics) { diagnostics in
                make(chapter, history: history, timeline: timeline, resolver: resolver, catalogue: publication.kpiCatalogue,
                     diagnostics: diagnostics)
            }
            if let changes { found[chapter.path] = changes }
        }
        return found
    }

    private static func make(_ chapter: Chapter, history: ChapterHistory, timeline: Timeline, resolver: LinkResolver,
                             catalogue: KPICatalogue?, diagnostics: DiagnosticCollector) -> ChapterChanges? {
        let base: ReviewBase
        switch ReviewBase.find(.latestReview, chapter: chapter, history: history, timeline: timeline) {
        case .success(let found): base = found
        case .failure(let diagnostic):
            if chapter.reviews.last?.version != nil {
                diagnostics.warning(diagnostic.message + ": the chapter's changes page is left out", at: diagnostic.location)
            }
            return nil
        }
        guard let review = base.review,
              let old = AnnotatedVersion(text: base.text, path: chapter.path, language: chapter.language, number: chapter.number,
                                         resolver: resolver, catalogue: catalogue) else { return nil }
        return ChapterChanges(review: review, commit: base.commit, old: old)
    }

    /// The redline as the chapter page reads: cross-references as their numbered labels ("section 1.2",
    /// the old version's own labels as it numbered them), citations as citeproc formatted them (an old
    /// citation written as one of the chapter's citations now reads as that one; any other as written),
    /// each linked. `root`: from the changes page to the site root.
    func redline(now chapter: Chapter, model: ChapterModel, publication: Publication, language: String, labels: ElementLabels,
                 citations: LanguageCitations?, root: String, entryHref: @escaping (String) -> String) -> ChapterDiff {
        var formattedNow: [Int: FormattedCitation] = [:]
        var byWriting: [String: FormattedCitation] = [:]
        for citation in model.citations {
            guard let formatted = citations?.citation(path: chapter.path, ordinal: citation.ordinal) else { continue }
            formattedNow[citation.ordinal] = formatted
            if byWriting[citation.written] == nil { byWriting[citation.written] = formatted }
        }
        var formattedThen: [Int: FormattedCitation] = [:]
        for citation in old.model.citations { formattedThen[citation.ordinal] = byWriting[citation.written] }
        func reading(_ own: [String: NumberedElement], _ formatted: [Int: FormattedCitation]) -> RedlineResolution {
            RedlineResolution(site: .init(labels: labels, crossReferences: publication.crossReferences, language: language,
                                          slug: chapter.slug, root: root, ownLabels: own, citations: formatted, entryHref: entryHref))
        }
        let then = ChapterVersion(old, resolution: reading(old.model.labels, formattedThen))
        let now = ChapterVersion(AnnotatedVersion(chapter: chapter, model: model), resolution: reading(model.labels, formattedNow))
        return ChapterDiff(old: then, new: now)
    }
}

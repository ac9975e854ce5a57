import Foundation

/// What the draft site shows of a chapter's review round: its changes since the version its latest
/// review read. Made once per build for every chapter with a review record, when the publication is in
/// a git repository (outside one, or without git, the site simply has no changes pages: `folio diff`
/// says why).
struct ChapterChanges: Sendable {
    var review: ReviewRecord
    var commit: String
    var diff: ChapterDiff

    /// The changes of every chapter with a review, by chapter path. A `version:` that names no commit is
    /// a warning at the record (the page is left out); a review without `version:` whose date no commit
    /// precedes has no page, silently (the chapter had no history then).
    static func find(_ publication: Publication, cache: LoadCache?, diagnostics: DiagnosticCollector) -> [String: ChapterChanges] {
        let reviewed = publication.config.languageCodes.flatMap { publication.chapters[$0] ?? [] }.filter { !$0.reviews.isEmpty }
        guard !reviewed.isEmpty, case .success(let history) = ChapterHistory.open(publication.project) else { return [:] }
        let timeline = Timeline(stages: publication.config.stages)
        var found: [String: ChapterChanges] = [:]
        for chapter in reviewed {
            // The preview server rebuilds on every save: a chapter's redline is made again only when
            // the file or its review records changed.
            let token = chapter.revision.map { revision in
                revision + chapter.reviews.map { "\($0.stage)|\($0.by)|\($0.date?.description ?? "")|\($0.version ?? "")" }.joined(separator: ";")
            }
            let changes: ChapterChanges? = cache.reuse("changes|\(chapter.path)", token: token, diagnostics: diagnostics) { diagnostics in
                make(chapter, history: history, timeline: timeline, project: publication.project, diagnostics: diagnostics)
            }
            if let changes { found[chapter.path] = changes }
        }
        return found
    }

    private static func make(_ chapter: Chapter, history: ChapterHistory, timeline: Timeline, project: URL,
                             diagnostics: DiagnosticCollector) -> ChapterChanges? {
        let base: ReviewBase
        switch ReviewBase.find(.latestReview, chapter: chapter, history: history, timeline: timeline) {
        case .success(let found): base = found
        case .failure(let diagnostic):
            if chapter.reviews.last?.version != nil {
                diagnostics.warning(diagnostic.message + ": the chapter's changes page is left out", at: diagnostic.location)
            }
            return nil
        }
        guard let review = base.review, let old = ChapterVersion(text: base.text, path: chapter.path),
              let text = try? String(contentsOf: project.appendingPathComponent(chapter.path), encoding: .utf8),
              let new = ChapterVersion(text: text, path: chapter.path) else { return nil }
        return ChapterChanges(review: review, commit: base.commit, diff: ChapterDiff(old: old, new: new))
    }
}

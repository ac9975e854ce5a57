import Foundation

/// `folio build --release`: the public edition is built only when nothing unapproved could reach it.
/// Every blocker is reported, at its place, in one run. The rules (the README lists them):
/// every source chapter at the release stage or later, every review it has passed recorded with an
/// outcome, no CriticMarkup left, every KPI block with a source, every language complete, and no
/// translation stale.
enum ReleaseGate {
    static func check(_ publication: Publication, diagnostics: DiagnosticCollector) {
        let timeline = Timeline(stages: publication.config.stages)
        if let (releaseIndex, releaseStage) = timeline.releaseStage {
            for chapter in publication.sourceChapters {
                let index = chapter.stage.flatMap(timeline.index(of:))
                if index.map({ $0 < releaseIndex }) ?? true {
                    diagnostics.error("release blocked: `\(chapter.fileStem)` is at \(chapter.stage ?? "no stage"); the public edition needs '\(releaseStage.id)' or later",
                                      at: chapter.stageLocation ?? chapter.location)
                }
            }
        }
        checkReviewOutcomes(publication, timeline: timeline, diagnostics: diagnostics)
        checkStaleTranslations(publication, diagnostics: diagnostics)
        for (_, chapters) in publication.chapters.sorted(by: { $0.key < $1.key }) {
            for chapter in chapters {
                if let first = chapter.reviewMarks.first {
                    let count = chapter.reviewMarks.count
                    diagnostics.error("release blocked: \(count) reviewer edit\(count == 1 ? "" : "s") or comment\(count == 1 ? "" : "s") (CriticMarkup) still in the chapter; accept or reject \(count == 1 ? "it" : "them")",
                                      at: SourceLocation(file: chapter.path, line: first.line))
                }
                // Each comment thread by name: the coordinator sees whose questions are still in the text.
                for thread in CommentIndex.threads(of: chapter) {
                    let comment = thread.first.comment
                    let state = thread.isOpen ? "open comment" : "comment (answered, not resolved)"
                    diagnostics.error("release blocked: \(state) by \(CommentIndex.byline(comment)): “\(comment.text.prefix(80))”; resolve it with `folio review accept` or `reject`",
                                      at: thread.first.location)
                }
                for block in publication.kpiBlocks[chapter.path] ?? [] where (block.source ?? "").isEmpty {
                    diagnostics.error("release blocked: kpi block '\(block.code)' names no source: add `source:`", at: block.location)
                }
            }
        }
        let source = publication.config.sourceLanguage
        for language in publication.config.languageCodes where language != source {
            let missing = publication.sourceChapters.filter { publication.chapter(slug: $0.slug, language: language) == nil }
            guard !missing.isEmpty else { continue }
            diagnostics.error("release blocked: \(UNLanguage.named(language)?.englishName ?? language) is incomplete: \(missing.count) chapter\(missing.count == 1 ? "" : "s") not translated (\(missing.map(\.fileStem).joined(separator: ", ")))",
                              at: SourceLocation(file: "Content/\(language)"))
        }
    }

    /// A review the chapter has passed (a review stage before its own) needs its outcome recorded: a
    /// review with no outcome is no approval. A missing review is the timeline check's error already.
    private static func checkReviewOutcomes(_ publication: Publication, timeline: Timeline, diagnostics: DiagnosticCollector) {
        for chapter in publication.sourceChapters {
            guard let stageIndex = chapter.stage.flatMap(timeline.index(of:)) else { continue }
            for (index, stage) in timeline.stages.enumerated() where stage.isReview && index < stageIndex {
                for review in chapter.reviews where review.stage == stage.id
                    && (review.outcome ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                    diagnostics.error("release blocked: `\(chapter.fileStem)`'s review '\(stage.id)' by \(review.by) records no outcome: add `outcome:` (for example `outcome: approved`)",
                                      at: review.location)
                }
            }
        }
    }

    /// A translation whose source changed since it was marked would publish an older text as current.
    private static func checkStaleTranslations(_ publication: Publication, diagnostics: DiagnosticCollector) {
        let source = publication.config.sourceLanguage
        for language in publication.config.languageCodes where language != source {
            for original in publication.sourceChapters {
                guard let translation = publication.chapter(slug: original.slug, language: language),
                      case .stale(let changes, let words) = TranslationState.of(translation: translation, source: original) else { continue }
                diagnostics.error("release blocked: \(translation.path) is stale: since it was marked, \(changes.map(\.summary).joined(separator: ", ")) in \(original.path) (\(words) word\(words == 1 ? "" : "s")); revise it and run `folio translations mark \(language)/\(translation.fileName)`",
                                  at: translation.location)
            }
        }
    }
}

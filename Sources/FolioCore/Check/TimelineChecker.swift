/// Checks every source chapter against the publication's timeline and review stages, as of a date:
/// behind schedule, skipped reviews, inconsistent review records, translations started too early.
public enum TimelineChecker {
    public struct Options: Sendable {
        public var asOf: CalendarDate
        /// Behind schedule is an error instead of a warning.
        public var strict: Bool

        public init(asOf: CalendarDate, strict: Bool = false) {
            self.asOf = asOf
            self.strict = strict
        }
    }

    public static func check(_ publication: Publication, options: Options, diagnostics: DiagnosticCollector) {
        let timeline = Timeline(stages: publication.config.stages)
        guard !timeline.stages.isEmpty else { return }
        let reviewStages = timeline.stages.filter(\.isReview).map(\.id)
        for chapter in publication.sourceChapters {
            guard let stageID = chapter.stage else {
                diagnostics.warning("`\(chapter.fileStem)` has no stage: add `stage:` (one of \(timeline.ids.joined(separator: ", ")))",
                                    at: chapter.location)
                continue
            }
            let stageLocation = chapter.stageLocation ?? chapter.location
            guard let stageIndex = timeline.index(of: stageID) else {
                diagnostics.error("unknown stage '\(stageID)'" + Suggestion.hint(for: stageID, in: timeline.ids)
                                  + " (stages: \(timeline.ids.joined(separator: ", ")))", at: stageLocation)
                continue
            }
            checkSchedule(chapter, stageIndex: stageIndex, timeline: timeline, options: options, at: stageLocation,
                          diagnostics: diagnostics)
            checkReviews(chapter, stageIndex: stageIndex, timeline: timeline, reviewStages: reviewStages, options: options,
                         at: stageLocation, diagnostics: diagnostics)
            checkTranslationTiming(chapter, stageIndex: stageIndex, timeline: timeline, publication: publication,
                                   diagnostics: diagnostics)
        }
    }

    /// "`04-urban-planning` is at first-draft; second-draft was due 2020-04-30, 10 days ago".
    private static func checkSchedule(_ chapter: Chapter, stageIndex: Int, timeline: Timeline, options: Options,
                                      at location: SourceLocation, diagnostics: DiagnosticCollector) {
        guard let (dueIndex, dueStage) = timeline.latestDue(asOf: options.asOf), stageIndex < dueIndex,
              let due = dueStage.due else { return }
        let days = due.days(until: options.asOf)
        let ago = days == 0 ? "today" : "\(days) day\(days == 1 ? "" : "s") ago"
        let message = "`\(chapter.fileStem)` is at \(timeline.stages[stageIndex].id); \(dueStage.id) was due \(due), \(ago)"
        diagnostics.add(Diagnostic(options.strict ? .error : .warning, message, at: location))
    }

    private static func checkReviews(_ chapter: Chapter, stageIndex: Int, timeline: Timeline, reviewStages: [String],
                                     options: Options, at location: SourceLocation, diagnostics: DiagnosticCollector) {
        // A chapter past a review stage needs a record of that review.
        for (index, stage) in timeline.stages.enumerated() where stage.isReview && index < stageIndex {
            if !chapter.reviews.contains(where: { $0.stage == stage.id }) {
                diagnostics.error("`\(chapter.fileStem)` is at \(timeline.stages[stageIndex].id) but skipped the review '\(stage.id)': record it under `reviews:` ({stage: \(stage.id), by: …, date: …})",
                                  at: location)
            }
        }
        var previous: (index: Int, review: ReviewRecord)?
        for review in chapter.reviews {
            guard let index = timeline.index(of: review.stage) else {
                diagnostics.error("review of unknown stage '\(review.stage)'" + Suggestion.hint(for: review.stage, in: reviewStages),
                                  at: review.location)
                continue
            }
            if !timeline.stages[index].isReview {
                diagnostics.error("'\(review.stage)' is not a review stage: reviews are recorded for \(reviewStages.joined(separator: ", "))",
                                  at: review.location)
            } else if index > stageIndex {
                diagnostics.error("review of '\(review.stage)', a stage the chapter has not reached (it is at \(timeline.stages[stageIndex].id))",
                                  at: review.location)
            }
            if let date = review.date, date > options.asOf {
                diagnostics.error("review of '\(review.stage)' is dated \(date), in the future (as of \(options.asOf))", at: review.location)
            }
            if let date = review.date, let (previousIndex, earlier) = previous, let earlierDate = earlier.date {
                if index >= previousIndex, date < earlierDate {
                    diagnostics.error("review of '\(review.stage)' is dated \(date), before the review of '\(earlier.stage)' (\(earlierDate)): dates out of order",
                                      at: review.location)
                } else if index < previousIndex {
                    diagnostics.error("review of '\(review.stage)' is listed after the review of the later stage '\(earlier.stage)': list reviews in timeline order",
                                      at: review.location)
                }
            }
            previous = (index, review)
        }
    }

    /// Translating before the source reaches the translation stage risks translating text that changes.
    private static func checkTranslationTiming(_ chapter: Chapter, stageIndex: Int, timeline: Timeline,
                                               publication: Publication, diagnostics: DiagnosticCollector) {
        guard let (translationIndex, translationStage) = timeline.translationStage, stageIndex < translationIndex else { return }
        for language in publication.config.languageCodes where language != publication.config.sourceLanguage {
            guard let translation = publication.chapter(slug: chapter.slug, language: language) else { continue }
            diagnostics.warning("translation started before its source chapter reached '\(translationStage.id)' (the source is at \(timeline.stages[stageIndex].id)): rework risk",
                                at: translation.location, related: [chapter.stageLocation ?? chapter.location])
        }
    }
}

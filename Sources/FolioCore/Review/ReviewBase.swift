import Foundation

/// The version of a chapter a redline starts from: a commit named on the command line, or the one a
/// recorded review read (`version:`, else the last commit on or before the review's date that changed
/// the file).
public struct ReviewBase: Sendable {
    /// What the redline is against.
    public enum Since: Sendable {
        /// The chapter's latest review.
        case latestReview
        /// The latest review of this stage.
        case review(stage: String)
        /// A git revision.
        case revision(String)
    }

    public var commit: String
    /// The review, when the base is one.
    public var review: ReviewRecord?
    /// The chapter's text at `commit`.
    public var text: String

    /// The base of `chapter`'s redline, or the diagnostic that says why there is none.
    public static func find(_ since: Since, chapter: Chapter, history: ChapterHistory, timeline: Timeline) -> Result<ReviewBase, Diagnostic> {
        let commit: String
        var review: ReviewRecord?
        switch since {
        case .revision(let revision):
            guard let found = history.commit(revision) else {
                return .failure(.error("unknown revision '\(revision)': no commit of this repository has that name (give a commit id, a tag or HEAD~N)",
                                       at: chapter.location))
            }
            commit = found
        case .latestReview, .review:
            var candidates = chapter.reviews
            if case .review(let stage) = since {
                guard timeline.stage(stage) != nil else {
                    let reviewStages = timeline.stages.filter(\.isReview).map(\.id)
                    return .failure(.error("--since-review \(stage): unknown stage" + Suggestion.hint(for: stage, in: reviewStages)
                                           + " (review stages: \(reviewStages.isEmpty ? "none" : reviewStages.joined(separator: ", ")))",
                                           at: SourceLocation(file: "Content/publication.yml")))
                }
                candidates = candidates.filter { $0.stage == stage }
                guard !candidates.isEmpty else {
                    return .failure(.error("`\(chapter.fileStem)` has no review of '\(stage)' recorded: record it with `folio review record` or use --since REV",
                                           at: chapter.stageLocation ?? chapter.location))
                }
            }
            guard let latest = candidates.last else {
                return .failure(.error("`\(chapter.fileStem)` has no review recorded to compare with: use --since REV, or record one with `folio review record`",
                                       at: chapter.stageLocation ?? chapter.location))
            }
            switch version(of: latest, chapter: chapter, history: history) {
            case .success(let found): commit = found
            case .failure(let diagnostic): return .failure(diagnostic)
            }
            review = latest
        }
        guard let text = history.text(of: chapter.path, at: commit) else {
            return .failure(.error("\(chapter.path) did not exist at commit \(commit.prefix(12)) (was it renamed?)",
                                   at: review?.location ?? chapter.location))
        }
        return .success(ReviewBase(commit: commit, review: review, text: text))
    }

    /// The commit a review read.
    public static func version(of review: ReviewRecord, chapter: Chapter, history: ChapterHistory) -> Result<String, Diagnostic> {
        if let version = review.version {
            guard let found = history.commit(version) else {
                return .failure(.error("the review's version '\(version)' is not a commit of this repository (a shallow clone, or history rewritten?)",
                                       at: review.location))
            }
            return .success(found)
        }
        guard let date = review.date else {
            return .failure(.error("the review has neither `version:` nor `date:` to find the version it read", at: review.location))
        }
        guard let found = history.lastCommit(touching: chapter.path, onOrBefore: date) else {
            return .failure(.error("the review has no `version:`, and no commit changed \(chapter.path) on or before \(date): add `version: <commit>`",
                                   at: review.location))
        }
        return .success(found)
    }
}

import Foundation

/// A chapter's history in git, as the review rounds need it: which commit a review saw, and the chapter's
/// text at that commit. Every question is one `git` run (see `SourceHistory.git`).
public struct ChapterHistory: Sendable {
    /// Why a chapter's history cannot be read.
    public enum Problem: Error, Sendable, Equatable {
        /// No `git` program on PATH.
        case noGit
        /// The publication is not inside a git work tree.
        case notARepository
    }

    /// The project folder, and the work tree's top folder that git paths are relative to.
    public let project: URL
    let top: String

    /// The repository holding `project`.
    public static func open(_ project: URL) -> Result<ChapterHistory, Problem> {
        guard let top = SourceHistory.git(["rev-parse", "--show-toplevel"], in: project)?
            .trimmingCharacters(in: .whitespacesAndNewlines), !top.isEmpty else {
            return .failure(SourceHistory.git(["--version"], in: URL(fileURLWithPath: "/")) == nil ? .noGit : .notARepository)
        }
        return .success(ChapterHistory(project: project, top: URL(fileURLWithPath: top).resolvingSymlinksInPath().path))
    }

    /// The path git knows a project file by (`Content/en/05-governance.md` → relative to the work tree).
    func gitPath(_ projectPath: String) -> String? {
        let absolute = project.appendingPathComponent(projectPath).standardizedFileURL.resolvingSymlinksInPath().path
        guard absolute.hasPrefix(top + "/") else { return nil }
        return String(absolute.dropFirst(top.count + 1))
    }

    /// The full id of the commit `revision` names (an id, an abbreviation, `HEAD~2`, a tag), or nil.
    public func commit(_ revision: String) -> String? {
        // `--end-of-options` keeps a revision starting with `-` from being read as an option.
        guard !revision.isEmpty, !revision.contains("\n"),
              let id = SourceHistory.git(["rev-parse", "--verify", "--quiet", "--end-of-options", "\(revision)^{commit}"], in: project)?
                .trimmingCharacters(in: .whitespacesAndNewlines), id.count >= 40 else { return nil }
        return id
    }

    /// The commit now checked out.
    public func head() -> String? { commit("HEAD") }

    /// The chapter's text at `commit`, or nil when the file did not exist there.
    public func text(of projectPath: String, at commit: String) -> String? {
        guard let path = gitPath(projectPath) else { return nil }
        return SourceHistory.git(["show", "\(commit):\(path)"], in: project)
    }

    /// The last commit on or before the end of `date` (UTC) that changed the file: what a review of
    /// that date without a recorded `version:` most likely read.
    public func lastCommit(touching projectPath: String, onOrBefore date: CalendarDate) -> String? {
        guard let path = gitPath(projectPath),
              let id = SourceHistory.git(["log", "-1", "--format=%H", "--before=\(date)T23:59:59Z", "--", path], in: project)?
                .trimmingCharacters(in: .whitespacesAndNewlines), !id.isEmpty else { return nil }
        return id
    }

    /// Whether the file has uncommitted changes (the recorded version would not be what the reviewer read).
    public func hasUncommittedChanges(_ projectPath: String) -> Bool {
        guard let path = gitPath(projectPath),
              let status = SourceHistory.git(["status", "--porcelain", "--", path], in: project) else { return false }
        return !status.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }
}

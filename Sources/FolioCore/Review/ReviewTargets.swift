import Foundation

/// What the review commands share: the chapters named on the command line, and the words for what
/// keeps them from reading git history.
enum ReviewTargets {
    /// The chapters `files` name (`en/05-governance.md` or `Content/en/05-governance.md`); each name
    /// that is no chapter is an error (with the closest chapter's name).
    static func chapters(_ files: [String], in publication: Publication, diagnostics: DiagnosticCollector) -> [Chapter] {
        let all = publication.chapters.keys.sorted().flatMap { publication.chapters[$0] ?? [] }
        var found: [Chapter] = []
        for file in files {
            let path = file.hasPrefix("Content/") ? file : "Content/\(file)"
            if let chapter = all.first(where: { $0.path == path }) {
                found.append(chapter)
            } else {
                let names = all.map { String($0.path.dropFirst("Content/".count)) }
                diagnostics.error("no chapter \(path): give it as <lang>/NN-slug.md"
                                  + Suggestion.hint(for: String(path.dropFirst("Content/".count)), in: names),
                                  at: SourceLocation(file: path))
            }
        }
        return found
    }

    static func message(_ problem: ChapterHistory.Problem, project: URL, need: String) -> String {
        switch problem {
        case .noGit: "git is not installed, and \(need): install git (Debian: apt-get install git)"
        case .notARepository: "\(project.path) is not in a git repository, and \(need): run `git init` and commit the chapters"
        }
    }

    static func reason(_ error: Error) -> String {
        switch error {
        case ChapterFile.Problem.unreadable(let reason): reason
        case ChapterFile.Problem.unterminatedFrontMatter: "front matter is not closed"
        default: ContentLoader.reason(error)
        }
    }
}

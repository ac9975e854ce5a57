import ArgumentParser
import FolioCore
import Foundation

/// `folio review record|comments|accept|reject`: the review rounds (README, "Review rounds").
struct Review: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record reviews with the version they read, list reviewers' comments, accept or reject their edits.",
        subcommands: [Record.self, Comments.self, Accept.self, Reject.self])

    /// Chapter names, then optionally the publication folder (a folder holding Content/).
    static func split(_ arguments: [String]) -> (files: [String], project: URL) {
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        var files = arguments
        if let last = files.last,
           FileManager.default.fileExists(atPath: URL(fileURLWithPath: last, relativeTo: here).appendingPathComponent("Content").path) {
            files.removeLast()
            return (files, URL(fileURLWithPath: last, relativeTo: here).standardizedFileURL)
        }
        return (files, here.standardizedFileURL)
    }

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Append a review to each chapter's front matter, with the commit the reviewers read (`version:`).")

        @Argument(help: "The chapters reviewed, as <lang>/NN-slug.md, then optionally the publication folder.")
        var arguments: [String] = []

        @Option(help: "The review stage (an id of publication.yml's stages with `review: true`).")
        var stage: String

        @Option(help: "Who reviewed.")
        var by: String

        @Option(help: "The review's date, YYYY-MM-DD (default: today).")
        var date: String?

        @Option(help: "The review's outcome (for example 'revisions requested').")
        var outcome: String?

        @Option(help: "How diagnostics are printed: text or json.")
        var format: OutputFormat = .text

        func run() throws {
            let (files, project) = Review.split(arguments)
            guard !files.isEmpty else { throw ValidationError("name the chapters reviewed, as <lang>/NN-slug.md") }
            var day: CalendarDate?
            if let date {
                guard let parsed = CalendarDate(iso: date) else { throw ValidationError("--date must be a date written YYYY-MM-DD, not '\(date)'") }
                day = parsed
            }
            let outcome = ReviewRecorder.record(project: project, request: .init(files: files, stage: stage, by: by, date: day,
                                                                                   outcome: self.outcome))
            report(outcome.diagnostics, format: format, success: outcome.succeeded ? outcome.recorded.joined(separator: "\n") : nil)
            if !outcome.succeeded { throw ExitCode(1) }
        }
    }

    struct Comments: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every reviewer's comment at file:line:column with its author and date.")

        @OptionGroup var project: ProjectOptions

        @Flag(help: "Only the comments nobody has answered yet.")
        var open = false

        @Option(help: "Only the threads with a comment by this author.")
        var by: String?

        func run() throws {
            let diagnostics = DiagnosticCollector()
            guard let publication = ContentLoader.load(project: project.projectURL, diagnostics: diagnostics) else {
                report(diagnostics.diagnostics, format: project.format, success: nil)
                throw ExitCode(1)
            }
            let index = CommentIndex(publication: publication).filtered(openOnly: open, by: by)
            print(project.format == .json ? index.json() : index.text(), terminator: project.format == .json ? "\n" : "")
        }
    }

    /// What accept and reject share.
    struct ResolveOptions: ParsableArguments {
        @Argument(help: "The chapters, as <lang>/NN-slug.md, then optionally the publication folder.")
        var arguments: [String] = []

        @Flag(help: "Every edit and comment of the chapters.")
        var all = false

        @Option(help: "Only the marks on this line of the file.")
        var line: Int?

        @Option(help: "Only the edits and comments by this reviewer (an edit is theirs when their comment follows it).")
        var by: String?

        @Option(help: "How diagnostics are printed: text or json.")
        var format: OutputFormat = .text

        func validate() throws {
            let chosen = [all, line != nil, by != nil].count { $0 }
            if chosen != 1 { throw ValidationError("choose what to resolve: --all, --line N or --by NAME (one of them)") }
            if let line, line < 1 { throw ValidationError("--line must be a line number (1 or more)") }
        }

        func run(_ decision: ReviewResolver.Decision) throws {
            let (files, project) = Review.split(arguments)
            guard !files.isEmpty else { throw ValidationError("name the chapters, as <lang>/NN-slug.md") }
            let selection: ReviewResolver.Selection = all ? .all : line.map { .line($0) } ?? .author(by ?? "")
            let outcome = ReviewResolver.resolve(project: project, files: files, decision: decision, selection: selection)
            report(outcome.diagnostics, format: format, success: outcome.succeeded ? outcome.report.joined(separator: "\n") : nil)
            if !outcome.succeeded { throw ExitCode(1) }
        }
    }

    struct Accept: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply reviewers' insertions, deletions and substitutions, and resolve their comments.")

        @OptionGroup var options: ResolveOptions

        func run() throws { try options.run(.accept) }
    }

    struct Reject: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Discard reviewers' insertions, deletions and substitutions, and resolve their comments.")

        @OptionGroup var options: ResolveOptions

        func run() throws { try options.run(.reject) }
    }
}

/// `folio diff <lang>/<file>`: the redline since the last review, a review stage or a revision.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a chapter's changes since its last review (or a review stage, or a git revision).")

    @Argument(help: "The chapter, as <lang>/NN-slug.md.")
    var file: String

    @OptionGroup var project: ProjectOptions

    @Option(help: "Compare with this git revision (a commit id, a tag, HEAD~N).")
    var since: String?

    @Option(name: .customLong("since-review"), help: "Compare with the version the latest review of this stage read.")
    var sinceReview: String?

    func validate() throws {
        if since != nil && sinceReview != nil { throw ValidationError("--since and --since-review exclude each other") }
    }

    func run() throws {
        let base: ReviewBase.Since = since.map { .revision($0) } ?? sinceReview.map { .review(stage: $0) } ?? .latestReview
        switch RedlineReport.make(project: project.projectURL, file: file, since: base) {
        case .success(let redline):
            print(project.format == .json ? redline.json() : redline.text(), terminator: project.format == .json ? "\n" : "")
        case .failure(let failure):
            report(failure.diagnostics, format: project.format, success: nil)
            throw ExitCode(1)
        }
    }
}

import ArgumentParser
import FolioCore
import Foundation

@main
struct Folio: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "folio",
        abstract: "Builds multilingual UN publications from Markdown chapters.",
        discussion: "Every command takes the publication folder (holding Content/ and Templates/) as an optional PATH; the default is the current folder.",
        version: "0.1.0",
        subcommands: [Build.self, Check.self, Status.self],
        defaultSubcommand: Build.self
    )
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Options every command shares.
struct ProjectOptions: ParsableArguments {
    @Argument(help: "The publication folder (default: the current folder).", completion: .directory)
    var path: String = "."

    @Option(help: "How diagnostics are printed: text or json.")
    var format: OutputFormat = .text

    var projectURL: URL {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            .standardizedFileURL
    }
}

/// Options of the commands that check the timeline.
struct TimelineOptions: ParsableArguments {
    @Option(name: .customLong("as-of"), help: "Check the timeline as of this date (YYYY-MM-DD; default: publication.yml's status-date, else today).")
    var asOf: String?

    @Flag(help: "Report a chapter behind schedule as an error, not a warning.")
    var strict = false

    func date() throws -> CalendarDate? {
        guard let asOf else { return nil }
        guard let date = CalendarDate(iso: asOf) else {
            throw ValidationError("--as-of must be a date written YYYY-MM-DD, not '\(asOf)'")
        }
        return date
    }
}

/// Phase durations on standard error, for the benchmark and profiling: `FOLIO_TIMINGS=1` or `--timings`.
struct TimingOptions: ParsableArguments {
    @Flag(help: .hidden)
    var timings = false

    var wanted: Bool { timings || ProcessInfo.processInfo.environment["FOLIO_TIMINGS"] == "1" }
}

/// Prints diagnostics (to standard error as text, or to standard output as JSON) and the summary.
func report(_ diagnostics: [Diagnostic], format: OutputFormat, success: String?, timings: [PhaseTimer.Phase] = []) {
    if !timings.isEmpty { FileHandle.standardError.write(Data(PhaseTimer.format(timings).utf8)) }
    switch format {
    case .json:
        print(DiagnosticFormatter.json(diagnostics))
    case .text:
        var text = DiagnosticFormatter.text(diagnostics)
        text += DiagnosticFormatter.summary(diagnostics) + "\n"
        FileHandle.standardError.write(Data(text.utf8))
        if let success { print(success) }
    }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render the publication into a static site (default: PATH/Public).")

    @OptionGroup var project: ProjectOptions

    @Option(help: "Write the site here instead of PATH/Public.", completion: .directory)
    var output: String?

    @Flag(help: "Build the public edition: refused unless every chapter is approved, reviewed, free of reviewers' edits and translated; no draft marks.")
    var release = false

    @OptionGroup var timeline: TimelineOptions
    @OptionGroup var timing: TimingOptions

    func run() throws {
        let outputURL = output.map {
            URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
        }
        let options = SiteBuilder.Options(project: project.projectURL, output: outputURL, asOf: try timeline.date(),
                                          strict: timeline.strict, release: release, timings: timing.wanted)
        let result = SiteBuilder.build(options)
        let success = result.succeeded
            ? "Built \(result.filesWritten) files into \(options.outputFolder.path)" : nil
        report(result.diagnostics, format: project.format, success: success, timings: result.timings)
        if !result.succeeded { throw ExitCode(1) }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load, check and render the publication without writing anything.")

    @OptionGroup var project: ProjectOptions
    @OptionGroup var timeline: TimelineOptions
    @OptionGroup var timing: TimingOptions

    func run() throws {
        let result = SiteBuilder.check(SiteBuilder.Options(project: project.projectURL, asOf: try timeline.date(),
                                                           strict: timeline.strict, timings: timing.wanted))
        report(result.diagnostics, format: project.format, success: result.succeeded ? "No errors." : nil,
               timings: result.timings)
        if !result.succeeded { throw ExitCode(1) }
    }
}

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print where every chapter stands: stage, next due date, reviews, open edits, translations.")

    @OptionGroup var project: ProjectOptions
    @OptionGroup var timeline: TimelineOptions

    func run() throws {
        let (statusReport, diagnostics) = SiteBuilder.status(SiteBuilder.Options(project: project.projectURL, asOf: try timeline.date(),
                                                                           strict: timeline.strict))
        let errors = diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty { report(errors, format: project.format, success: nil) }
        guard let statusReport else { throw ExitCode(1) }
        print(statusReport.terminalTable(), terminator: "")
        if !errors.isEmpty { throw ExitCode(1) }
    }
}

import ArgumentParser
import FolioCore
import FolioServe
import Foundation

@main
struct Folio: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "folio",
        abstract: "Builds multilingual UN publications from Markdown chapters.",
        discussion: "Every command takes the publication folder (holding Content/, and Templates/ for files that replace folio's built-in defaults) as an optional PATH; the default is the current folder.",
        version: FolioVersion.description,
        subcommands: [Build.self, Check.self, Serve.self, Status.self, Translations.self, Terms.self, Review.self, Diff.self,
                      New.self, Templates.self, Doctor.self],
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

/// Writes a line to standard output at once (unbuffered), for the preview server's log.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// Prints diagnostics (to standard error as text, or to standard output as JSON) and the summary.
/// Phase durations (load, parse, check, render, write) on standard error, for the benchmark and
/// profiling: `FOLIO_TIMINGS=1` (or `folio build --timings`, which also times the print edition).
var phaseTimingsWanted: Bool { ProcessInfo.processInfo.environment["FOLIO_TIMINGS"] == "1" }

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

    @Flag(name: .customLong("no-pdf"), help: "Build the site without the print edition (one PDF per language, typeset by Typst).")
    var noPDF = false

    @Flag(name: .customLong("pdf-only"), help: "Build only the print edition: replace the PDFs in the output and leave the pages as they are.")
    var pdfOnly = false

    @Flag(help: "Print how long each language's print edition took to generate and to compile, and Typst's peak memory.")
    var timings = false

    @OptionGroup var timeline: TimelineOptions

    @Option(help: "Build only this language (plus the source language it falls back to). Repeatable.")
    var lang: [String] = []

    @Flag(name: .customLong("no-search"), help: "Make no search index and leave the search box out (by default Pagefind indexes the site when it is installed).")
    var noSearch = false

    @Option(help: ArgumentHelp("What to make, comma-separated: site, pdf, docx, epub (default: site and pdf, plus docx and epub when pandoc is installed).",
                               valueName: "site,pdf,docx,epub"))
    var formats: String?

    func validate() throws {
        if noPDF && pdfOnly { throw ValidationError("--no-pdf and --pdf-only exclude each other") }
        if formats != nil && (noPDF || pdfOnly) { throw ValidationError("--formats names what to make: use it instead of --no-pdf or --pdf-only") }
        if let formats, case .failure(let error) = EditionFormat.parse(formats) { throw ValidationError(error.message) }
    }

    /// The site's pages, the PDF mode and the pandoc editions that `--formats` (or the older flags) ask for.
    private func requested() -> (pages: Bool, pdf: SiteBuilder.PDFMode, editions: Set<EditionFormat>) {
        guard let formats, case .success(let chosen) = EditionFormat.parse(formats) else {
            // The default: the site and its PDFs, and the Word and EPUB editions when pandoc is there.
            return (!pdfOnly, noPDF ? .skip : pdfOnly ? .only : .withSite, pdfOnly || noPDF ? [] : EditionFormat.pandocFormats)
        }
        let pages = chosen.contains(.site)
        let pdf: SiteBuilder.PDFMode = chosen.contains(.pdf) ? (pages ? .withSite : .only) : .skip
        return (pages, pdf, chosen.intersection(EditionFormat.pandocFormats))
    }

    func run() throws {
        let outputURL = output.map {
            URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
        }
        let (pages, pdf, editions) = requested()
        var options = SiteBuilder.Options(project: project.projectURL, output: outputURL, asOf: try timeline.date(),
                                          strict: timeline.strict, release: release, onlyLanguages: lang.isEmpty ? nil : lang,
                                          pdf: pdf, search: noSearch ? .off : .automatic, timings: timings || phaseTimingsWanted,
                                          editions: editions, pages: pages)
        options.exitsAfterwards = true
        let result = SiteBuilder.build(options)
        let success = result.succeeded
            ? "Built \(result.filesWritten) files into \(options.outputFolder.path)" : nil
        report(result.diagnostics, format: project.format, success: success, timings: result.timings)
        if timings {
            printTimings(result.printTimings)
            printEditionTimings(result.editionTimings)
        }
        if !result.succeeded { throw ExitCode(1) }
    }

    /// One line per language, then the totals, on standard error (the benchmark reads them).
    private func printTimings(_ timings: [PrintEdition.Timing]) {
        var text = ""
        for timing in timings {
            text += "print \(timing.language): generate \(milliseconds(timing.generationSeconds)) ms, "
                + "compile \(milliseconds(timing.compileSeconds)) ms (Typst \(milliseconds(timing.typstSeconds)) ms), "
                + "peak \(timing.peakKiB / 1024) MiB, \(timing.pdfBytes / 1024) KiB\n"
        }
        let generation = timings.map(\.generationSeconds).reduce(0, +)
        let compile = timings.map(\.compileSeconds).reduce(0, +)
        if compile > 0 {
            text += "print total: generate \(milliseconds(generation)) ms, compile \(milliseconds(compile)) ms, "
                + "generation is \(String(format: "%.2f", 100 * generation / compile)) % of compile\n"
        }
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// One line per language and format, then the total, on standard error (`make bench-editions` reads them).
    private func printEditionTimings(_ timings: [WordAndEPUBEditions.Timing]) {
        guard !timings.isEmpty else { return }
        var text = ""
        for timing in timings.sorted(by: { ($0.language, $0.format) < ($1.language, $1.format) }) {
            text += "edition \(timing.language) \(timing.format.rawValue): \(milliseconds(timing.seconds)) ms, \(timing.bytes / 1024) KiB\n"
        }
        text += "edition total: \(milliseconds(timings.map(\.seconds).reduce(0, +))) ms of pandoc work\n"
        FileHandle.standardError.write(Data(text.utf8))
    }

    private func milliseconds(_ seconds: Double) -> String { String(format: "%.1f", seconds * 1000) }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load, check and render the publication without writing anything.")

    @OptionGroup var project: ProjectOptions
    @OptionGroup var timeline: TimelineOptions

    @Flag(name: .customLong("no-pdf"), help: "Leave out the checks of the print edition (e.g. images need alternative text).")
    var noPDF = false

    func run() throws {
        let result = SiteBuilder.check(SiteBuilder.Options(project: project.projectURL, asOf: try timeline.date(),
                                                           strict: timeline.strict, pdf: noPDF ? .skip : .withSite,
                                                           timings: phaseTimingsWanted))
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

struct Translations: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Which translations are current, stale (and what changed), missing or unmarked.",
        subcommands: [Report.self, Mark.self, Export.self, Import.self],
        defaultSubcommand: Report.self
    )

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report every chapter × language; with --diff, show the source changes since a translation was marked.")

        @OptionGroup var project: ProjectOptions

        @Option(help: "Only this language.")
        var lang: String?

        @Option(help: "Print the source changes since this translation (<lang>/NN-slug.md) was marked.")
        var diff: String?

        func run() throws {
            let diagnostics = DiagnosticCollector()
            guard let publication = ContentLoader.load(project: project.projectURL, diagnostics: diagnostics) else {
                report(diagnostics.diagnostics, format: project.format, success: nil)
                throw ExitCode(1)
            }
            if let diff {
                switch TranslationReport.diff(project: project.projectURL, publication: publication, file: diff) {
                case .success(let text): print(text, terminator: "")
                case .failure(let diagnostic):
                    report([diagnostic], format: project.format, success: nil)
                    throw ExitCode(1)
                }
                return
            }
            if let lang, !publication.config.languageCodes.contains(lang) {
                throw ValidationError("'\(lang)' is not one of the publication's languages (\(publication.config.languageCodes.joined(separator: ", ")))")
            }
            var translations = TranslationReport(publication: publication, only: lang)
            for language in translations.languages {
                translations.unitsToTranslate[language] = TranslationExporter.export(project: project.projectURL, language: language,
                                                                                     format: .po, scope: .stale).units
            }
            print(project.format == .json ? translations.json() : translations.text(), terminator: project.format == .json ? "\n" : "")
        }
    }

    struct Mark: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record that a translation now matches its source chapter (writes its front matter).")

        @Argument(help: "The translation, as <lang>/NN-slug.md (several allowed).")
        var files: [String] = []

        @Option(name: .customLong("all"), help: "Mark every translation of this language.")
        var allLanguage: String?

        @Option(name: .customLong("project"), help: "The publication folder (default: the current folder).")
        var path: String = "."

        @Option(help: "How diagnostics are printed: text or json.")
        var format: OutputFormat = .text

        func validate() throws {
            if files.isEmpty && allLanguage == nil {
                throw ValidationError("name the translations to mark (fr/01-introduction.md) or use --all <lang>")
            }
        }

        func run() throws {
            let projectURL = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
            // A trailing argument that is a folder holding Content/ is the publication folder (`mark fr/x.md PATH`).
            var targets = files
            var folder = projectURL
            if let last = targets.last, targets.count > 1 || allLanguage != nil,
               FileManager.default.fileExists(atPath: URL(fileURLWithPath: last).appendingPathComponent("Content").path) {
                folder = URL(fileURLWithPath: last).standardizedFileURL
                targets.removeLast()
            }
            let outcome = TranslationMarker.mark(project: folder, files: targets, allLanguage: allLanguage)
            let success = outcome.marked.map { "marked \($0)" }.joined(separator: "\n")
            report(outcome.diagnostics, format: format, success: outcome.succeeded ? success : nil)
            if !outcome.succeeded { throw ExitCode(1) }
        }
    }
}

extension Translations {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export the units a language needs translated, for a CAT tool (XLIFF 1.2) or gettext tools (PO).",
            discussion: "Without -o the file goes to standard output. --stale (the default): the units of missing chapters and those changed since the translation was marked; --all: every unit, with the current translation.")

        @Option(help: "The language to translate into.")
        var lang: String

        @Option(help: "xliff (XLIFF 1.2, for OmegaT, memoQ, Trados) or po (gettext).")
        var format: ExchangeFormat = .xliff

        @Flag(help: "Only what is missing or changed since the translation was marked (the default).")
        var stale = false

        @Flag(help: "Every unit, with the current translation.")
        var all = false

        @Option(name: .shortAndLong, help: "Write the file here instead of standard output.", completion: .file())
        var output: String?

        @Argument(help: "The publication folder (default: the current folder).", completion: .directory)
        var path: String = "."

        func validate() throws {
            if stale && all { throw ValidationError("--stale and --all exclude each other") }
        }

        func run() throws {
            let project = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
            let outcome = TranslationExporter.export(project: project, language: lang, format: format.format, scope: all ? .all : .stale)
            guard outcome.succeeded, let text = outcome.text else {
                report(outcome.diagnostics, format: .text, success: nil)
                throw ExitCode(1)
            }
            let summary = "\(outcome.units) units (\(outcome.words) words) of \(outcome.chapters) chapters"
            if let output {
                let url = URL(fileURLWithPath: output, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
                do {
                    try Data(text.utf8).write(to: url, options: .atomic)
                } catch {
                    throw ValidationError("cannot write \(output): \(error.localizedDescription)")
                }
                report(outcome.diagnostics, format: .text, success: "exported \(summary) to \(output)")
            } else {
                if !outcome.diagnostics.isEmpty { report(outcome.diagnostics, format: .text, success: nil) }
                FileHandle.standardOutput.write(Data(text.utf8))
                FileHandle.standardError.write(Data("exported \(summary)\n".utf8))
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the translations of an XLIFF or PO file into the language's chapters (and mark them).",
            discussion: "Refused, with nothing written, when a unit does not match the current source: an unknown id, a changed source, a placeholder missing or added.")

        @Argument(help: "The translated XLIFF (.xlf, .xliff) or PO (.po) file.", completion: .file())
        var file: String

        @Argument(help: "The publication folder (default: the current folder).", completion: .directory)
        var path: String = "."

        @Option(help: "How diagnostics are printed: text or json.")
        var format: OutputFormat = .text

        func run() throws {
            let base = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            let project = URL(fileURLWithPath: path, relativeTo: base).standardizedFileURL
            let outcome = TranslationImporter.importFile(URL(fileURLWithPath: file, relativeTo: base).standardizedFileURL,
                                                         displayPath: file, project: project)
            let success = outcome.written.map { "wrote \($0.path): \($0.translated) of \($0.units) units translated, "
                + "\($0.sectionsCurrent) of \($0.sections) sections marked current" }.joined(separator: "\n")
            report(outcome.diagnostics, format: format, success: outcome.succeeded ? success : nil)
            if !outcome.succeeded { throw ExitCode(1) }
        }
    }
}

struct Terms: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The publication's terminology (Content/terms.yml).",
        subcommands: [Import.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add the concepts of a TBX file (ISO 30042, as UNTERM and other termbases export) to Content/terms.yml.")

        @Argument(help: "The TBX file.", completion: .file())
        var file: String

        @Argument(help: "The publication folder (default: the current folder).", completion: .directory)
        var path: String = "."

        func run() throws {
            let base = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            let outcome = TBXImporter.importFile(URL(fileURLWithPath: file, relativeTo: base).standardizedFileURL, displayPath: file,
                                                 project: URL(fileURLWithPath: path, relativeTo: base).standardizedFileURL)
            var lines = outcome.added.map { "added '\($0)'" }
            lines += outcome.kept.map { "kept the glossary's own entry for '\($0)'" }
            report(outcome.diagnostics, format: .text, success: outcome.succeeded ? lines.joined(separator: "\n") : nil)
            if !outcome.succeeded { throw ExitCode(1) }
        }
    }
}

enum ExchangeFormat: String, ExpressibleByArgument, CaseIterable {
    case xliff, po

    var format: TranslationExporter.Format { self == .xliff ? .xliff : .po }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview the draft site: serve it over HTTP, rebuild on every change, reload the open pages.")

    @OptionGroup var project: ProjectOptions

    @Option(help: "The port to listen on (0: any free port).")
    var port: Int = 8000

    @Option(help: "The address to listen on. The default serves this machine only; 0.0.0.0 shares the preview on the network.")
    var host: String = "127.0.0.1"

    @Option(help: "Build only this language (plus the source language). Repeatable.")
    var lang: [String] = []

    @Flag(help: "Open the site in the default browser.")
    var open = false

    @Flag(help: "Log every request, and each print view compile with its time, changed pages and the compiler's memory.")
    var verbose = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() async throws {
        // No search in the preview (`search` stays off, the search box is left out): its pages change with
        // every edit, and an index of the last `folio build` would find text the preview no longer shows.
        let options = SiteBuilder.Options(project: project.projectURL, onlyLanguages: lang.isEmpty ? nil : lang)
        let host = self.host
        let open = self.open
        let server = PreviewServer(options: options, host: host, port: port, verbose: verbose, onReady: { url in
            let scope = host == "127.0.0.1" || host == "localhost" || host == "::1"
                ? "on this machine only (use --host 0.0.0.0 to share it on the network)"
                : "on the network, to every machine that can reach \(host)"
            say("Serving the draft site at \(url) \(scope). Press Ctrl-C to stop.")
            say("The print edition, page by page: \(url)__folio/print/<language>/ (each draft page links to it).")
            if open { Self.openBrowser(url) }
        }, log: { message in
            say(message)
        })
        try await server.run()
        print("Stopped.")
    }

    static func openBrowser(_ url: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xdg-open", url]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try? process.run()
    }
}

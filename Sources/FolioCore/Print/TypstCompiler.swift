import Foundation

/// Runs Typst (the PyPI package `typst`, which has no command line) through `python3` and a small
/// wrapper script, and turns what it reports into folio diagnostics at the places they come from:
/// the chapter's line for the generated document, the template's own line for the design.
struct TypstCompiler: Sendable {
    /// The Python interpreter: a name looked up on PATH (`python3`) or a path.
    let python: String

    /// The Typst version folio is tested with (`make` installs it).
    static let testedPackage = "typst==0.15.2"
    /// PDF/A-2a (archival, tagged) and PDF/UA-1 (accessible): Typst checks both and fails on a
    /// missing alternative text or document title.
    static let standards = ["a-2a", "ua-1"]
    /// Debian's Noto fonts (fonts-noto-core, fonts-noto-cjk); only these (and the template's own
    /// fonts/) are used, so no stray system font can slip into the book.
    static let systemFontFolders = ["/usr/share/fonts/truetype/noto", "/usr/share/fonts/opentype/noto"]

    /// The wrapper: reads its job as JSON, prints the outcome as JSON on one line.
    static let wrapper = """
    import json, resource, sys, time
    job = json.loads(sys.argv[1])
    try:
        import typst
    except ImportError as error:
        print(json.dumps({"status": "missing", "detail": str(error)}))
        sys.exit(0)
    if job.get("probe"):
        print(json.dumps({"status": "ok"}))
        sys.exit(0)
    def report(item):
        return {"message": str(getattr(item, "message", item)), "diagnostic": str(getattr(item, "diagnostic", "") or ""),
                "hints": [str(h) for h in (getattr(item, "hints", None) or [])]}
    start = time.monotonic()
    try:
        compiler = typst.Compiler(job["input"], root=job["root"], font_paths=job["fonts"], ignore_system_fonts=True)
        _, warnings = compiler.compile_with_warnings(output=job["output"], pdf_standards=job["standards"], timestamp=job["timestamp"])
        result = {"status": "ok", "warnings": [report(w) for w in warnings]}
        # The page marks (the EPUB's page list), from the same compiler: its layout is memoized.
        result["marks"] = json.loads(compiler.query("<folio-page>", field="value", format="json"))
    except typst.TypstError as error:
        result = {"status": "error", "errors": [report(error)]}
    result["seconds"] = time.monotonic() - start
    result["peakKiB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps(result))
    """

    enum Availability: Sendable, Equatable {
        case available
        /// Python runs, but `import typst` fails.
        case moduleMissing
        /// No Python interpreter (or it failed to start).
        case pythonMissing(String)
    }

    struct Outcome: Sendable {
        var pdf: Data?
        var diagnostics: [Diagnostic]
        /// Typst's own compile time and the wrapper process's peak memory.
        var seconds: Double
        var peakKiB: Int
        /// Where each heading and paragraph starts in the PDF, in document order (`PrintPageMarks`).
        var marks: [PrintPageMarks.Mark] = []
    }

    struct Report: Decodable {
        struct Item: Decodable {
            var message: String
            var diagnostic: String
            var hints: [String]
        }
        var status: String
        var detail: String?
        var warnings: [Item]?
        var errors: [Item]?
        var seconds: Double?
        var peakKiB: Int?
        var marks: [PrintPageMarks.Mark]?
    }

    /// Whether Typst can run here.
    func probe() -> Availability {
        switch run(job: ["probe": true]) {
        case .failure(let failure): return .pythonMissing(failure.reason)
        case .success(let report): return report.status == "ok" ? .available : .moduleMissing
        }
    }

    /// The warning printed when Typst cannot run: how to install it, and that the site is built anyway.
    static func unavailableMessage(_ availability: Availability, python: String) -> String {
        let install = "install it with `pip install typst` (folio is tested with `python3 -m pip install \(testedPackage)`; `make site` installs it)"
        switch availability {
        case .available: return ""
        case .moduleMissing:
            return "the print edition (PDF) is not built: the Python module 'typst' is missing; \(install), or build with --no-pdf"
        case .pythonMissing(let reason):
            return "the print edition (PDF) is not built: \(python) cannot run (\(reason)); install Python 3 (`apt-get install python3-pip`), then \(install), or build with --no-pdf"
        }
    }

    /// Compiles `document`, laid out in `folder` (its root), into a PDF.
    func compile(_ document: PrintDocument, in folder: URL, fonts: [String], timestamp: Int) -> Outcome {
        let output = folder.appendingPathComponent("edition.pdf")
        let job: [String: Any] = [
            "input": folder.appendingPathComponent(document.fileName).path, "output": output.path, "root": folder.path,
            "fonts": fonts, "standards": Self.standards, "timestamp": timestamp,
        ]
        let edition = "the \(UNLanguage.named(document.language)?.englishName ?? document.language) print edition"
        switch run(job: job, in: folder) {
        case .failure(let failure):
            return Outcome(pdf: nil, diagnostics: [.error("\(edition) could not be typeset: \(failure.reason)", at: nil)],
                           seconds: 0, peakKiB: 0)
        case .success(let report):
            var diagnostics: [Diagnostic] = []
            for item in report.errors ?? [] {
                diagnostics += Self.diagnostics(from: item, severity: .error, document: document, edition: edition)
            }
            for item in report.warnings ?? [] {
                diagnostics += Self.diagnostics(from: item, severity: .warning, document: document, edition: edition)
            }
            if report.status == "missing" {
                diagnostics.append(.error(Self.unavailableMessage(.moduleMissing, python: python), at: nil))
            }
            let pdf = report.status == "ok" ? try? Data(contentsOf: output) : nil
            if report.status == "ok", pdf == nil {
                diagnostics.append(.error("\(edition): Typst reported success but wrote no PDF", at: nil))
            }
            return Outcome(pdf: pdf, diagnostics: diagnostics, seconds: report.seconds ?? 0, peakKiB: report.peakKiB ?? 0,
                           marks: report.marks ?? [])
        }
    }

    // MARK: - Typst's diagnostics

    /// One entry of Typst's rendered diagnostic text.
    struct Entry {
        var severity: String
        var message: String
        var hints: [String] = []
        /// `path:line:column` of the entry, relative to the compile root.
        var location: (path: String, line: Int, column: Int)?
        /// The call sites it happened in ("while calling `chapter`"), innermost first.
        var trace: [(path: String, line: Int, column: Int)] = []
    }

    /// Parses Typst's rendered diagnostics:
    /// ```
    /// error: unclosed delimiter
    ///   ┌─ Templates/print/folio.typ:2:11
    ///   = hint: …
    /// help: while calling `chapter`
    ///   ┌─ edition.typ:40:1
    /// ```
    static func parse(_ text: String) -> [Entry] {
        var entries: [Entry] = []
        var inHelp = false
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if let message = line.dropPrefix("error: ") ?? line.dropPrefix("warning: ") {
                entries.append(Entry(severity: line.hasPrefix("error") ? "error" : "warning", message: message))
                inHelp = false
            } else if line.hasPrefix("help: ") {
                inHelp = true
            } else if let hint = line.dropPrefix("= hint: "), !entries.isEmpty {
                entries[entries.count - 1].hints.append(hint)
            } else if let place = line.dropPrefix("┌─ "), !entries.isEmpty, let location = Self.location(place) {
                if inHelp {
                    entries[entries.count - 1].trace.append(location)
                } else if entries[entries.count - 1].location == nil {
                    entries[entries.count - 1].location = location
                }
            }
        }
        return entries
    }

    private static func location(_ text: String) -> (path: String, line: Int, column: Int)? {
        let parts = text.split(separator: ":")
        guard parts.count >= 3, let line = Int(parts[parts.count - 2]), let column = Int(parts[parts.count - 1]) else { return nil }
        return (parts.dropLast(2).joined(separator: ":"), line, column)
    }

    /// Where a Typst position is in our sources: the generated document's lines map back to the
    /// chapter (or publication.yml, or the template); the template's files are our files already.
    static func map(_ place: (path: String, line: Int, column: Int), document: PrintDocument) -> SourceLocation? {
        let path = place.path.hasPrefix("/") ? String(place.path.dropFirst()) : place.path
        if path == document.fileName { return document.origin(ofLine: place.line) }
        if path.hasPrefix("Templates/") { return SourceLocation(file: path, line: place.line, column: place.column) }
        return nil
    }

    static func diagnostics(from item: Report.Item, severity: Severity, document: PrintDocument, edition: String) -> [Diagnostic] {
        var entries = parse(item.diagnostic)
        if entries.isEmpty { entries = [Entry(severity: severity.rawValue, message: item.message, hints: item.hints)] }
        return entries.map { entry in
            let location = entry.location.flatMap { map($0, document: document) }
            // The call sites are related places: where in the chapters (or the template) it happened.
            var related = entry.trace.compactMap { map($0, document: document) }.filter { $0 != location }
            var seen = Set<SourceLocation>()
            related = related.filter { seen.insert($0).inserted }
            let hints = entry.hints.isEmpty ? "" : " (hint: \(entry.hints.joined(separator: "; ")))"
            return Diagnostic(entry.severity == "error" ? .error : .warning, "\(edition): \(entry.message)\(hints)",
                              at: location, related: related)
        }
    }

    // MARK: - Running Python

    /// Why Python could not run the wrapper.
    struct Failure: Error {
        var reason: String
    }

    /// Runs the wrapper in `directory`: Typst names files relative to the working directory.
    private func run(job: [String: Any], in directory: URL? = nil) -> Result<Report, Failure> {
        guard let jobData = try? JSONSerialization.data(withJSONObject: job, options: [.sortedKeys]) else {
            return .failure(Failure(reason: "the job could not be encoded"))
        }
        let process = ProgramOutput.process(python, ["-c", Self.wrapper, String(decoding: jobData, as: UTF8.self)])
        if let directory { process.currentDirectoryURL = directory }
        let status: Int32
        let outputData: Data
        let errorData: Data
        do {
            (status, outputData, errorData) = try ProgramOutput.run(process, input: nil)
        } catch {
            return .failure(Failure(reason: "\(python) could not be started: \(ContentLoader.reason(error))"))
        }
        let errorText = String(decoding: errorData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let lastLine = String(decoding: outputData, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
        if let report = try? JSONDecoder().decode(Report.self, from: Data(lastLine.utf8)) {
            return .success(report)
        }
        if status == 127 {
            return .failure(Failure(reason: "\(python) was not found"))
        }
        let detail = errorText.split(separator: "\n").last.map(String.init) ?? "exit status \(status)"
        return .failure(Failure(reason: "\(python) failed: \(detail)"))
    }
}

private extension String {
    func dropPrefix(_ prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }
}

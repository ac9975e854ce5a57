import FolioCore
import Foundation

/// The print view's compilers: at most one per language, started when its view is first opened, asked
/// to compile after every good rebuild, stopped after `idleLimit` without a viewer or when they hold more
/// than `memoryLimitKiB` (the next edit starts a fresh one), and all stopped with serve. A compile still running when the next edit
/// arrives is superseded: its result is dropped and only the newest edit is compiled next (one waiting
/// compile at most, never a queue). Page images live in a temporary folder, never in `Public/`.
actor PrintPreviewCompilers {
    /// The print view's state of one language, as the page's script reads it (`state.json`) and as the
    /// `print` event carries it.
    struct ViewState: Encodable, Sendable {
        var lang: String
        /// Counts the published compiles; the script ignores anything older than what it shows.
        var version: Int
        /// Page fingerprints in page order: page N's image is `pages/<fingerprint>.svg`.
        var pages: [String]
        /// Page numbers (1-based) whose image differs from the previous version.
        var changed: [Int]
        /// Labelled headings with their page, in page order.
        var sections: [PlacedSection]
        /// Typst's (or the content's) errors, as `path:line:column: error: message` lines.
        var errors: [String]
        var compiling: Bool
    }

    struct PlacedSection: Encodable, Sendable {
        var page: Int
        var href: String
        var title: String
        var level: Int
    }

    struct Settings: Sendable {
        var python: String
        var idleLimit: Duration = .seconds(600)
        /// A 308-page edition's compiler held 2.1 GiB after 20 edits (Typst's memoized layout): the limit
        /// leaves it room, and stops what keeps growing.
        var memoryLimitKiB: Int = 3_072 * 1024
        var verbose = false
        /// Renders new pages with `poppler` or `typst` whatever their number (nil: the cheaper as measured).
        var renderer: String?
    }

    private final class Edition {
        let language: String
        let folder: URL
        var worker: TypstPreviewWorker?
        /// A view uses it: edits are compiled (false once stopped for idleness, until a view calls in again).
        var active = false
        var state: ViewState
        var running = false
        var wanted = false
        var lastUsed = ContinuousClock.now
        var compileFolder: URL { folder.appendingPathComponent("compile") }
        var pagesFolder: URL { folder.appendingPathComponent("pages") }
        /// The last compile's PDF, which the changed pages are rendered from.
        var pdfFile: URL { folder.appendingPathComponent("edition.pdf") }

        init(language: String, folder: URL) {
            self.language = language
            self.folder = folder
            state = ViewState(lang: language, version: 0, pages: [], changed: [], sections: [], errors: [], compiling: true)
        }
    }

    private let engine: IncrementalBuilder
    private let hub: LiveReloadHub
    private let settings: Settings
    private let log: @Sendable (String) -> Void
    /// Everything the compilers write: `<lang>/compile/` (the Typst document), `<lang>/edition.pdf` and
    /// `<lang>/pages/` (SVGs).
    let root: URL
    private var editions: [String: Edition] = [:]
    private var stopped = false

    init(engine: IncrementalBuilder, hub: LiveReloadHub, settings: Settings, log: @escaping @Sendable (String) -> Void) {
        self.engine = engine
        self.hub = hub
        self.settings = settings
        self.log = log
        let temporary = FileManager.default.temporaryDirectory
        Self.removeLeftovers(in: temporary)
        root = temporary.appendingPathComponent("\(Self.folderPrefix)\(getpid())-\(UUID().uuidString)")
    }

    static let folderPrefix = "folio-print-preview-"

    /// The folders of serves that were killed (SIGKILL leaves no time to clean up): their process is gone.
    static func removeLeftovers(in temporary: URL) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: temporary.path) else { return }
        for name in names where name.hasPrefix(folderPrefix) {
            guard let pid = name.dropFirst(folderPrefix.count).split(separator: "-").first.flatMap({ Int32($0) }), pid > 0,
                  kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? fm.removeItem(at: temporary.appendingPathComponent(name))
        }
    }

    // MARK: - What the server asks

    /// Whether `language` is one of the site's; a print view of another language does not exist.
    nonisolated func hasLanguage(_ language: String) -> Bool {
        PrintPreviewSource.languages(in: engine).contains(language)
    }

    /// The view of `language` was opened or is still open (its script calls in now and then): its compiler
    /// starts if it is not running, and the current state is returned.
    func open(_ language: String) -> ViewState {
        let edition = edition(for: language)
        edition.lastUsed = .now
        if !edition.active {
            edition.active = true
            requestCompile(edition)
        }
        return edition.state
    }

    /// The SVG of the page with `hash` in `language`'s view, when it is one the compiler wrote.
    func pageImage(_ language: String, hash: String) -> Data? {
        guard hash.count == 16, hash.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }),
              let edition = editions[language] else { return nil }
        edition.lastUsed = .now
        return try? Data(contentsOf: edition.pagesFolder.appendingPathComponent("\(hash).svg"))
    }

    /// After a good rebuild: every language whose compiler runs compiles the new content.
    func siteRebuilt() {
        for edition in editions.values where edition.active { requestCompile(edition) }
    }

    /// Stops compilers that no view has used for `idleLimit`.
    func stopIdle() async {
        for edition in editions.values where edition.active && !edition.running
            && ContinuousClock.now - edition.lastUsed >= settings.idleLimit {
            let worker = edition.worker
            edition.worker = nil
            edition.active = false
            guard let worker else { continue }
            await ChangeWatcher.offMainPool { worker.stop() }
            log("Stopped the \(edition.language) print compiler: no print view used it for \(Self.describe(settings.idleLimit)).")
        }
    }

    /// Serve is stopping: every compiler process ends (waited for) and the temporary folder goes.
    func stopAll() async {
        stopped = true
        let workers = editions.values.compactMap(\.worker)
        for edition in editions.values { edition.worker = nil }
        await ChangeWatcher.offMainPool {
            for worker in workers { worker.stop() }
        }
        try? FileManager.default.removeItem(at: root)
        if !workers.isEmpty && settings.verbose {
            log("Stopped \(workers.count) print compiler\(workers.count == 1 ? "" : "s") (pid \(workers.map { String($0.pid) }.joined(separator: ", "))).")
        }
    }

    // MARK: - Compiling

    private func edition(for language: String) -> Edition {
        if let edition = editions[language] { return edition }
        let edition = Edition(language: language, folder: root.appendingPathComponent(language))
        editions[language] = edition
        return edition
    }

    /// Asks for a compile of the newest content. If one is running, it is superseded: this one follows it,
    /// and however many edits arrive meanwhile, only one compile waits.
    private func requestCompile(_ edition: Edition) {
        guard !stopped else { return }
        edition.wanted = true
        guard !edition.running else { return }
        edition.running = true
        let language = edition.language
        Task { await self.drain(language) }
    }

    private func drain(_ language: String) async {
        guard let edition = editions[language] else { return }
        while edition.wanted && !stopped {
            edition.wanted = false
            let started = ContinuousClock.now
            let attempt = await compileOnce(edition)
            if edition.wanted {
                if settings.verbose { log("print \(edition.language): compile superseded by a newer edit; its result is dropped") }
                continue
            }
            await publish(attempt, edition: edition, elapsed: ContinuousClock.now - started)
        }
        edition.running = false
    }

    /// What one compile gave: pages and sections, or the errors to show (the previous pages stay).
    private enum Attempt: Sendable {
        case pages(TypstPreviewWorker.Reply, PrintPreviewSource, warnings: [Diagnostic])
        case errors([Diagnostic])
    }

    private func compileOnce(_ edition: Edition) async -> Attempt {
        let engine = self.engine
        let language = edition.language
        let compileFolder = edition.compileFolder
        let pagesFolder = edition.pagesFolder
        let pdfFile = edition.pdfFile
        let current = edition.worker
        let settings = self.settings
        let outcome: (Attempt, TypstPreviewWorker?) = await ChangeWatcher.offMainPool {
            var worker = current
            let source: PrintPreviewSource
            switch PrintPreviewSource.make(from: engine, language: language) {
            case .failure(let problems): return (.errors(problems.diagnostics), worker)
            case .success(let made): source = made
            }
            do {
                try source.lay(in: compileFolder)
            } catch {
                return (.errors([.error("cannot prepare the \(language) print view in \(compileFolder.path): \(error.localizedDescription)", at: nil)]), worker)
            }
            let document = compileFolder.appendingPathComponent(source.fileName).path
            if let old = worker, !old.isRunning || old.document != document {
                // Gone, or compiling another file (the publication's slug changed): a new one starts.
                old.stop()
                worker = nil
            }
            if worker == nil {
                do {
                    worker = try TypstPreviewWorker(language: language, python: settings.python, document: document,
                                                    root: compileFolder, fonts: source.fonts, pdf: pdfFile, pages: pagesFolder,
                                                    renderer: settings.renderer,
                                                    hardLimitBytes: max(settings.memoryLimitKiB * 4, 4 << 20) * 1024)
                } catch {
                    return (.errors([.error("the \(language) print view: \(error)", at: nil)]), nil)
                }
            }
            guard let running = worker else { return (.errors([]), nil) }
            switch running.compile() {
            case .failure(let failure):
                running.stop()
                return (.errors([.error("the \(language) print view: \(failure.description)", at: nil)]), nil)
            case .success(let reply):
                let encoder = JSONEncoder()
                if reply.status != "ok" {
                    let json = (try? encoder.encode(reply.errors ?? [])) ?? Data("[]".utf8)
                    return (.errors(source.diagnostics(fromTypstJSON: json, severity: .error)), running)
                }
                let json = (try? encoder.encode(reply.warnings ?? [])) ?? Data("[]".utf8)
                return (.pages(reply, source, warnings: source.diagnostics(fromTypstJSON: json, severity: .warning)), running)
            }
        }
        if let started = outcome.1, started !== edition.worker {
            if stopped {
                await ChangeWatcher.offMainPool { started.stop() }
                return .errors([])
            }
            log("Started the \(language) print compiler (pid \(started.pid)); its page images are kept in \(edition.folder.path), never in Public/.")
            if let reason = started.slowPath {
                log("The \(language) print view exports every page on every edit: \(reason); with it, only the changed pages are rendered.")
            }
        }
        edition.worker = outcome.1
        return outcome.0
    }

    private func publish(_ attempt: Attempt, edition: Edition, elapsed: Duration) async {
        let milliseconds = Int(Self.seconds(elapsed) * 1000)
        switch attempt {
        case .errors(let errors):
            guard !errors.isEmpty else { return }
            edition.state.errors = errors.map(DiagnosticFormatter.line(for:))
            edition.state.compiling = false
            await hub.broadcast(LiveEvent.printErrors(language: edition.language, lines: edition.state.errors))
            log("The \(edition.language) print view has \(errors.count) error\(errors.count == 1 ? "" : "s"); its last good pages stay:\n"
                + DiagnosticFormatter.text(errors))
        case .pages(let reply, let source, let warnings):
            let pages = reply.pages ?? []
            let old = edition.state.pages
            let changed = pages.indices.filter { $0 >= old.count || old[$0] != pages[$0] }.map { $0 + 1 }
            var sections: [PlacedSection] = []
            for place in reply.headings ?? [] {
                guard let section = source.sections[place.label] else { continue }
                sections.append(PlacedSection(page: place.page, href: section.href, title: section.title, level: section.level))
            }
            // The compiler answers in page order (and, on a page, from the top).
            edition.state = ViewState(lang: edition.language, version: edition.state.version + 1, pages: pages, changed: changed,
                                      sections: sections, errors: [], compiling: false)
            await hub.broadcast(LiveEvent.print(edition.state))
            removeUnusedPages(edition, keeping: Set(pages).union(old))
            if settings.verbose {
                let shown = changed.count > 12 ? "\(changed.prefix(12).map(String.init).joined(separator: ", ")), …" : changed.map(String.init).joined(separator: ", ")
                func ms(_ seconds: Double?) -> Int { Int((seconds ?? 0) * 1000) }
                log("print \(edition.language): \(milliseconds) ms (Typst \(ms(reply.typstSeconds)) ms, fingerprints \(ms(reply.fingerprintSeconds)) ms, "
                    + "rendering \(ms(reply.renderSeconds)) ms\(reply.renderer.map { " by \($0)" } ?? ""), headings \(ms(reply.headingsSeconds)) ms), "
                    + "\(pages.count) pages, \(changed.count) changed\(changed.isEmpty ? "" : " [\(shown)]"), \(reply.written ?? 0) written; "
                    + "compiler memory \(reply.residentKiB / 1024) MiB (peak \(reply.peakKiB / 1024) MiB, limit \(settings.memoryLimitKiB / 1024) MiB)")
                if let problem = reply.headingsError { log("print \(edition.language): the headings' pages could not be read: \(problem)") }
                if let problem = reply.renderProblem { log("print \(edition.language): \(problem); Typst's export rendered the pages instead") }
                if !warnings.isEmpty { log(DiagnosticFormatter.text(warnings)) }
            }
            if reply.residentKiB > settings.memoryLimitKiB, let worker = edition.worker {
                // Bounded memory: Typst's caches grow with the edits; a fresh compiler starts from nothing.
                edition.worker = nil
                await ChangeWatcher.offMainPool { worker.stop() }
                log("Stopped the \(edition.language) print compiler: it held \(reply.residentKiB / 1024) MiB, over the limit of \(settings.memoryLimitKiB / 1024) MiB; the next edit starts a fresh one.")
            }
        }
    }

    /// Page files of neither the current nor the previous version go (a browser may still be fetching
    /// the previous ones).
    private func removeUnusedPages(_ edition: Edition, keeping: Set<String>) {
        let fm = FileManager.default
        guard let files = try? fm.contentsOfDirectory(atPath: edition.pagesFolder.path) else { return }
        for file in files where file.hasSuffix(".svg") && !keeping.contains(String(file.dropLast(4))) {
            try? fm.removeItem(at: edition.pagesFolder.appendingPathComponent(file))
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func describe(_ duration: Duration) -> String {
        let seconds = Int(Self.seconds(duration))
        return seconds % 60 == 0 ? "\(seconds / 60) minute\(seconds == 60 ? "" : "s")" : "\(seconds) seconds"
    }
}

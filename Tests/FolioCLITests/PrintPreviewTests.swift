import Foundation
import Testing

/// `folio serve`'s print view (`/__folio/print/<lang>/`) as a user runs it: a real server, a real Typst
/// compiler process per language, real edits; and that no compiler process outlives serve.
@Suite(.serialized) struct PrintPreviewTests {
    let serve = ServeTests()
    let cli = CommandLineTests()

    /// `folio serve --verbose` on `project`, with the environment's additions.
    func startServer(_ project: URL, environment: [String: String] = [:]) throws -> ServeTests.CapturedProcess {
        var variables = ProcessInfo.processInfo.environment
        variables.merge(environment) { _, new in new }
        let server = try ServeTests.CapturedProcess(executable: try #require(CommandLineTests.executable),
                                                    arguments: ["serve", "--port", "0", "--verbose"], folder: project,
                                                    environment: variables)
        #expect(server.waitFor("Serving the draft site at", seconds: 60), "\(server.log)")
        return server
    }

    func url(of server: ServeTests.CapturedProcess) throws -> String {
        let log = server.log
        let range = try #require(log.range(of: #"http://127\.0\.0\.1:[0-9]+/"#, options: .regularExpression), "\(log)")
        return String(log[range])
    }

    /// The compiler's process id, from the log line that reports its start.
    func compilerPID(_ server: ServeTests.CapturedProcess, language: String) throws -> Int32 {
        #expect(server.waitFor("Started the \(language) print compiler (pid ", seconds: 60), "\(server.log)")
        let log = server.log
        let pattern = "Started the \(language) print compiler \\(pid ([0-9]+)\\)"
        let expression = try NSRegularExpression(pattern: pattern)
        let match = try #require(expression.firstMatch(in: log, range: NSRange(log.startIndex..., in: log)), "\(log)")
        return try #require(Int32((log as NSString).substring(with: match.range(at: 1))))
    }

    /// Whether a live (not zombie) process with this id runs `python` (the compiler).
    static func compilerRuns(_ pid: Int32) -> Bool {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return false }
        let state = status.split(separator: "\n").first { $0.hasPrefix("State:") } ?? ""
        return !state.contains("Z") && status.lowercased().contains("python")
    }

    /// Ctrl-C, as a user stops serve (so it cleans up), or SIGKILL if it does not stop in time.
    /// An executable shell script standing in for a tool (a Python without a module, a broken pdftocairo).
    @discardableResult
    static func script(_ text: String, at url: URL) throws -> URL {
        try text.write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        return url
    }

    static func stop(_ server: ServeTests.CapturedProcess) {
        if server.process.isRunning { server.process.interrupt() }
        if !waitUntil(seconds: 15, { !server.process.isRunning }) { server.kill() }
        server.kill()
    }

    static func waitUntil(seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return condition()
    }

    @Test func theViewShowsPagesUpdatesThemAndMapsTypstErrorsToTheChapterLine() throws {
        let project = try cli.makeProject()
        defer { try? FileManager.default.removeItem(at: project) }
        // Poppler renders the new pages even of this short book (a long one's edits take that way by themselves).
        let server = try startServer(project, environment: ["FOLIO_PRINT_RENDERER": "poppler"])
        defer { Self.stop(server) }
        let url = try url(of: server)

        // Nothing compiles before the view is opened; a language the site lacks has no view.
        #expect(!server.log.contains("print compiler"))
        #expect(try serve.curl([url + "__folio/print/xx/"]).status == 404)
        let view = try serve.curl([url + "__folio/print/en/"])
        #expect(view.status == 200)
        #expect(view.body.contains("/__folio/print.js"))
        _ = try compilerPID(server, language: "en")
        #expect(server.waitFor("print en: ", seconds: 60), "\(server.log)")
        let state = try stateJSON(url)
        let pages = try #require(state["pages"] as? [String])
        #expect(!pages.isEmpty)
        let sections = try #require(state["sections"] as? [[String: Any]])
        let chapter = try #require(sections.first { $0["href"] as? String == "/en/introduction/" }, "\(sections)")
        let chapterPage = try #require(chapter["page"] as? Int)
        #expect(chapterPage >= 1 && chapterPage <= pages.count)
        // Every page image is served, as SVG.
        let image = try serve.curl([url + "__folio/print/en/pages/\(pages[chapterPage - 1]).svg"])
        #expect(image.status == 200 && image.body.contains("<svg"))
        #expect(try serve.curl([url + "__folio/print/en/pages/0123456789abcdef.svg"]).status == 404)
        #expect(try serve.curl([url + "__folio/print/en/pages/..%2f..%2fetc.svg"]).status == 404)

        // An edit: a `print` event with the changed pages, and the chapter's page has a new image.
        let events = try ServeTests.EventListener(url: url)
        defer { events.stop() }
        #expect(events.waitFor(": connected"))
        try "---\ntitle: Introduction\n---\nRevised text for the print view.\n\n## A new section\n\nMore text.\n"
            .write(to: project.appendingPathComponent("Content/en/01-introduction.md"), atomically: true, encoding: .utf8)
        #expect(events.waitFor("event: print", seconds: 60), "\(events.events)\n\(server.log)")
        let after = try stateJSON(url)
        let newPages = try #require(after["pages"] as? [String])
        let changed = try #require(after["changed"] as? [Int])
        #expect(!changed.isEmpty)
        #expect(changed.contains(chapterPage), "\(changed)")
        #expect(newPages[chapterPage - 1] != pages[chapterPage - 1])
        for page in 1...min(pages.count, newPages.count) where !changed.contains(page) {
            #expect(newPages[page - 1] == pages[page - 1], "page \(page) is unchanged and keeps its image")
        }
        let newSections = try #require(after["sections"] as? [[String: Any]])
        #expect(newSections.contains { $0["href"] as? String == "/en/introduction/#a-new-section" }, "\(newSections)")
        // Only the changed pages were rendered, each from the PDF by poppler, and are served as SVG.
        func compileLines() -> [Substring] { server.log.split(separator: "\n").filter { $0.hasPrefix("print en: ") } }
        _ = Self.waitUntil(seconds: 10) { compileLines().count >= 2 }   // logged just after the event is sent
        let compiles = compileLines()
        let last = try #require(compiles.last.map(String.init), "\(server.log)")
        #expect(compiles.count == 2 && last.contains("by poppler") && last.contains(", \(changed.count) changed"), "\(server.log)")
        let written = try #require(last.range(of: #"[0-9]+ written"#, options: .regularExpression).flatMap { Int(last[$0].split(separator: " ")[0]) })
        #expect(written >= 1 && written <= changed.count, "\(last)")
        let edited = try serve.curl([url + "__folio/print/en/pages/\(newPages[chapterPage - 1]).svg"])
        #expect(edited.status == 200 && edited.body.contains("<svg"))

        // A Typst error (an image Typst cannot read) shows at the chapter's line; the last good pages stay.
        try FileManager.default.createDirectory(at: project.appendingPathComponent("Content/media"), withIntermediateDirectories: true)
        try "this is not a PNG".write(to: project.appendingPathComponent("Content/media/region.png"), atomically: true, encoding: .utf8)
        try "---\ntitle: Introduction\n---\nText before.\n\n![Map of the region](../media/region.png)\n"
            .write(to: project.appendingPathComponent("Content/en/01-introduction.md"), atomically: true, encoding: .utf8)
        #expect(events.waitFor("event: print-errors", seconds: 60), "\(events.events)\n\(server.log)")
        #expect(events.events.contains("Content/en/01-introduction.md:6:1: error: the English print edition"), "\(events.events)")
        let failed = try stateJSON(url)
        #expect(failed["pages"] as? [String] == newPages)
        #expect((failed["errors"] as? [String])?.first?.contains("failed to decode image") == true)
    }

    @Test func stoppingServeLeavesNoCompilerProcess() throws {
        let project = try cli.makeProject()
        defer { try? FileManager.default.removeItem(at: project) }
        let server = try startServer(project)
        // A check that throws before the stop below must not leave serve running.
        defer { if server.process.isRunning { server.kill() } }
        let url = try url(of: server)
        #expect(try serve.curl([url + "__folio/print/en/state.json"]).status == 200)
        let pid = try compilerPID(server, language: "en")
        #expect(server.waitFor("print en: ", seconds: 60), "\(server.log)")
        #expect(Self.compilerRuns(pid))
        let folder = try #require(temporaryFolder(in: server.log))
        // Ctrl-C as a user stops it (SIGTERM may be blocked in a child started from a Dispatch thread).
        server.process.interrupt()
        server.process.waitUntilExit()
        #expect(server.log.contains("Stopped."), "\(server.log)")
        #expect(Self.waitUntil(seconds: 5) { !Self.compilerRuns(pid) }, "compiler \(pid) still runs")
        #expect(!FileManager.default.fileExists(atPath: folder), "the page images' folder is removed")
    }

    @Test func aKilledServeStillLeavesNoCompilerProcess() throws {
        let project = try cli.makeProject()
        defer { try? FileManager.default.removeItem(at: project) }
        let server = try startServer(project)
        let url = try url(of: server)
        #expect(try serve.curl([url + "__folio/print/en/state.json"]).status == 200)
        let pid = try compilerPID(server, language: "en")
        #expect(server.waitFor("print en: ", seconds: 60), "\(server.log)")
        let folder = try #require(temporaryFolder(in: server.log))
        server.kill()
        // Its standard input closes with serve: the compiler ends by itself.
        #expect(Self.waitUntil(seconds: 10) { !Self.compilerRuns(pid) }, "compiler \(pid) still runs")
        // The killed serve's page images are left; the next serve removes them.
        #expect(FileManager.default.fileExists(atPath: folder))
        let next = try startServer(project)
        next.process.interrupt()
        next.process.waitUntilExit()
        #expect(!FileManager.default.fileExists(atPath: folder), "a killed serve's folder is removed by the next")
    }

    @Test func anIdleCompilerIsStopped() throws {
        let project = try cli.makeProject()
        defer { try? FileManager.default.removeItem(at: project) }
        let server = try startServer(project, environment: ["FOLIO_PRINT_IDLE_SECONDS": "2"])
        defer { Self.stop(server) }
        let url = try url(of: server)
        #expect(try serve.curl([url + "__folio/print/en/state.json"]).status == 200)
        let pid = try compilerPID(server, language: "en")
        #expect(server.waitFor("Stopped the en print compiler: no print view used it for 2 seconds.", seconds: 30), "\(server.log)")
        #expect(Self.waitUntil(seconds: 5) { !Self.compilerRuns(pid) })
        // Opening the view again starts a new one.
        #expect(try serve.curl([url + "__folio/print/en/state.json"]).status == 200)
        #expect(server.waitFor("print compiler (pid ", seconds: 60))
        #expect(Self.waitUntil(seconds: 60) { server.log.components(separatedBy: "Started the en print compiler").count == 3 }, "\(server.log)")
    }

    @Test func aCompilerOverTheMemoryLimitIsStoppedAndTheNextEditStartsAFreshOne() throws {
        let project = try cli.makeProject()
        defer { try? FileManager.default.removeItem(at: project) }
        let server = try startServer(project, environment: ["FOLIO_PRINT_MEMORY_MIB": "1"])
        defer { Self.stop(server) }
        let url = try url(of: server)
        #expect(try serve.curl([url + "__folio/print/en/state.json"]).status == 200)
        let first = try compilerPID(server, language: "en")
        #expect(server.waitFor("MiB, over the limit of 1 MiB; the next edit starts a fresh one.", seconds: 60), "\(server.log)")
        #expect(server.log.contains("limit 1 MiB)"), "--verbose reports the compiler's memory and its limit")
        #expect(Self.waitUntil(seconds: 5) { !Self.compilerRuns(first) })
        let events = try ServeTests.EventListener(url: url)
        defer { events.stop() }
        #expect(events.waitFor(": connected"))
        try "---\ntitle: Introduction\n---\nA sentence after the restart.\n"
            .write(to: project.appendingPathComponent("Content/en/01-introduction.md"), atomically: true, encoding: .utf8)
        #expect(events.waitFor("event: print", seconds: 60), "\(events.events)\n\(server.log)")
        #expect(server.log.components(separatedBy: "Started the en print compiler").count == 3, "\(server.log)")
    }

    @Test func withoutTheTypstModuleTheViewSaysHowToInstallIt() throws {
        let project = try cli.makeProject()
        defer { try? FileManager.default.removeItem(at: project) }
        // A Python without site-packages: `import typst` fails there.
        let python = try Self.script("#!/bin/sh\nexec python3 -S \"$@\"\n", at: project.appendingPathComponent("python-without-typst"))
        let server = try startServer(project, environment: ["FOLIO_PYTHON": python.path])
        defer { Self.stop(server) }
        let url = try url(of: server)
        #expect(try serve.curl([url + "__folio/print/en/"]).status == 200)
        #expect(server.waitFor("The en print view has 1 error", seconds: 60), "\(server.log)")
        let state = try stateJSON(url)
        let error = try #require((state["errors"] as? [String])?.first, "\(state)")
        #expect(error.contains("the Python module 'typst' is missing: install it with `pip install typst`"), "\(error)")
        #expect((state["pages"] as? [String])?.isEmpty == true)
        // The draft site itself is served as ever.
        #expect(try serve.curl([url + "en/introduction/"]).status == 200)
    }

    @Test func withoutPikepdfEveryPageIsExportedByTypstAndTheViewStillWorks() throws {
        let project = try cli.makeProject()
        defer { try? FileManager.default.removeItem(at: project) }
        // A Python whose `import pikepdf` fails (a module of that name that refuses), Typst still there.
        let shadow = project.appendingPathComponent("no-pikepdf")
        try FileManager.default.createDirectory(at: shadow, withIntermediateDirectories: true)
        try "raise ImportError('pikepdf is not installed here')\n".write(to: shadow.appendingPathComponent("pikepdf.py"), atomically: true, encoding: .utf8)
        let python = try Self.script("#!/bin/sh\nPYTHONPATH='\(shadow.path)' exec python3 \"$@\"\n",
                                     at: project.appendingPathComponent("python-without-pikepdf"))
        let server = try startServer(project, environment: ["FOLIO_PYTHON": python.path])
        defer { Self.stop(server) }
        let url = try url(of: server)
        #expect(try serve.curl([url + "__folio/print/en/"]).status == 200)
        #expect(server.waitFor("exports every page on every edit: pikepdf is missing", seconds: 60), "\(server.log)")
        #expect(server.waitFor("print en: ", seconds: 60), "\(server.log)")
        let pages = try #require(try stateJSON(url)["pages"] as? [String])
        #expect(!pages.isEmpty)
        let sections = try #require(try stateJSON(url)["sections"] as? [[String: Any]])
        #expect(sections.contains { $0["href"] as? String == "/en/introduction/" }, "\(sections)")
        let image = try serve.curl([url + "__folio/print/en/pages/\(pages[0]).svg"])
        #expect(image.status == 200 && image.body.contains("<svg"))
        #expect(server.log.contains("by typst"), "\(server.log)")
    }

    @Test func whenPopplerFailsTypstRendersThePagesAndServeSaysWhy() throws {
        let project = try cli.makeProject()
        defer { try? FileManager.default.removeItem(at: project) }
        // A pdftocairo first on PATH that fails as a broken one would.
        let tools = project.appendingPathComponent("broken-poppler")
        try FileManager.default.createDirectory(at: tools, withIntermediateDirectories: true)
        try Self.script("#!/bin/sh\necho 'Syntax Error: broken' >&2\nexit 1\n", at: tools.appendingPathComponent("pdftocairo"))
        let path = tools.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let server = try startServer(project, environment: ["PATH": path, "FOLIO_PRINT_RENDERER": "poppler"])
        defer { Self.stop(server) }
        let url = try url(of: server)
        #expect(try serve.curl([url + "__folio/print/en/"]).status == 200)
        #expect(server.waitFor("Typst's export rendered the pages instead", seconds: 60), "\(server.log)")
        #expect(server.log.contains("pdftocairo could not render page 1: Syntax Error: broken"), "\(server.log)")
        let state = try stateJSON(url)
        let pages = try #require(state["pages"] as? [String])
        #expect(!pages.isEmpty)
        #expect((state["errors"] as? [String])?.isEmpty == true, "\(state)")
        let image = try serve.curl([url + "__folio/print/en/pages/\(pages[0]).svg"])
        #expect(image.status == 200 && image.body.contains("<svg"))
    }

    func stateJSON(_ url: String) throws -> [String: Any] {
        let reply = try serve.curl([url + "__folio/print/en/state.json"])
        #expect(reply.status == 200)
        return try #require(try JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as? [String: Any])
    }

    /// The folder of the page images, from `--verbose`'s log.
    func temporaryFolder(in log: String) -> String? {
        guard let range = log.range(of: #"in (/[^ ]*folio-print-preview-[0-9]+-[0-9A-F-]+)"#, options: .regularExpression) else { return nil }
        return String(log[range].dropFirst(3))
    }
}

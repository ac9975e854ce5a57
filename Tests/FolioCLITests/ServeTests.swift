import Foundation
import Testing

/// `folio serve` as a user runs it: a real server on a free port, real HTTP, real file edits.
@Suite(.serialized) struct ServeTests {
    let cli = CommandLineTests()

    /// A child process whose output (standard output and error) is collected as it comes.
    class CapturedProcess: @unchecked Sendable {
        let process = Process()
        let output = Pipe()
        private let lock = NSLock()
        private var text = ""

        init(executable: URL, arguments: [String], folder: URL? = nil, environment: [String: String]? = nil) throws {
            process.executableURL = executable
            process.arguments = arguments
            if let environment { process.environment = environment }
            if let folder { process.currentDirectoryURL = folder }
            process.standardOutput = output
            process.standardError = output
            output.fileHandleForReading.readabilityHandler = { [weak self] handle in
                let data = handle.availableData
                guard let self, !data.isEmpty else { return }
                self.lock.withLock { self.text += String(decoding: data, as: UTF8.self) }
            }
            try process.run()
        }

        var log: String { lock.withLock { text } }

        func waitFor(_ needle: String, seconds: Double = 30) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if log.contains(needle) { return true }
                Thread.sleep(forTimeInterval: 0.05)
            }
            return false
        }

        /// SIGKILL: a child started from a Dispatch thread inherits its blocked signals, so it might
        /// never see SIGTERM.
        func kill() {
            if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            output.fileHandleForReading.readabilityHandler = nil
        }
    }

    /// A running `folio serve`.
    final class Server: CapturedProcess, @unchecked Sendable {
        init(executable: URL, project: URL) throws {
            try super.init(executable: executable, arguments: ["serve", "--port", "0"], folder: project)
        }

        var url: String? {
            guard let range = log.range(of: #"http://127\.0\.0\.1:[0-9]+/"#, options: .regularExpression) else { return nil }
            return String(log[range])
        }

        func stop() {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            output.fileHandleForReading.readabilityHandler = nil
        }
    }

    /// `curl`, with paths as written (no normalization of `..`).
    func curl(_ arguments: [String]) throws -> (status: Int, body: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl", "-s", "--path-as-is", "-w", "\n%{http_code}"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        let status = Int(text.split(separator: "\n").last ?? "") ?? 0
        return (status, String(text.dropLast(String(status).count + 1)))
    }

    /// Listens to the live-reload events with curl in the background.
    final class EventListener: CapturedProcess, @unchecked Sendable {
        init(url: String) throws {
            try super.init(executable: URL(fileURLWithPath: "/usr/bin/env"), arguments: ["curl", "-sN", url + "__folio/events"])
        }

        var events: String { log }

        func stop() { kill() }
    }

    @Test func servesReloadsShowsErrorsAndRefusesTraversal() throws {
        let project = try cli.makeProject()
        defer { try? FileManager.default.removeItem(at: project) }
        let executable = try #require(CommandLineTests.executable)
        let server = try Server(executable: executable, project: project)
        defer { server.stop() }
        #expect(server.waitFor("Serving the draft site at"), "\(server.log)")
        #expect(server.log.contains("on this machine only"))
        let url = try #require(server.url)

        let page = try curl([url + "en/introduction/"])
        #expect(page.status == 200)
        #expect(page.body.contains("<h1>Introduction</h1>"))
        #expect(page.body.contains("/__folio/live.js"))

        let events = try EventListener(url: url)
        defer { events.stop() }
        #expect(events.waitFor(": connected"))

        // An edit: the reload event, then the updated page.
        try "---\ntitle: Introduction\n---\nRevised text.\n"
            .write(to: project.appendingPathComponent("Content/en/01-introduction.md"), atomically: true, encoding: .utf8)
        #expect(events.waitFor("event: reload"), "\(events.events)\n\(server.log)")
        #expect(try curl([url + "en/introduction/index.html"]).body.contains("Revised text."))

        // A broken chapter: the errors event; the last good page is still served.
        try "---\ntitle: [broken\n---\nBroken text.\n"
            .write(to: project.appendingPathComponent("Content/en/01-introduction.md"), atomically: true, encoding: .utf8)
        #expect(events.waitFor("event: errors"))
        #expect(events.events.contains("Content/en/01-introduction.md:3:1: error: YAML syntax error"))
        let stillGood = try curl([url + "en/introduction/index.html"])
        #expect(stillGood.status == 200 && stillGood.body.contains("Revised text."))

        // Fixing it reloads the page by itself.
        let reloadsBefore = events.events.components(separatedBy: "event: reload").count
        try "---\ntitle: Introduction\n---\nFixed text.\n"
            .write(to: project.appendingPathComponent("Content/en/01-introduction.md"), atomically: true, encoding: .utf8)
        let deadline = Date().addingTimeInterval(20)
        while events.events.components(separatedBy: "event: reload").count == reloadsBefore, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(try curl([url + "en/introduction/index.html"]).body.contains("Fixed text."))

        // Traversal and encoded traversal answer 404; pages are not cached.
        for path in ["../Content/publication.yml", "%2e%2e/Content/publication.yml", "en%2fintroduction/index.html",
                     "en/../../Templates/layout.mustache"] {
            #expect(try curl([url + path]).status == 404, "\(path)")
        }
        let headers = try curl(["-I", url + "en/index.html"]).body.lowercased()
        #expect(headers.contains("content-type: text/html; charset=utf-8"))
        #expect(headers.contains("cache-control: no-cache"))

        // The served pages carry the script; the build output never does.
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("Public").path))
    }

    @Test func stopsCleanlyAndReleasesThePort() throws {
        let project = try cli.makeProject()
        defer { try? FileManager.default.removeItem(at: project) }
        let server = try Server(executable: try #require(CommandLineTests.executable), project: project)
        #expect(server.waitFor("Serving the draft site at"))
        let url = try #require(server.url)
        let events = try EventListener(url: url)
        defer { events.stop() }
        #expect(events.waitFor(": connected"))
        server.process.interrupt()
        server.process.waitUntilExit()
        #expect(server.process.terminationStatus == 0)
        #expect(server.log.contains("Stopped."))
        #expect(try curl(["--max-time", "2", url]).status == 0)
    }
}

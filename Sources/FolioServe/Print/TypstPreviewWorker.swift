import FolioCore
import Foundation

/// One print view's compiler process (`TypstPreviewScript` in Python): started once, sent one job per
/// compile, stopped when serve stops, when it has been idle too long or when it holds too much memory.
/// Its calls block: the caller runs them off the Swift concurrency pool.
final class TypstPreviewWorker: @unchecked Sendable {
    /// What the compiler answers to a job.
    struct Reply: Decodable, Sendable {
        struct Message: Codable, Sendable {
            var message: String
            var diagnostic: String
            var hints: [String]
        }
        var id: Int
        var status: String
        /// The pages' fingerprints in page order (their SVG files are `<fingerprint>.svg` in the pages folder).
        var pages: [String]?
        /// How many page files this compile had to write (pages no earlier compile had made).
        var written: Int?
        /// What rendered them: `poppler` (only those pages) or `typst` (all pages exported); nil when none was new.
        var renderer: String?
        /// Why poppler could not render the new pages (Typst's export rendered them instead).
        var renderProblem: String?
        /// `[label, page]` of every labelled heading.
        var headings: [HeadingPlace]?
        var headingsError: String?
        var warnings: [Message]?
        var errors: [Message]?
        var seconds: Double
        /// Typst's compile to PDF (layout and export); then the pages' fingerprints, their rendering, the
        /// headings' query.
        var typstSeconds: Double?
        var fingerprintSeconds: Double?
        var renderSeconds: Double?
        var headingsSeconds: Double?
        var residentKiB: Int
        var peakKiB: Int
    }

    /// `["h-2-3", 14]` on the wire.
    struct HeadingPlace: Decodable, Sendable {
        var label: String
        var page: Int

        init(from decoder: Decoder) throws {
            var container = try decoder.unkeyedContainer()
            label = try container.decode(String.self)
            page = try container.decode(Int.self)
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let language: String
    /// The document it compiles (its name follows the publication's slug).
    let document: String
    let pid: Int32
    /// Why every compile exports all pages with Typst (pikepdf or pdftocairo missing); nil when it need not.
    private(set) var slowPath: String?
    private let process: Process
    private let input: FileHandle
    private let output: FileHandle
    private let lock = NSLock()
    private var buffer = Data()
    private var nextID = 1
    private let errorText = LockedText(limit: 4_000)

    /// Starts the compiler on `document` (a path in `root`), writing the PDF to `pdf` and the page images
    /// into `pages`.
    /// `renderer` (`poppler` or `typst`) overrides the choice of the cheaper one, for tests and comparisons.
    init(language: String, python: String, document: String, root: URL, fonts: [String], pdf: URL, pages: URL,
         renderer: String? = nil, hardLimitBytes: Int) throws {
        self.language = language
        self.document = document
        var setup: [String: Any] = ["input": document, "root": root.path, "fonts": fonts, "pdf": pdf.path,
                                    "pages": pages.path, "hardLimitBytes": hardLimitBytes]
        if let renderer { setup["renderer"] = renderer }
        let setupJSON = try JSONSerialization.data(withJSONObject: setup, options: [.sortedKeys])
        let process = ProgramOutput.process(python, ["-u", "-c", TypstPreviewScript.source, String(decoding: setupJSON, as: UTF8.self)])
        process.currentDirectoryURL = root
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        let errors = errorText
        stderr.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty { handle.readabilityHandler = nil } else { errors.append(data) }
        }
        do {
            try process.run()
        } catch {
            throw Failure(description: "\(python) could not be started: \(error.localizedDescription)")
        }
        self.process = process
        self.pid = process.processIdentifier
        self.input = stdin.fileHandleForWriting
        self.output = stdout.fileHandleForReading
        let hello = readLine().flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
        slowPath = hello?["slowPath"] as? String
        guard hello?["status"] as? String == "ready" else {
            stop()
            if hello?["status"] as? String == "missing" {
                throw Failure(description: "the Python module 'typst' is missing: install it with `pip install typst` (folio is tested with `python3 -m pip install typst==0.15.2`; `make site` installs it)")
            }
            throw Failure(description: "the Typst compiler could not start: \(errorText.lastLine ?? "\(python) gave no answer")")
        }
    }

    /// Compiles the document as it is now in the compile folder. Nil when the process has gone.
    func compile() -> Result<Reply, Failure> {
        lock.lock()
        defer { lock.unlock() }
        let id = nextID
        nextID += 1
        do {
            try input.write(contentsOf: Data("{\"id\": \(id)}\n".utf8))
        } catch {
            return .failure(Failure(description: "the Typst compiler has stopped: \(errorText.lastLine ?? "it no longer reads its jobs")"))
        }
        guard let line = readLine() else {
            return .failure(Failure(description: "the Typst compiler stopped while compiling: \(errorText.lastLine ?? "no answer")"))
        }
        do {
            return .success(try JSONDecoder().decode(Reply.self, from: line))
        } catch {
            return .failure(Failure(description: "the Typst compiler's answer could not be read: \(error)"))
        }
    }

    var isRunning: Bool { process.isRunning }

    /// Ends the process: its standard input closes (it stops at its next read), then SIGTERM, then SIGKILL,
    /// and waits for it, so that nothing is left behind when serve stops.
    func stop() {
        try? input.close()
        if process.isRunning { kill(pid, SIGTERM) }
        let deadline = Date().addingTimeInterval(2)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning { kill(pid, SIGKILL) }
        process.waitUntilExit()
    }

    /// One line of standard output (blocking), without its newline; nil at the end of the stream.
    private func readLine() -> Data? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[buffer.startIndex..<newline]
                buffer = Data(buffer[buffer.index(after: newline)...])
                return Data(line)
            }
            let chunk = output.availableData
            if chunk.isEmpty { return nil }
            buffer.append(chunk)
        }
    }
}

/// The end of a process's standard error, kept for the message when it fails.
final class LockedText: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private let limit: Int

    init(limit: Int) { self.limit = limit }

    func append(_ chunk: Data) {
        lock.withLock {
            data.append(chunk)
            if data.count > limit { data = Data(data.suffix(limit)) }
        }
    }

    var lastLine: String? {
        let text = lock.withLock { String(decoding: data, as: UTF8.self) }
        return text.split(separator: "\n").last.map { String($0).trimmingCharacters(in: .whitespaces) }
    }
}

import Foundation

/// Finds and runs pandoc: the one from PyPI's `pypandoc-binary` (a static pandoc 3.9, which `make`
/// installs into the tools' Python environment beside Typst), else a pandoc 3 on PATH. Debian's
/// pandoc 2.17 speaks an older JSON API and is not used. Citations (citeproc) and other editions
/// (DOCX, EPUB) run pandoc through this one type.
public struct Pandoc: Sendable {
    /// The package `make` installs, pinned.
    public static let testedPackage = "pypandoc-binary==1.17"
    /// The JSON API of the documents folio writes (pandoc-types 1.23, pandoc 3.x).
    public static let apiVersion = [1, 23, 1]

    public let executable: String

    public init(executable: String) {
        self.executable = executable
    }

    /// How to get pandoc, for the warning when it is missing.
    public static let installHint = "run `make` (it installs \(testedPackage) into .tools/venv), or "
        + "`python3 -m pip install \(testedPackage)` in the Python environment folio uses for Typst, "
        + "or set FOLIO_PANDOC to a pandoc 3 executable"

    /// `FOLIO_PANDOC`, else the pandoc of `pypandoc-binary` in `python`'s environment (the installed
    /// tools' or `.tools/venv`), else a pandoc 3 on PATH; nil when there is none.
    public static func locate(python: String = ToolPaths.python(),
                              environment: [String: String] = ProcessInfo.processInfo.environment) -> Pandoc? {
        let fm = FileManager.default
        if let chosen = environment["FOLIO_PANDOC"], !chosen.isEmpty {
            return fm.isExecutableFile(atPath: chosen) ? Pandoc(executable: chosen) : nil
        }
        let searchPath = ToolPaths.searchPath(environment: environment)
        if let interpreter = ToolPaths.find(python, searchPath: searchPath) {
            // The environment's own folder: `<venv>/bin/python3` → `<venv>/lib/python3.x/site-packages/pypandoc/files/pandoc`.
            let venv = URL(fileURLWithPath: interpreter).deletingLastPathComponent().deletingLastPathComponent()
            let lib = venv.appendingPathComponent("lib")
            let versions = ((try? fm.contentsOfDirectory(atPath: lib.path)) ?? []).filter { $0.hasPrefix("python") }.sorted()
            for version in versions.reversed() {
                let bundled = lib.appendingPathComponent("\(version)/site-packages/pypandoc/files/pandoc").path
                if fm.isExecutableFile(atPath: bundled) { return Pandoc(executable: bundled) }
            }
        }
        if let onPath = ToolPaths.find("pandoc", searchPath: searchPath), let major = majorVersion(of: onPath), major >= 3 {
            return Pandoc(executable: onPath)
        }
        return nil
    }

    /// The major version `pandoc --version` reports ("pandoc 3.9" → 3).
    static func majorVersion(of executable: String) -> Int? {
        guard let output = ProgramOutput.of(executable, ["--version"]),
              let first = output.split(separator: "\n").first,
              let version = first.split(separator: " ").dropFirst().first else { return nil }
        return Int(version.split(separator: ".").first ?? "")
    }

    public struct Outcome: Sendable {
        public var status: Int32
        public var output: Data
        public var errors: String
    }

    /// Runs pandoc with `arguments`, `input` on its standard input; nil when it cannot start.
    public func run(_ arguments: [String], input: Data) -> Outcome? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        do { try process.run() } catch { return nil }
        // Input, output and errors flow at once: pandoc may fill one pipe while folio fills another.
        let group = DispatchGroup()
        let errors = LockedArray<Data?>(count: 1, initial: nil)
        DispatchQueue.global().async(group: group) {
            stdin.fileHandleForWriting.write(input)
            try? stdin.fileHandleForWriting.close()
        }
        DispatchQueue.global().async(group: group) {
            errors[0] = stderr.fileHandleForReading.readDataToEndOfFile()
        }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, output: output,
                       errors: String(decoding: errors.values.first.flatMap { $0 } ?? Data(), as: UTF8.self))
    }
}

import Foundation

/// The site's full-text search, made by Pagefind (`pip install 'pagefind[extended]'`): one index per
/// `<html lang>`, with stemming and Chinese/Japanese word segmentation, written to `pagefind/` beside the
/// pages together with Pagefind's own search UI (`pagefind-ui.js`, `pagefind-ui.css`).
///
/// It runs over the staging folder, before the swap: a failed index fails the build and the previous
/// site stays as it was.
public struct SearchIndex: Sendable {
    /// Whether a build makes a search index.
    public enum Setting: Sendable, Equatable {
        /// Pagefind when it is installed (on PATH: `pagefind_extended`, `pagefind`, or the PyPI package
        /// run as `python3 -m pagefind`); otherwise one warning and no search box.
        case automatic
        /// No index, no search box, no warning.
        case off
        /// This command: the executable, then any arguments that come before Pagefind's own.
        case command([String])
    }

    /// The folder Pagefind writes, relative to the site root.
    public static let folder = "pagefind"

    /// The executable and its leading arguments.
    public let command: [String]

    /// The index to make for `setting`, or nil for none (warning once when Pagefind is wanted but missing).
    static func resolve(_ setting: Setting, environment: [String: String] = ProcessInfo.processInfo.environment,
                        diagnostics: DiagnosticCollector) -> SearchIndex? {
        switch setting {
        case .off:
            return nil
        case .command(let command):
            return command.isEmpty ? nil : SearchIndex(command: command)
        case .automatic:
            if let found = locate(searchPath: ToolPaths.searchPath(environment: environment)) { return found }
            diagnostics.warning("search is off: Pagefind is not installed. Install it with "
                                + "`python3 -m pip install 'pagefind[extended]'` (or run `make site`) and build again; "
                                + "until then the pages have no search box", at: nil)
            return nil
        }
    }

    /// Pagefind's own binary on `searchPath`, else a `python3` there that has the PyPI package.
    static func locate(searchPath: String) -> SearchIndex? {
        func executable(_ name: String) -> String? { ToolPaths.find(name, searchPath: searchPath) }
        for name in ["pagefind_extended", "pagefind"] {
            if let path = executable(name) { return SearchIndex(command: [path]) }
        }
        // The PyPI package installs no script on PATH: it is run as a module.
        if let python = executable("python3") {
            let candidate = SearchIndex(command: [python, "-m", "pagefind"])
            if (try? candidate.run(["--version"]))?.status == 0 { return candidate }
        }
        return nil
    }

    /// Indexes the pages under `site` (the staging folder); returns the number of files Pagefind wrote,
    /// or reports an error.
    func index(site: URL, diagnostics: DiagnosticCollector) -> Int {
        let arguments = ["--site", site.path, "--output-subdir", Self.folder, "--quiet"]
        do {
            let outcome = try run(arguments)
            guard outcome.status == 0 else {
                let detail = outcome.output.split(separator: "\n").suffix(5).joined(separator: "\n")
                diagnostics.error("the search index could not be made: \(command.joined(separator: " ")) exited with status "
                                  + "\(outcome.status)\(detail.isEmpty ? "" : ":\n\(detail)")", at: nil)
                return 0
            }
        } catch {
            diagnostics.error("the search index could not be made: cannot run \(command.joined(separator: " ")): "
                              + ContentLoader.reason(error), at: nil)
            return 0
        }
        let folder = site.appendingPathComponent(Self.folder)
        Self.normalizeEntry(in: folder, diagnostics: diagnostics)
        return Self.fileCount(under: folder)
    }

    /// Pagefind writes the languages of `pagefind-entry.json` in its hash map's order, which changes
    /// from run to run (three different files in six builds of the bundled publication): the entry is
    /// rewritten with sorted keys, so that the same pages give the same bytes. Pagefind's script looks
    /// languages up by name, never by position. Every other file it writes is named and filled by
    /// content hashes (two builds compared byte for byte in the tests).
    static func normalizeEntry(in folder: URL, diagnostics: DiagnosticCollector) {
        let entry = folder.appendingPathComponent("pagefind-entry.json")
        guard let data = try? Data(contentsOf: entry) else { return }
        do {
            let value = try JSONSerialization.jsonObject(with: data)
            let sorted = try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])
            if sorted != data { try sorted.write(to: entry, options: .atomic) }
        } catch {
            diagnostics.error("the search index's \(entry.lastPathComponent) could not be rewritten in a fixed order: "
                              + ContentLoader.reason(error), at: nil)
        }
    }

    /// Runs the command with `arguments`; standard output and error together.
    private func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        guard let executable = command.first else { return (127, "") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Array(command.dropFirst()) + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    private static func fileCount(under folder: URL) -> Int {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return 0 }
        var count = 0
        while let relative = enumerator.nextObject() as? String {
            if !ContentLoader.isDirectoryEntry(folder.appendingPathComponent(relative)) { count += 1 }
        }
        return count
    }
}

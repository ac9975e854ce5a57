import Foundation

/// Where folio finds the programs it runs. `make install` puts a Python environment with Typst and
/// Pagefind beside the installed folio (`<prefix>/lib/folio/venv`), found from the executable's own
/// place with no PATH change; `FOLIO_PYTHON` still names the Python that runs Typst, and PATH is
/// searched after the installed environment.
public enum ToolPaths {
    /// The installed tools' `bin/` folder, when folio runs from `<prefix>/bin` with
    /// `<prefix>/lib/folio/venv` beside it.
    public static func installedTools(executable: URL? = currentExecutable) -> URL? {
        guard let executable else { return nil }
        let bin = executable.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("lib/folio/venv/bin")
        return FileManager.default.isExecutableFile(atPath: bin.appendingPathComponent("python3").path) ? bin : nil
    }

    /// The running executable, its symbolic links resolved.
    public static var currentExecutable: URL? {
        guard let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else {
            return Bundle.main.executableURL?.resolvingSymlinksInPath()
        }
        return URL(fileURLWithPath: path)
    }

    /// The Python that runs Typst: `FOLIO_PYTHON`, else the installed environment's, else `python3` on PATH.
    public static func python(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let chosen = environment["FOLIO_PYTHON"], !chosen.isEmpty { return chosen }
        if let bin = installedTools() { return bin.appendingPathComponent("python3").path }
        return "python3"
    }

    /// The folders searched for Pagefind and other tools: the installed environment's first, then PATH.
    public static func searchPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let path = environment["PATH"] ?? ""
        guard let bin = installedTools() else { return path }
        return path.isEmpty ? bin.path : "\(bin.path):\(path)"
    }

    /// The first executable called `name` in `searchPath`.
    public static func find(_ name: String, searchPath: String) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        return searchPath.split(separator: ":").map { ($0 as NSString).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

import Foundation

/// Where pandoc is and how to run it: the one place folio's pandoc users (the Word and EPUB editions,
/// citations) find and start it.
///
/// folio is tested with the pandoc that PyPI's `pypandoc-binary` bundles (pandoc 3.9, API 1.23.1.1;
/// Debian's 2.17 is too old: its AST has no Figure block). `make` installs the package into the tools'
/// Python environment, where the binary sits inside the package, not on PATH; so pandoc is looked for
/// in this order: `FOLIO_PANDOC`; inside the `pypandoc` package of the Python environment that runs
/// Typst (`ToolPaths.python`); `pandoc` on the search path, when it is recent enough.
public struct Pandoc: Sendable {
    /// The executable.
    public let path: String
    /// "3.9".
    public let version: String
    public var executable: String { path }

    /// How to get pandoc, for the warning citations give when it is missing.
    public static let installHint = "run `make` (it installs \(testedPackage) into .tools/venv), or "
        + "`python3 -m pip install \(testedPackage)` in the Python environment folio uses for Typst, "
        + "or set FOLIO_PANDOC to a pandoc 3 executable"

    /// The package folio is tested with (`make` installs it).
    public static let testedPackage = "pypandoc-binary==1.17"
    /// The AST version folio's JSON documents carry: pandoc reads a document only when its major
    /// version (the first two numbers) is its own.
    public static let apiVersion = [1, 23, 1, 1]
    /// pandoc 3 is the first with API 1.23 (the Figure block).
    static let minimumMajorVersion = 3

    /// Why pandoc is not available, as a warning says it.
    public enum Unavailable: Sendable, Equatable {
        case missing
        case tooOld(path: String, version: String)
    }

    /// The pandoc to use, or why there is none.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> Result<Pandoc, UnavailableError> {
        let searchPath = ToolPaths.searchPath(environment: environment)
        var candidates: [String] = []
        if let chosen = environment["FOLIO_PANDOC"], !chosen.isEmpty { candidates.append(chosen) }
        if let bundled = bundledBinary(environment: environment, searchPath: searchPath) { candidates.append(bundled) }
        if let onPath = ToolPaths.find("pandoc", searchPath: searchPath) { candidates.append(onPath) }
        var tooOld: Unavailable?
        for candidate in candidates {
            guard let path = ToolPaths.find(candidate, searchPath: searchPath),
                  let version = ProgramOutput.of(path, ["--version"]).flatMap(Self.version(fromVersionOutput:)) else { continue }
            if let major = Int(version.split(separator: ".").first ?? ""), major >= minimumMajorVersion {
                return .success(Pandoc(path: path, version: version))
            }
            if tooOld == nil { tooOld = .tooOld(path: path, version: version) }
        }
        return .failure(UnavailableError(reason: tooOld ?? .missing))
    }

    /// The pandoc of the Python environment of `python` (as `locate(environment:)` finds it), or nil.
    public static func locate(python: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> Pandoc? {
        var environment = environment
        environment["FOLIO_PYTHON"] = python
        return try? locate(environment: environment).get()
    }

    public struct UnavailableError: Error, Sendable {
        public var reason: Unavailable

        /// The one warning a build prints when it cannot make the Word and EPUB editions.
        public var message: String {
            let install = "`python3 -m pip install \(Pandoc.testedPackage)` (`make site` installs it), or set FOLIO_PANDOC"
            switch reason {
            case .missing:
                return "pandoc was not found: the Word (DOCX) and EPUB editions are not built; install it with \(install)"
            case .tooOld(let path, let version):
                return "pandoc \(version) (\(path)) is too old for the Word (DOCX) and EPUB editions, which need pandoc 3; install it with \(install)"
            }
        }
    }

    /// "3.9" from `pandoc --version`'s first line, `pandoc 3.9`.
    static func version(fromVersionOutput output: String) -> String? {
        guard let first = output.split(separator: "\n").first else { return nil }
        let words = first.split(separator: " ")
        guard words.count >= 2, words[0].hasSuffix("pandoc") else { return nil }
        return String(words[1])
    }

    /// The binary inside the `pypandoc` package of the Python environment that runs Typst:
    /// `<venv>/lib/python3.X/site-packages/pypandoc/files/pandoc`, found from the interpreter's place
    /// without starting Python.
    static func bundledBinary(environment: [String: String], searchPath: String) -> String? {
        guard let python = ToolPaths.find(ToolPaths.python(environment: environment), searchPath: searchPath) else { return nil }
        let environmentRoot = URL(fileURLWithPath: python).deletingLastPathComponent().deletingLastPathComponent()
        let lib = environmentRoot.appendingPathComponent("lib")
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: lib.path))?.filter { $0.hasPrefix("python") }.sorted() ?? []
        for version in versions.reversed() {
            let binary = lib.appendingPathComponent("\(version)/site-packages/pypandoc/files/pandoc").path
            if FileManager.default.isExecutableFile(atPath: binary) { return binary }
        }
        return nil
    }

    /// What one run of pandoc gave.
    public struct Run: Sendable {
        public var status: Int32
        public var output: Data
        /// pandoc's messages (`[WARNING] …`), one per line.
        public var messages: [String]
        public var succeeded: Bool { status == 0 }
    }

    /// Runs pandoc with `arguments` in `directory`, feeding `input` on its standard input.
    /// `sourceDateEpoch` fixes every date pandoc writes (the EPUB's and DOCX's timestamps, the ZIP
    /// entries' times), so that the same content gives the same bytes.
    public func run(_ arguments: [String], input: Data, in directory: URL? = nil, sourceDateEpoch: Int? = nil) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var environment = ProcessInfo.processInfo.environment
        if let sourceDateEpoch { environment["SOURCE_DATE_EPOCH"] = String(sourceDateEpoch) }
        // pandoc finds rsvg-convert (SVG → PNG for Word) on PATH; the installed tools' folder first.
        environment["PATH"] = ToolPaths.searchPath(environment: environment)
        process.environment = environment
        let (status, outputData, errorData) = try ProgramOutput.run(process, input: input)
        let messages = String(decoding: errorData, as: UTF8.self)
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return Run(status: status, output: outputData, messages: messages)
    }

    /// What citeproc's run gave: its status, output and messages.
    public struct Outcome: Sendable {
        public var status: Int32
        public var output: Data
        public var errors: String
    }

    /// Runs pandoc with `arguments`, `input` on its standard input; nil when it cannot start.
    public func run(_ arguments: [String], input: Data) -> Outcome? {
        guard let run = try? run(arguments, input: input, in: nil, sourceDateEpoch: nil) else { return nil }
        return Outcome(status: run.status, output: run.output, errors: run.messages.joined(separator: "\n"))
    }
}

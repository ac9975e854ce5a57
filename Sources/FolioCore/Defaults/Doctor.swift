import Foundation

/// `folio doctor [PATH]`: every external part folio uses, its version and where it was found; for a
/// missing one, what it affects and the command that installs it. The print edition needs Python with
/// Typst and the fonts of the publication's scripts: without them `healthy` is false (exit 1).
public enum Doctor {
    public struct Part: Sendable {
        public var name: String
        /// Version and place when found, nil when missing.
        public var found: String?
        /// What is affected when it is missing.
        public var affects: String
        /// The command that installs it.
        public var install: String
        /// Whether the print edition needs it.
        public var neededForPrint: Bool
    }

    public struct Report: Sendable {
        public var parts: [Part]
        /// False when the print edition cannot be built.
        public var healthy: Bool { !parts.contains { $0.found == nil && $0.neededForPrint } }

        /// One line per part: `ok` or `missing`, then what and where, or what it affects and how to install it.
        public var text: String {
            var lines: [String] = []
            for part in parts {
                if let found = part.found {
                    lines.append("ok       \(part.name): \(found)")
                } else {
                    lines.append("missing  \(part.name): \(part.affects). Install: \(part.install)")
                }
            }
            lines.append(healthy ? "The print edition can be built." : "The print edition cannot be built: install what is missing above.")
            return lines.joined(separator: "\n") + "\n"
        }
    }

    /// The fonts the print design uses, per script (Debian's Noto fonts), and the Debian package of each.
    static let fonts: [(script: String, languages: Set<String>, files: [String], package: String)] = [
        ("Latin and Cyrillic", ["en", "fr", "es", "ru", "ar", "zh"],
         ["truetype/noto/NotoSerif-Regular.ttf", "truetype/noto/NotoSans-Regular.ttf"], "fonts-noto-core"),
        ("Arabic", ["ar"], ["truetype/noto/NotoNaskhArabic-Regular.ttf", "truetype/noto/NotoSansArabic-Regular.ttf"], "fonts-noto-core"),
        ("Chinese", ["zh"], ["opentype/noto/NotoSerifCJK-Regular.ttc", "opentype/noto/NotoSansCJK-Regular.ttc"], "fonts-noto-cjk"),
    ]

    public static func examine(project: URL?, environment: [String: String] = ProcessInfo.processInfo.environment,
                               fontRoot: String = "/usr/share/fonts") -> Report {
        let searchPath = ToolPaths.searchPath(environment: environment)
        var parts: [Part] = []

        // The Swift runtime folio is linked with.
        // /proc files report no size: read to the end rather than by length.
        let maps = FileHandle(forReadingAtPath: "/proc/self/maps").flatMap { try? $0.readToEnd() }
        let runtime = maps.map { String(decoding: $0, as: UTF8.self) }?
            .split(separator: "\n").compactMap { line in line.split(separator: " ").last.map(String.init) }
            .first { $0.hasSuffix("/libswiftCore.so") }
        parts.append(Part(name: "Swift runtime", found: "Swift \(swiftVersion), " + (runtime ?? "linked statically"),
                          affects: "folio itself", install: "the Swift toolchain", neededForPrint: true))

        // Python and Typst (the print edition).
        let python = ToolPaths.python(environment: environment)
        let pythonPath = ToolPaths.find(python, searchPath: searchPath)
        let pythonVersion = pythonPath.flatMap { run([$0, "--version"])?.trimmingCharacters(in: .whitespacesAndNewlines) }
        parts.append(Part(name: "Python", found: pythonVersion.flatMap { version in pythonPath.map { "\(version), \($0)" } },
                          affects: "the print edition (PDF), which Typst makes through Python",
                          install: "apt-get install python3 python3-venv (or set FOLIO_PYTHON)", neededForPrint: true))
        let typst = pythonPath.flatMap {
            run([$0, "-c", "import importlib.metadata as m, typst; print(m.version('typst'), typst.__file__)"])
        }?.trimmingCharacters(in: .whitespacesAndNewlines)
        parts.append(Part(name: "Typst", found: typst.map { text in
            let pieces = text.split(separator: " ", maxSplits: 1).map(String.init)
            return pieces.count == 2 ? "\(pieces[0]), \(pieces[1])" : text
        }, affects: "the print edition (PDF): `folio build` makes the site only",
           install: "\(python) -m pip install \(TypstCompiler.testedPackage) (`make install` puts it beside folio)", neededForPrint: true))

        // Pagefind (search).
        let pagefind = SearchIndex.locate(searchPath: searchPath)
        let pagefindVersion = pagefind.flatMap { run($0.command + ["--version"]) }?.trimmingCharacters(in: .whitespacesAndNewlines)
        parts.append(Part(name: "Pagefind", found: pagefind.map { "\(pagefindVersion ?? "version unknown"), \($0.command.joined(separator: " "))" },
                          affects: "search: the site is built without a search box",
                          install: "\(python) -m pip install 'pagefind[extended]' (`make install` puts it beside folio)", neededForPrint: false))

        // pandoc (the Word and EPUB editions), found as the build finds it.
        let pandoc = try? Pandoc.locate(environment: environment).get()
        parts.append(Part(name: "pandoc", found: pandoc.map { "pandoc \($0.version), \($0.path)" },
                          affects: "the Word (DOCX) and EPUB editions (`folio build` makes the site and the PDFs only) and citations (shown as written, the reference list as keys)",
                          install: "\(python) -m pip install \(Pandoc.testedPackage) (`make install` puts it beside folio)",
                          neededForPrint: false))

        // git.
        for (name, arguments, affects, install) in [
            ("git", ["--version"], "`folio translations --diff` (the source's history; without git only the changed sections are shown)",
             "apt-get install git"),
        ] {
            let path = ToolPaths.find(name, searchPath: searchPath)
            let version = path.flatMap { run([$0] + arguments)?.split(separator: "\n").first.map(String.init) }
            parts.append(Part(name: name, found: version.flatMap { v in path.map { "\(v), \($0)" } }, affects: affects,
                              install: install, neededForPrint: false))
        }

        // The fonts of the publication's scripts (all scripts without a publication).
        let languages = project.flatMap { languagesOf(project: $0) } ?? Set(UNLanguage.codes)
        for font in fonts {
            let needed = !font.languages.isDisjoint(with: languages)
            let found = font.files.map { "\(fontRoot)/\($0)" }.filter { FileManager.default.fileExists(atPath: $0) }
            parts.append(Part(name: "Noto fonts, \(font.script)", found: found.count == font.files.count ? found.joined(separator: ", ") : nil,
                              affects: needed ? "the print edition: its \(font.script) text would be set in a fallback font or not at all"
                                  : "the print edition of \(font.script) text (not used by this publication)",
                              install: "apt-get install \(font.package)", neededForPrint: needed))
        }

        // Chromium (only for folio's own browser tests).
        let chromium = ["chromium", "chromium-browser"].lazy.compactMap { ToolPaths.find($0, searchPath: searchPath) }.first
        let chromiumVersion = chromium.flatMap { run([$0, "--version"])?.trimmingCharacters(in: .whitespacesAndNewlines) }
        parts.append(Part(name: "Chromium (folio's browser tests)", found: chromiumVersion.flatMap { v in chromium.map { "\(v), \($0)" } },
                          affects: "only `make test` (the browser tests); publications do not need it",
                          install: "apt-get install chromium chromium-driver", neededForPrint: false))
        return Report(parts: parts)
    }

    /// The languages of the publication at `project`, when its publication.yml can be read.
    static func languagesOf(project: URL) -> Set<String>? {
        let diagnostics = DiagnosticCollector()
        let url = project.appendingPathComponent("Content/publication.yml")
        guard let data = FileManager.default.contents(atPath: url.path),
              let config = PublicationConfigLoader.load(text: String(decoding: data, as: UTF8.self), file: "Content/publication.yml",
                                                        diagnostics: diagnostics) else { return nil }
        return Set(config.languageCodes)
    }

    static var swiftVersion: String {
        #if compiler(>=6.3)
        return "6.3 or later"
        #elseif compiler(>=6.1)
        return "6.1"
        #else
        return "6.0"
        #endif
    }

    /// Runs a program briefly; its standard output (Debian's chromium script also writes noise to its
    /// standard error), or nil when it cannot run or fails.
    static func run(_ arguments: [String]) -> String? {
        guard let executable = arguments.first else { return nil }
        return ProgramOutput.of(executable, Array(arguments.dropFirst()))
    }
}

import Foundation

/// Finds and loads everything under `<project>/Content/`: publication.yml, one folder per language with
/// `NN-slug.md` chapters and an optional `_index.md`, and the shared `media/` folder.
/// Directory listings are sorted, so every run sees the files in the same order.
public enum ContentLoader {
    /// Paths in diagnostics are relative to the project folder.
    /// `cache`: reuse files unchanged since the last load (the preview server's rebuilds).
    /// `timer` adds up the time spent parsing (see `PhaseTimer`).
    public static func load(project: URL, diagnostics: DiagnosticCollector, cache: LoadCache? = nil,
                            timer: PhaseTimer = .disabled) -> Publication? {
        let content = project.appendingPathComponent("Content")
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: content.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            diagnostics.error("no Content/ folder in \(project.path): is this a folio project?", at: nil)
            return nil
        }
        let configPath = "Content/publication.yml"
        guard let configData = readFile(project.appendingPathComponent(configPath), path: configPath, diagnostics: diagnostics) else {
            return nil
        }
        guard let configText = SourceText.decode(configData, path: configPath, diagnostics: diagnostics) else { return nil }
        guard let config = PublicationConfigLoader.load(text: configText, file: configPath, diagnostics: diagnostics) else {
            return nil
        }

        var tasks: [LoadTask] = []
        var media: [String] = []
        for name in sortedEntries(of: content, diagnostics: diagnostics, path: "Content") {
            let url = content.appendingPathComponent(name)
            if isSymbolicLink(url) {
                diagnostics.error("Content/\(name) is a symbolic link: folio reads only real folders and files inside Content/",
                                  at: SourceLocation(file: "Content/\(name)"))
                continue
            }
            guard isDirectoryEntry(url) else { continue }
            if name == "media" {
                media = mediaFiles(in: url, diagnostics: diagnostics)
            } else if config.languageCodes.contains(name) {
                tasks += chapterTasks(language: name, isSource: name == config.sourceLanguage, folder: url,
                                      frontMatter: config.frontMatter, diagnostics: diagnostics)
            } else if UNLanguage.named(name) != nil {
                diagnostics.error("language folder '\(name)' is not declared in publication.yml: add it to `languages`",
                                  at: SourceLocation(file: "Content/\(name)"))
            } else {
                diagnostics.warning("Content/\(name) is neither a language folder (\(config.languageCodes.joined(separator: ", "))) nor media/; ignored"
                                    + Suggestion.hint(for: name, in: config.languageCodes + ["media"]),
                                    at: SourceLocation(file: "Content/\(name)"))
            }
        }

        // Reading, front matter, YAML and cmark-gfm parsing run in parallel (see MarkdownParser), and
        // the KPI catalogue is read beside the chapters (alone after them, it kept one core idle).
        let loadTasks = tasks
        let results = LockedArray<LoadResult?>(count: loadTasks.count, initial: nil)
        let loadedCatalogue = LockedArray<KPICatalogue?>(count: 1, initial: nil)
        DispatchQueue.concurrentPerform(iterations: loadTasks.count + 1) { iteration in
            guard iteration > 0 else {
                loadedCatalogue[0] = loadCatalogue(project: project, languages: config.languageCodes, cache: cache,
                                                   diagnostics: diagnostics)
                return
            }
            let index = iteration - 1
            let task = loadTasks[index]
            if let cache {
                results[index] = cache.result(for: task.path, project: project, diagnostics: diagnostics) { collector in
                    task.run(project: project, diagnostics: collector, timer: timer)
                }
            } else {
                results[index] = task.run(project: project, diagnostics: diagnostics, timer: timer)
            }
        }
        var chapters: [String: [Chapter]] = [:]
        var landings: [String: LandingText] = [:]
        for (task, result) in zip(loadTasks, results.values) {
            switch result {
            case .chapter(var chapter)?:
                // A cached load keeps the number it was read with; a front-matter part's comes from publication.yml.
                if case .chapter(let number, _) = task.kind { chapter.number = number }
                chapters[chapter.language, default: []].append(chapter)
            case .landing(let landing)?: landings[landing.language] = landing
            case nil: break
            }
        }
        for language in chapters.keys {
            chapters[language]?.sort {
                let (a, b) = (BookPart.order($0.number), BookPart.order($1.number))
                return (a.0, a.1, $0.slug) < (b.0, b.1, $1.slug)
            }
        }
        checkFrontMatterFiles(config, content: content, diagnostics: diagnostics)
        return Publication(project: project, config: config, chapters: chapters, landings: landings, mediaFiles: media,
                           kpiCatalogue: loadedCatalogue[0])
    }

    /// `Content/kpis.yml` (the preview server keeps it while the file is unchanged).
    private static func loadCatalogue(project: URL, languages: [String], cache: LoadCache?,
                                      diagnostics: DiagnosticCollector) -> KPICatalogue? {
        guard let cache else { return KPICatalogueLoader.load(project: project, languages: languages, diagnostics: diagnostics) }
        return cache.derived("kpis|\(languages)", files: [KPICatalogueLoader.path], project: project,
                             diagnostics: diagnostics) { collector in
            KPICatalogueLoader.load(project: project, languages: languages, diagnostics: collector)
        }
    }

    // MARK: - Discovery

    enum LoadResult: Sendable {
        case chapter(Chapter)
        case landing(LandingText)
    }

    private struct LoadTask: Sendable {
        enum Kind: Sendable {
            case chapter(number: Int, slug: String)
            case landing
        }
        var language: String
        /// Whether `language` is the source language (its chapters are fingerprinted).
        var isSource: Bool
        var path: String
        var kind: Kind

        func run(project: URL, diagnostics: DiagnosticCollector, timer: PhaseTimer) -> LoadResult? {
            let url = project.appendingPathComponent(path, isDirectory: false)  // without a stat to ask
            // Taken before reading: a save in between gives a newer stamp next time, so nothing stays stale.
            let stamp = FileStamp.of(url.path)
            guard let data = ContentLoader.readFile(url, path: path, diagnostics: diagnostics) else {
                return nil
            }
            switch kind {
            case .chapter(let number, let slug):
                var chapter = ChapterLoader.loadChapter(data: data, path: path, language: language, number: number, slug: slug,
                                                        isSource: isSource, diagnostics: diagnostics, timer: timer)
                chapter?.fileStamp = stamp
                return chapter.map(LoadResult.chapter)
            case .landing:
                return ChapterLoader.loadLanding(data: data, path: path, language: language, diagnostics: diagnostics,
                                                 timer: timer).map(LoadResult.landing)
            }
        }
    }

    /// Each `front-matter:` entry names a part of the source language: a misspelt id would leave the
    /// part out of the book without a word.
    private static func checkFrontMatterFiles(_ config: PublicationConfig, content: URL, diagnostics: DiagnosticCollector) {
        guard !config.frontMatter.isEmpty else { return }
        let sourceFolder = "Content/\(config.sourceLanguage)/"
        let files = (try? FileManager.default.contentsOfDirectory(atPath: content.appendingPathComponent(config.sourceLanguage).path)) ?? []
        let candidates = files.compactMap { name -> String? in
            guard ChapterFileName.parse(name) == nil, AnnexFileName.parse(name) == nil else { return nil }
            return FrontMatterFileName.parse(name)
        }
        for entry in config.frontMatter where !files.contains("\(entry.id).md") {
            diagnostics.error("unknown front-matter part '\(entry.id)': there is no \(sourceFolder)\(entry.id).md"
                              + Suggestion.hint(for: entry.id, in: candidates), at: entry.location)
        }
    }

    private static func chapterTasks(language: String, isSource: Bool, folder: URL, frontMatter: [FrontMatterEntry],
                                     diagnostics: DiagnosticCollector) -> [LoadTask] {
        var tasks: [LoadTask] = []
        let frontIDs = frontMatter.map(\.id)
        let folderPath = "Content/\(language)"
        let absoluteFolder = folder.path
        for name in sortedEntries(of: folder, diagnostics: diagnostics, path: folderPath) {
            let path = "\(folderPath)/\(name)"
            guard name.hasSuffix(".md"), !name.hasPrefix(".") else { continue }
            if isSymbolicLink(atPath: "\(absoluteFolder)/\(name)") {
                diagnostics.error("symbolic link: folio reads only real files inside Content/ (it could point anywhere)",
                                  at: SourceLocation(file: path))
                continue
            }
            if name == "_index.md" {
                tasks.append(LoadTask(language: language, isSource: isSource, path: path, kind: .landing))
            } else if let (number, slug) = ChapterFileName.parse(name) {
                tasks.append(LoadTask(language: language, isSource: isSource, path: path, kind: .chapter(number: number, slug: slug)))
            } else if let (number, slug) = AnnexFileName.parse(name) {
                tasks.append(LoadTask(language: language, isSource: isSource, path: path,
                                      kind: .chapter(number: BookPart.annexBase + number, slug: slug)))
            } else if let id = FrontMatterFileName.parse(name), let position = frontIDs.firstIndex(of: id) {
                tasks.append(LoadTask(language: language, isSource: isSource, path: path,
                                      kind: .chapter(number: BookPart.frontBase + position + 1, slug: id)))
            } else {
                let hint = FrontMatterFileName.parse(name).map { " (a front-matter part must be listed in publication.yml: front-matter: [\($0)])" } ?? ""
                diagnostics.warning("'\(name)' is not a chapter (NN-slug.md, e.g. 04-urban-planning.md), an annex "
                                    + "(annex-N-slug.md) or a front-matter part\(hint); ignored",
                                    at: SourceLocation(file: path))
            }
        }
        return tasks
    }

    private static func mediaFiles(in folder: URL, diagnostics: DiagnosticCollector) -> [String] {
        var files: [String] = []
        var pending: [(url: URL, relative: String)] = [(folder, "")]
        while let (url, relative) = pending.popLast() {
            let base = relative.isEmpty ? "Content/media" : "Content/media/\(relative)"
            for name in sortedEntries(of: url, diagnostics: diagnostics, path: base) where !name.hasPrefix(".") {
                let child = url.appendingPathComponent(name)
                let childRelative = relative.isEmpty ? name : "\(relative)/\(name)"
                if isSymbolicLink(child) {
                    diagnostics.error("Content/media/\(childRelative) is a symbolic link: folio publishes only real files (copy the file here)",
                                      at: SourceLocation(file: "Content/media/\(childRelative)"))
                } else if isDirectoryEntry(child) {
                    pending.append((child, childRelative))
                } else {
                    files.append(childRelative)
                }
            }
        }
        return files.sorted()
    }

    // MARK: - File access

    static func sortedEntries(of folder: URL, diagnostics: DiagnosticCollector, path: String) -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        } catch {
            diagnostics.error("cannot list the folder: \(reason(error))", at: SourceLocation(file: path))
            return []
        }
    }

    static func readFile(_ url: URL, path: String, diagnostics: DiagnosticCollector) -> Data? {
        guard FileManager.default.fileExists(atPath: url.path) else {
            diagnostics.error("file not found", at: SourceLocation(file: path))
            return nil
        }
        do {
            return try Data(contentsOf: url)
        } catch {
            diagnostics.error("cannot read the file: \(reason(error))", at: SourceLocation(file: path))
            return nil
        }
    }

    static func isDirectoryEntry(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    static func isSymbolicLink(_ url: URL) -> Bool {
        isSymbolicLink(atPath: url.path)
    }

    /// One `lstat` (Foundation's attributes cost far more, for each of 1,200 chapters on every rebuild).
    static func isSymbolicLink(atPath path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & mode_t(S_IFMT) == mode_t(S_IFLNK)
    }

    /// The operating system's reason ("Permission denied"), without Foundation's wrapping.
    static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
           let posix = POSIXErrorCode(rawValue: Int32(underlying.code)), underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(posix.rawValue))
        }
        if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileReadNoPermissionError { return "Permission denied" }
        return nsError.localizedDescription
    }
}

/// `NN-slug.md`: NN (digits) orders the chapters, slug (lowercase letters, digits, hyphens) is the chapter id.
public enum ChapterFileName {
    public static func parse(_ name: String) -> (number: Int, slug: String)? {
        guard name.hasSuffix(".md") else { return nil }
        let stem = name.dropLast(3)
        guard let dash = stem.firstIndex(of: "-") else { return nil }
        let digits = stem[..<dash]
        let slug = stem[stem.index(after: dash)...]
        guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy(\.isASCIIDigit), let number = Int(digits),
              let first = slug.first, first.isLowercaseASCIILetterOrDigit,
              slug.allSatisfy({ $0.isLowercaseASCIILetterOrDigit || $0 == "-" }), slug.last != "-" else { return nil }
        return (number, String(slug))
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
    var isLowercaseASCIILetterOrDigit: Bool { ("a"..."z").contains(self) || isASCIIDigit }
}

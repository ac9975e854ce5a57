import Foundation

/// The preview server's engine: rebuilds the site in memory after each change, re-rendering only the
/// pages whose inputs changed, and swaps the new snapshot in at once, so a request always gets a
/// complete site. After a failed rebuild the last good snapshot stays and the diagnostics are kept.
///
/// What a page depends on is written down as its signature: the site's templates, strings, assets and
/// configuration; the navigation of its language's book (titles, numbers, stages); the stamps of the
/// chapter files it shows. A changed chapter body re-renders that chapter's pages; a changed title also
/// its language's pages (navigation); a template change every page.
public final class IncrementalBuilder: @unchecked Sendable {
    public struct Outcome: Sendable {
        public var generation: Int
        public var succeeded: Bool
        /// Sorted only when read: the server reads them after a failure, and a large publication can
        /// have 100,000 warnings.
        public var diagnostics: [Diagnostic] { found.diagnostics }
        let found: DiagnosticCollector
        public var renderedPages: Int
        public var reusedPages: Int
        /// Paths of the published stylesheet(s) after the rebuild (for a stylesheet-only reload).
        public var stylesheets: [String]
    }

    public let options: SiteBuilder.Options
    private let cache = LoadCache()
    private let lock = NSLock()
    private var files: [String: Data] = [:]
    private var signatures: [String: String] = [:]
    private var lastDiagnostics = DiagnosticCollector()
    private var currentGeneration = 0
    /// The site of the last good rebuild: the print preview makes its Typst documents from it.
    private var currentSite: SiteContext?

    public init(options: SiteBuilder.Options) {
        self.options = options
    }

    /// The file at `path` in the current snapshot.
    public func file(_ path: String) -> Data? { lock.withLock { files[path] } }

    public var generation: Int { lock.withLock { currentGeneration } }

    /// The site of the last good rebuild, with its generation (nil before the first good one).
    var site: (site: SiteContext, generation: Int)? { lock.withLock { currentSite.map { ($0, currentGeneration) } } }

    /// The diagnostics of the last rebuild (errors mean the snapshot is the previous good one).
    public var diagnostics: [Diagnostic] { lock.withLock { lastDiagnostics }.diagnostics }

    /// `snapshot`: the project as the caller has just scanned it (the change watcher), else it is scanned.
    @discardableResult
    public func rebuild(snapshot: ProjectSnapshot? = nil) -> Outcome {
        let diagnostics = DiagnosticCollector()
        let snapshot = snapshot ?? ProjectSnapshot.scan(project: options.project)
        guard let prepared = SiteBuilder.prepare(options, diagnostics: diagnostics, cache: cache) else {
            return finish(failed: diagnostics)
        }
        let site = prepared.site
        let inputs = Inputs(site: site, snapshot: snapshot, options: options)
        let jobs = SiteBuilder.pageJobs(site).filter { prepared.languages?.contains($0.language) ?? true }
        let previous = lock.withLock { (files, signatures) }
        let signaturesNow = jobs.map { inputs.signature(of: $0) }
        let pages = LockedArray<Data?>(count: jobs.count, initial: nil)
        let tools = SiteBuilder.RenderTools(site: site) { language in
            // The navigation shows what the book token describes, in the site's templates and strings.
            let token = LoadCache.token(inputs.siteToken, inputs.bookTokens[language])
            return cache.reuse("navigation|\(language)", token: token, diagnostics: diagnostics) { _ in
                PageRenderer(site: site, language: language).bookNavigation()
            }
        }
        let reused = LockedArray<Bool>(count: jobs.count, initial: false)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            let job = jobs[index]
            if let signature = signaturesNow[index], previous.1[job.path] == signature, let old = previous.0[job.path] {
                pages[index] = old
                reused[index] = true
            } else if let page = SiteBuilder.renderPage(job, site: site, tools: tools) {
                pages[index] = page
            }
        }
        guard !diagnostics.hasErrors else { return finish(failed: diagnostics) }

        var newFiles: [String: Data] = [:]
        var newSignatures: [String: String] = [:]
        for (index, job) in jobs.enumerated() {
            newFiles[job.path] = pages[index]
            newSignatures[job.path] = signaturesNow[index]
        }
        let output = MemoryOutput()
        try? site.assets.write(to: output)
        for file in site.publication.mediaFiles {
            let path = "media/\(file)"
            if let old = previous.0[path], previous.1[path] == snapshot.files["Content/media/\(file)"]?.description {
                newFiles[path] = old
            } else if let data = try? Data(contentsOf: options.project.appendingPathComponent("Content/media/\(file)")) {
                newFiles[path] = data
            }
            newSignatures[path] = snapshot.files["Content/media/\(file)"]?.description
        }
        newFiles.merge(output.files) { _, new in new }
        let reusedCount = reused.values.filter { $0 }.count
        let generation = lock.withLock { () -> Int in
            files = newFiles
            signatures = newSignatures
            lastDiagnostics = diagnostics
            currentSite = site
            currentGeneration += 1
            return currentGeneration
        }
        return Outcome(generation: generation, succeeded: true, found: diagnostics, renderedPages: jobs.count - reusedCount,
                       reusedPages: reusedCount, stylesheets: site.assets.published.values.filter { $0.hasSuffix(".css") }.sorted())
    }

    private func finish(failed diagnostics: DiagnosticCollector) -> Outcome {
        let generation = lock.withLock { () -> Int in
            lastDiagnostics = diagnostics
            return currentGeneration
        }
        return Outcome(generation: generation, succeeded: false, found: diagnostics, renderedPages: 0, reusedPages: 0, stylesheets: [])
    }

    // MARK: - Signatures

    /// What pages depend on, computed once per rebuild.
    struct Inputs {
        let site: SiteContext
        let snapshot: ProjectSnapshot
        /// Templates, strings, assets, configuration, catalogue, media, build options (hashed, like the
        /// tokens below, so that each page's signature is cheap to compute).
        let siteToken: String
        /// Per language: every book entry's slug, number, title, summary, language and stage, and every
        /// label's target (a cross-reference's text and link change with it).
        let bookTokens: [String: String]
        /// Links may point at any chapter file: the set of chapter paths is an input of every chapter page.
        let chapterFiles: String
        /// Per slug: the languages whose site shows it (the language switcher).
        let languagesBySlug: [String: String]
        /// Per language: every numbered element of its book (the lists of figures, tables and boxes).
        let elementTokens: [String: String]
        /// Per language: a fingerprint of its formatted citations and reference list.
        let citationTokens: [String: String]

        init(site: SiteContext, snapshot: ProjectSnapshot, options: SiteBuilder.Options) {
            self.site = site
            self.snapshot = snapshot
            var token = "\(options.asOf?.description ?? "")|\(options.release)|\(options.onlyLanguages ?? [])"
            for (path, stamp) in snapshot.files.sorted(by: { $0.key < $1.key })
            where path.hasPrefix("Templates/") || path == "Content/publication.yml" || path == "Content/kpis.yml" || path.hasPrefix("Content/media/")
                // A language's acronyms mark every page of it (`<abbr>`).
                || (path.hasPrefix("Content/") && path.hasSuffix("/acronyms.yml")) {
                token += "|\(path)=\(stamp)"
            }
            siteToken = Self.hash([token])
            var books: [String: String] = [:]
            var languages: [String: [String]] = [:]
            for language in site.config.languageCodes {
                books[language] = (site.books[language] ?? []).map { entry in
                    languages[entry.slug, default: []].append(language)
                    let stage = site.publication.chapter(slug: entry.slug, language: site.config.sourceLanguage)?.stage ?? ""
                    return "\(entry.slug)#\(entry.number)#\(entry.chapter.title)#\(entry.chapter.summary ?? "")#\(entry.chapter.language)#\(stage)"
                }.joined(separator: "|")
                let labels = (site.publication.crossReferences.targets[language] ?? [:]).sorted { $0.key < $1.key }
                books[language, default: ""] += labels.map { label, target in
                    "|\(label)@\(target.slug)#\(target.element.number)#\(target.element.anchor)#\(target.element.kind)"
                }.joined()
            }
            bookTokens = books.mapValues { Self.hash([$0]) }
            var elements: [String: String] = [:]
            for language in site.config.languageCodes where site.hasElementLists(language) {
                elements[language] = Self.hash((site.books[language] ?? []).flatMap { entry in
                    (site.publication.models[entry.chapter.path]?.elements ?? []).map { "\(entry.slug)#\($0.anchor)#\($0.number)#\($0.title)" }
                })
            }
            elementTokens = elements
            // Citations depend on the whole book (a note's short form on an earlier citation) and the
            // bibliography: a language's pages that show them change together.
            citationTokens = site.citations.mapValues { citations in
                Self.hash(["\(citations.isFormatted)|\(citations.isNoteStyle)|\(citations.referenceList)",
                           String(describing: citations.entries), String(describing: citations.citations.sorted { $0.key < $1.key }),
                           String(describing: citations.places.sorted { $0.key < $1.key })])
            }
            languagesBySlug = languages.mapValues { $0.joined(separator: ",") }
            chapterFiles = Self.hash([site.publication.chapters.values.joined().map(\.path).sorted().joined(separator: ",")])
        }

        private func stamp(_ path: String?) -> String { path.flatMap { snapshot.files[$0]?.description } ?? "-" }

        /// A page's signature, hashed; nil means always render (the dashboard depends on everything).
        func signature(of job: SiteBuilder.PageJob) -> String? {
            let book = bookTokens[job.language] ?? ""
            let parts: [String]
            switch job.kind {
            case .imprint:
                // publication.yml and the interface strings (both in the site token).
                parts = [siteToken, job.language]
            case .notFound, .robots:
                parts = [siteToken]
            case .sitemap:
                parts = [siteToken] + bookTokens.sorted { $0.key < $1.key }.map(\.value)
            case .acronyms:
                parts = [siteToken, job.language, stamp(AcronymLoader.path(language: job.language))]
            case .status, .comments, .changes, .terms:
                // They depend on every chapter (the changes on git history, the glossary is read with the
                // checks): made every time.
                return nil
            case .lists:
                // The lists change only when a numbered element is added, moved, renamed or removed.
                parts = [siteToken, book, elementTokens[job.language] ?? ""]
            case .references:
                parts = [siteToken, book, citationTokens[job.language] ?? ""]
            case .chooser, .search:
                parts = [siteToken, job.language]
            case .home:
                parts = [siteToken, book, stamp(site.publication.landings[job.language]?.path), citationTokens[job.language] ?? ""]
            case .kpiIndex:
                // The index changes only when a figure of a KPI is added, moved or removed.
                let figures = (site.figures[job.language] ?? [:]).sorted { $0.key < $1.key }.map { code, references in
                    code + references.map { "\($0.element.number)#\($0.element.anchor)@\($0.slug)" }.joined(separator: ",")
                }
                parts = [siteToken, book] + figures
            case .chapter(let position):
                guard let entry = site.books[job.language]?[position] else { return nil }
                let source = site.publication.chapter(slug: entry.slug, language: site.config.sourceLanguage)
                parts = [siteToken, book, stamp(entry.chapter.path), stamp(source?.path), languagesBySlug[entry.slug] ?? "",
                         chapterFiles, citationTokens[job.language] ?? ""]
            }
            return Self.hash(parts)
        }

        static func hash(_ parts: [String]) -> String {
            var hash = FNV1a()
            for part in parts {
                hash.add(part.utf8)
                hash.add(0x1F)  // a separator, so that ["ab", "c"] and ["a", "bc"] differ
            }
            return hash.hex
        }
    }
}

import Foundation

/// The pipeline, end to end: load `Content/` → check → render with `Templates/` → write.
public enum SiteBuilder {
    public struct Options: Sendable {
        /// The publication folder (holding Content/ and Templates/).
        public var project: URL
        /// Where the site goes; default `<project>/Public`.
        public var output: URL?
        /// The date the timeline is checked as of; default: publication.yml's `status-date`, else today.
        public var asOf: CalendarDate?
        /// Behind schedule is an error.
        public var strict: Bool
        /// The public edition: refused while anything is unapproved; no draft marks.
        public var release: Bool
        /// Build only these languages' pages (plus the source language, which fallbacks and notices link to).
        public var onlyLanguages: [String]?
        /// Whether the print edition (one PDF per language) is built with the site, instead of it, or not.
        public var pdf: PDFMode
        /// The Python interpreter that runs Typst: `FOLIO_PYTHON`, else the installed tools' (`ToolPaths`),
        /// else `python3` on PATH.
        public var python: String
        /// Whether `build` makes a search index. Off unless asked for: the command line asks for
        /// `.automatic`; the preview server and tests build without one.
        public var search: SearchIndex.Setting
        /// Measure the phases (load, parse, check, render, write) into `Result.timings`.
        public var timings: Bool
        /// The editions pandoc writes (DOCX, EPUB) beside the site or the PDFs; none unless asked for
        /// (the command line asks for both). Without pandoc the build warns once and makes the rest.
        public var editions: Set<EditionFormat>
        /// Whether the pages are rendered: false writes only the editions asked for (`--pdf-only`,
        /// `--formats docx,epub`) into the existing output.
        public var pages: Bool
        /// The pandoc that formats citations (`Pandoc.locate`): nil when there is none, and then
        /// citations are shown as written.
        public var pandoc: Pandoc?
        /// Where citeproc's results are kept between builds of one process (the preview server's).
        var citeprocCache: CiteprocCache = .shared
        /// Whether the process exits right after the build (`folio build`): the publication is then
        /// kept, not freed (see `KeptUntilExit`).
        public var exitsAfterwards = false

        public init(project: URL, output: URL? = nil, asOf: CalendarDate? = nil, strict: Bool = false, release: Bool = false,
                    onlyLanguages: [String]? = nil, pdf: PDFMode = .withSite, python: String? = nil,
                    search: SearchIndex.Setting = .off, timings: Bool = false, editions: Set<EditionFormat> = [],
                    pages: Bool = true, pandoc: Pandoc?? = nil) {
            self.timings = timings
            self.pages = pages && pdf != .only
            self.editions = editions.intersection(EditionFormat.pandocFormats)
            self.onlyLanguages = onlyLanguages
            self.search = search
            self.project = project
            self.output = output
            self.asOf = asOf
            self.strict = strict
            self.release = release
            self.pdf = pdf
            self.python = python ?? ToolPaths.python()
            self.pandoc = pandoc ?? Pandoc.locate(python: self.python)
        }

        public var outputFolder: URL { output ?? project.appendingPathComponent("Public") }
    }

    public enum PDFMode: Sendable {
        /// The site and its print edition (the default).
        case withSite
        /// The site only (`--no-pdf`).
        case skip
        /// The print edition only (`--pdf-only`): the PDFs are replaced in the existing output.
        case only
    }

    public struct Result: Sendable {
        public var diagnostics: [Diagnostic]
        /// Files written (0 for a check, or when errors stopped the build).
        public var filesWritten: Int
        /// What each language's print edition took (empty when none was built).
        public var printTimings: [PrintEdition.Timing] = []
        /// What each language's Word and EPUB editions took (empty when none was built).
        public var editionTimings: [WordAndEPUBEditions.Timing] = []
        /// The phases' durations, when `Options.timings` asked for them.
        public var timings: [PhaseTimer.Phase] = []
        public var succeeded: Bool { !diagnostics.contains { $0.severity == .error } }
    }

    /// A loaded and checked publication, ready to render.
    struct Prepared: Sendable {
        let site: SiteContext
        /// The languages to render, or nil for all.
        let languages: Set<String>?
    }

    /// `folio status`: where every chapter stands, as of the options' date.
    public static func status(_ options: Options) -> (report: StatusReport?, diagnostics: [Diagnostic]) {
        let diagnostics = DiagnosticCollector()
        guard var publication = ContentLoader.load(project: options.project, diagnostics: diagnostics) else {
            return (nil, diagnostics.diagnostics)
        }
        PublicationChecker.check(&publication, diagnostics: diagnostics)
        let asOf = options.asOf ?? publication.config.statusDate ?? Timeline.today()
        TimelineChecker.check(publication, options: .init(asOf: asOf, strict: options.strict), diagnostics: diagnostics)
        return (StatusReport(publication: publication, asOf: asOf), diagnostics.diagnostics)
    }

    /// Loads and checks everything; nil when errors make rendering impossible.
    static func prepare(_ options: Options, diagnostics: DiagnosticCollector, cache: LoadCache? = nil,
                        searchable: Bool = false, timer: PhaseTimer = .disabled) -> Prepared? {
        let project = options.project
        let templatesFolder = project.appendingPathComponent("Templates")
        // The preview server keeps what was made from Templates/ while none of its files changed.
        let templateFiles = cache == nil ? [] : ProjectSnapshot.files(under: "Templates", project: project)
        @Sendable func cached<T: Sendable>(_ key: String, _ make: (DiagnosticCollector) -> T) -> T {
            guard let cache else { return make(diagnostics) }
            return cache.derived(key, files: templateFiles, project: project, diagnostics: diagnostics, make: make)
        }
        // The templates are read while the chapters load: the last chapters' parses leave a core free.
        let loadedTemplates = LockedArray<TemplateSet?>(count: 1, initial: nil)
        let templatesRead = DispatchGroup()
        DispatchQueue.global().async(group: templatesRead) {
            loadedTemplates[0] = cached("templates") { TemplateSet.load(templates: templatesFolder, diagnostics: $0) }
        }
        let publication = timer.measure("load") {
            ContentLoader.load(project: project, diagnostics: diagnostics, cache: cache, timer: timer)
        }
        templatesRead.wait()
        let templates = loadedTemplates[0]
        guard var publication else { return nil }
        timer.measure("check") { PublicationChecker.check(&publication, diagnostics: diagnostics, cache: cache) }
        let config = publication.config
        if let settings = config.bibliography {
            publication.bibliography = BibliographyLoader.load(project: project, settings: settings, diagnostics: diagnostics)
        }
        CitationChecker.check(publication, diagnostics: diagnostics)
        ChronologyChecker.check(publication, asOf: config.statusDate, diagnostics: diagnostics)
        let asOf = options.asOf ?? config.statusDate ?? Timeline.today()
        TimelineChecker.check(publication, options: .init(asOf: asOf, strict: options.strict), diagnostics: diagnostics)
        if options.release { ReleaseGate.check(publication, diagnostics: diagnostics) }
        AnchorChecker.check(publication, release: options.release, diagnostics: diagnostics, cache: cache)
        for language in options.onlyLanguages ?? [] where !config.languageCodes.contains(language) {
            diagnostics.error("--lang \(language): not one of the publication's languages (\(config.languageCodes.joined(separator: ", ")))"
                              + Suggestion.hint(for: language, in: config.languageCodes), at: nil)
        }
        let strings = cached("strings|\(config.languageCodes)|\(config.sourceLanguage)") {
            UIStrings.load(templates: templatesFolder, languages: config.languageCodes, source: config.sourceLanguage, diagnostics: $0)
        }
        if let templates, let sourceStrings = strings[config.sourceLanguage] {
            for (key, location) in templates.stringKeys.sorted(by: { $0.key < $1.key }) where sourceStrings.values[key] == nil {
                diagnostics.error("the templates use the interface string 't.\(key)', which Templates/i18n/\(config.sourceLanguage).yml does not define",
                                  at: location)
            }
        }
        let assets = cached("assets") { Assets.load(templates: templatesFolder, diagnostics: $0) }
        if assets.published["folio.css"] == nil {
            diagnostics.warning("Templates/assets/folio.css is missing: pages will have no stylesheet", at: nil)
        }
        guard let templates, !diagnostics.hasErrors else { return nil }
        if searchable, !templates.templateNames.contains("search") {
            diagnostics.warning("Templates/search.mustache is missing: the site has a search index but no search page", at: nil)
        }
        var site = SiteContext(publication: publication, templates: templates, strings: strings, assets: assets,
                               asOf: asOf, isRelease: options.release, hasSearch: searchable && templates.templateNames.contains("search"))
        if !options.release { site.changes = ChapterChanges.find(publication, cache: cache, diagnostics: diagnostics) }
        site.citations = timer.measure("citations") { CitationFormatter.format(site: site, pandoc: options.pandoc, diagnostics: diagnostics,
                                                                                      cache: options.citeprocCache) }
        guard !diagnostics.hasErrors else { return nil }
        let languages = options.onlyLanguages.map { Set($0 + [config.sourceLanguage]) }
        return Prepared(site: site, languages: languages)
    }

    /// `folio check`: everything but writing (the print edition's markup is generated, not compiled).
    public static func check(_ options: Options) -> Result {
        check(options, into: MemoryOutput())
    }

    /// `check`, keeping the rendered files in `output` (the fuzzing harness inspects them).
    package static func check(_ options: Options, into output: MemoryOutput) -> Result {
        let diagnostics = DiagnosticCollector()
        let timer = PhaseTimer(enabled: options.timings)
        timer.measure("total") {
            if let prepared = prepare(options, diagnostics: diagnostics, timer: timer) {
                timer.measure("render") { render(prepared, to: output, diagnostics: diagnostics, timer: timer) }
                if options.pdf != .skip { PrintEdition.check(prepared.site, diagnostics: diagnostics) }
            }
        }
        return Result(diagnostics: diagnostics.diagnostics, filesWritten: 0, timings: timer.recorded)
    }

    /// `folio build`: renders into a staging folder and swaps it in only when there is no error.
    /// The print edition is written into the same staging folder after the pages, so a Typst error
    /// leaves the previous site untouched too.
    public static func build(_ options: Options) -> Result {
        let timer = PhaseTimer(enabled: options.timings)
        var result = timer.measure("total") { build(options, timer: timer) }
        result.timings = timer.recorded
        return result
    }

    private static func build(_ options: Options, timer: PhaseTimer) -> Result {
        let diagnostics = DiagnosticCollector()
        if let refusal = OutputGuard.refusal(output: options.outputFolder, project: options.project) {
            diagnostics.error(refusal, at: nil)
            return Result(diagnostics: diagnostics.diagnostics, filesWritten: 0)
        }
        let search = SearchIndex.resolve(options.search, diagnostics: diagnostics)
        guard let prepared = prepare(options, diagnostics: diagnostics, searchable: search != nil, timer: timer) else {
            return Result(diagnostics: diagnostics.diagnostics, filesWritten: 0)
        }
        if options.exitsAfterwards { KeptUntilExit.keep(prepared) }
        var site = prepared.site
        // Said once per build (not by `folio check` or the preview, where the site is not published).
        if site.config.baseURL == nil, options.pages {
            diagnostics.add(Diagnostic(.note, "publication.yml has no base-url: pages carry no canonical address, absolute hreflang links, "
                                       + "OpenGraph, citation_* tags or schema.org data, and the site has no sitemap.xml "
                                       + "(absolute addresses need it: add `base-url: https://…`)",
                                       at: SourceLocation(file: "Content/publication.yml")))
        }
        let compiler = TypstCompiler(python: options.python)
        var printing = options.pdf != .skip
        if printing {
            let availability = compiler.probe()
            if availability != .available {
                let message = TypstCompiler.unavailableMessage(availability, python: options.python)
                // Without Typst the site is still built; only a PDF-only build has nothing left to do.
                if options.pdf == .only { diagnostics.error(message, at: nil) } else { diagnostics.warning(message, at: nil) }
                printing = false
            }
        }
        if printing {
            let slug = site.config.publicationSlug
            site.printEditions = Dictionary(uniqueKeysWithValues: site.config.languageCodes.map {
                ($0, SitePaths.pdfFile(slug: slug, language: $0))
            })
        }
        var pandoc: Pandoc?
        if !options.editions.isEmpty {
            switch Pandoc.locate() {
            case .success(let found): pandoc = found
            // Without pandoc the other formats are still built: one warning says what is missing.
            case .failure(let unavailable): diagnostics.warning(unavailable.message, at: nil)
            }
        }
        let editions = pandoc == nil ? [] : options.editions
        site.editions = Dictionary(uniqueKeysWithValues: site.config.languageCodes.map { ($0, editions.sorted()) })
        if !options.pages {
            guard printing || !editions.isEmpty else { return Result(diagnostics: diagnostics.diagnostics, filesWritten: 0) }
            let made = makeEditions(site, printing: printing, compiler: compiler, pandoc: pandoc, editions: editions,
                                    python: options.python, to: DirectoryOutput(output: options.outputFolder), diagnostics: diagnostics)
            return Result(diagnostics: diagnostics.diagnostics, filesWritten: made.print.count + made.editions.count,
                          printTimings: made.print, editionTimings: made.editions)
        }
        let output: StagedDirectoryOutput
        do {
            output = try StagedDirectoryOutput(output: options.outputFolder)
        } catch {
            diagnostics.error("cannot create the staging folder beside \(options.outputFolder.path): \(ContentLoader.reason(error))", at: nil)
            return Result(diagnostics: diagnostics.diagnostics, filesWritten: 0)
        }
        var written = timer.measure("render") {
            render(Prepared(site: site, languages: prepared.languages), to: output, diagnostics: diagnostics, timer: timer)
        }
        var made: (print: [PrintEdition.Timing], editions: [WordAndEPUBEditions.Timing]) = ([], [])
        if !diagnostics.hasErrors {
            made = makeEditions(site, printing: printing, compiler: compiler, pandoc: pandoc, editions: editions,
                                python: options.python, to: output, diagnostics: diagnostics)
            written += made.print.count + made.editions.count
        }
        // Indexed in the staging folder, so a failed index leaves the previous site in place.
        if let search, !diagnostics.hasErrors {
            written += search.index(site: output.staging, diagnostics: diagnostics)
        }
        guard !diagnostics.hasErrors else {
            output.discard()
            return Result(diagnostics: diagnostics.diagnostics, filesWritten: 0)
        }
        do {
            try timer.measure("commit") { try output.commit() }
        } catch {
            output.discard()
            diagnostics.error("cannot replace \(options.outputFolder.path): \(ContentLoader.reason(error))", at: nil)
            return Result(diagnostics: diagnostics.diagnostics, filesWritten: 0)
        }
        return Result(diagnostics: diagnostics.diagnostics, filesWritten: written, printTimings: made.print,
                      editionTimings: made.editions)
    }

    /// The PDFs (Typst) and the Word and EPUB editions (pandoc) at the same time: one is mostly a
    /// single Typst process per language, the other short pandoc runs, and together they fill the cores.
    /// Each EPUB waits for its language's PDF, whose page numbers it carries (`PrintPages`); the print
    /// step runs on a thread of its own, so that it goes on while EPUBs wait.
    private static func makeEditions(_ site: SiteContext, printing: Bool, compiler: TypstCompiler, pandoc: Pandoc?,
                                     editions: Set<EditionFormat>, python: String, to sink: OutputSink,
                                     diagnostics: DiagnosticCollector) -> (print: [PrintEdition.Timing], editions: [WordAndEPUBEditions.Timing]) {
        let printTimings = LockedArray<[PrintEdition.Timing]>(count: 1, initial: [])
        let editionTimings = LockedArray<[WordAndEPUBEditions.Timing]>(count: 1, initial: [])
        let pages = printing && editions.contains(.epub) ? PrintPages() : nil
        let printed = DispatchSemaphore(value: 0)
        if printing {
            Thread {
                printTimings[0] = PrintEdition.build(site, compiler: compiler, to: sink, diagnostics: diagnostics, pages: pages)
                printed.signal()
            }.start()
        }
        if let pandoc, !editions.isEmpty {
            editionTimings[0] = WordAndEPUBEditions.build(site, formats: editions, pandoc: pandoc, python: python,
                                                          to: sink, diagnostics: diagnostics, pages: pages)
        }
        if printing { printed.wait() }
        return (printTimings[0], editionTimings[0])
    }

    /// Renders every page in parallel and writes it to `sink`; returns the number of files written.
    @discardableResult
    static func render(_ prepared: Prepared, to sink: OutputSink, diagnostics: DiagnosticCollector,
                       timer: PhaseTimer = .disabled) -> Int {
        let site = prepared.site
        let jobs = pageJobs(site).filter { prepared.languages?.contains($0.language) ?? true }
        let failures = LockedArray<String?>(count: jobs.count, initial: nil)
        let tools = RenderTools(site: site)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            let job = jobs[index]
            guard let page = renderPage(job, site: site, tools: tools) else { return }
            do {
                try timer.accumulate("write") { try sink.write(page, to: job.path) }
            } catch {
                failures[index] = "cannot write \(job.path): \(ContentLoader.reason(error))"
            }
        }
        var written = jobs.count
        do {
            try site.assets.write(to: sink)
            written += site.assets.published.count
            for file in site.publication.mediaFiles {
                let data = try Data(contentsOf: site.publication.project.appendingPathComponent("Content/media/\(file)"))
                try sink.write(data, to: "media/\(file)")
                written += 1
            }
            // Keeps the output folder in git checkouts (`Public/.gitkeep` is the tracked placeholder).
            try sink.write(Data(), to: ".gitkeep")
        } catch {
            diagnostics.error("cannot copy assets and media: \(ContentLoader.reason(error))", at: nil)
        }
        for failure in failures.values.compactMap({ $0 }) { diagnostics.error(failure, at: nil) }
        return written
    }

    /// One page's HTML, as the file's bytes (nil when the job no longer matches the site, which cannot
    /// happen for jobs made from the same site).
    static func renderPage(_ job: PageJob, site: SiteContext, tools: RenderTools) -> Data? {
        tools.formatters.withFormatter(for: job.language) { formatter in
            let renderer = PageRenderer(site: site, language: job.language, formatter: formatter)
            switch job.kind {
            case .chooser: return Data(PageRenderer.chooserPage(site: site).utf8)
            case .home: return Data(renderer.homePage().utf8)
            case .status: return Data(renderer.statusPage().utf8)
            case .comments: return Data(renderer.commentsPage().utf8)
            case .changes(let position):
                guard let entry = site.books[job.language]?[position] else { return nil }
                return renderer.changesPage(entry).map { Data($0.utf8) }
            case .kpiIndex: return Data(renderer.kpiIndexPage().utf8)
            case .lists: return Data(renderer.listsPage().utf8)
            case .terms: return Data(renderer.termsPage().utf8)
            case .references: return Data(renderer.referencesPage().utf8)
            case .search: return Data(renderer.searchPage().utf8)
            case .acronyms: return Data(renderer.acronymsPage().utf8)
            case .imprint: return Data(renderer.imprintPage().utf8)
            case .notFound: return Data(PageRenderer.notFoundPage(site: site).utf8)
            case .sitemap: return Sitemap.xml(site: site).map { Data($0.utf8) }
            case .robots: return Data(Sitemap.robots(site: site).utf8)
            case .chapter(let position):
                guard let entry = site.books[job.language]?[position], let navigation = tools.navigation[job.language] else { return nil }
                return renderer.chapterPage(entry, index: position, navigation: navigation)
            }
        }
    }

    /// What every page of a render shares: each language's book navigation, made once, and a pool of
    /// formatters lent to the render tasks.
    struct RenderTools: Sendable {
        let navigation: [String: BookNavigation]
        let formatters: LocaleFormatterPool

        /// `navigation`: a language's book navigation (the preview server reuses the unchanged ones).
        /// Languages are made in parallel: each renders two entries per chapter, tens of milliseconds
        /// at 200 chapters that one core spent alone before the pages could start.
        init(site: SiteContext, navigation: @Sendable (String) -> BookNavigation) {
            let languages = site.config.languageCodes
            let made = LockedArray<BookNavigation?>(count: languages.count, initial: nil)
            DispatchQueue.concurrentPerform(iterations: languages.count) { made[$0] = navigation(languages[$0]) }
            self.navigation = Dictionary(uniqueKeysWithValues: zip(languages, made.values).compactMap { language, found in
                found.map { (language, $0) }
            })
            formatters = LocaleFormatterPool(site: site)
        }

        init(site: SiteContext) {
            self.init(site: site) { PageRenderer(site: site, language: $0).bookNavigation() }
        }
    }

    struct PageJob: Sendable {
        enum Kind: Sendable {
            case chooser
            case home
            case kpiIndex
            case lists
            case terms
            case references
            case status
            case comments
            case search
            case acronyms
            case imprint
            case notFound
            case sitemap
            case robots
            case changes(position: Int)
            case chapter(position: Int)
        }
        var kind: Kind
        var language: String
        var path: String
    }

    static func pageJobs(_ site: SiteContext) -> [PageJob] {
        let source = site.config.sourceLanguage
        var jobs = [PageJob(kind: .chooser, language: source, path: SitePaths.chooserFile),
                    PageJob(kind: .notFound, language: source, path: SitePaths.notFoundFile),
                    PageJob(kind: .robots, language: source, path: SitePaths.robotsFile)]
        if site.config.baseURL != nil { jobs.append(PageJob(kind: .sitemap, language: source, path: SitePaths.sitemapFile)) }
        if site.hasDashboard {
            jobs.append(PageJob(kind: .status, language: site.config.sourceLanguage, path: SitePaths.statusFile))
            jobs.append(PageJob(kind: .comments, language: site.config.sourceLanguage, path: SitePaths.commentsFile))
        }
        for language in site.config.languageCodes {
            jobs.append(PageJob(kind: .home, language: language, path: SitePaths.homeFile(language: language)))
            jobs.append(PageJob(kind: .imprint, language: language, path: SitePaths.imprintFile(language: language)))
            if site.publication.acronyms[language].map({ !$0.entries.isEmpty }) ?? false {
                jobs.append(PageJob(kind: .acronyms, language: language, path: SitePaths.acronymsFile(language: language)))
            }
            if site.hasSearch {
                jobs.append(PageJob(kind: .search, language: language, path: SitePaths.searchFile(language: language)))
            }
            if site.publication.kpiCatalogue != nil {
                jobs.append(PageJob(kind: .kpiIndex, language: language, path: SitePaths.kpiIndexFile(language: language)))
            }
            if site.hasElementLists(language) {
                jobs.append(PageJob(kind: .lists, language: language, path: SitePaths.listsFile(language: language)))
            }
            if site.hasTerms(language) {
                jobs.append(PageJob(kind: .terms, language: language, path: SitePaths.termsFile(language: language)))
            }
            if site.hasReferencePage(language) {
                jobs.append(PageJob(kind: .references, language: language, path: SitePaths.referencesFile(language: language)))
            }
            for (position, entry) in (site.books[language] ?? []).enumerated() {
                jobs.append(PageJob(kind: .chapter(position: position), language: language,
                                    path: SitePaths.chapterFile(slug: entry.slug, language: language)))
                if entry.isTranslated, site.changes[entry.chapter.path] != nil {
                    jobs.append(PageJob(kind: .changes(position: position), language: language,
                                        path: SitePaths.changesFile(slug: entry.slug, language: language)))
                }
            }
        }
        return jobs
    }
}

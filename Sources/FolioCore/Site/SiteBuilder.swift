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
        /// Measure the phases (load, parse, check, render, write) into `Result.timings`.
        public var timings: Bool

        public init(project: URL, output: URL? = nil, asOf: CalendarDate? = nil, strict: Bool = false, release: Bool = false,
                    timings: Bool = false) {
            self.project = project
            self.output = output
            self.asOf = asOf
            self.strict = strict
            self.release = release
            self.timings = timings
        }

        public var outputFolder: URL { output ?? project.appendingPathComponent("Public") }
    }

    public struct Result: Sendable {
        public var diagnostics: [Diagnostic]
        /// Files written (0 for a check, or when errors stopped the build).
        public var filesWritten: Int
        /// The phases' durations, when `Options.timings` asked for them.
        public var timings: [PhaseTimer.Phase] = []
        public var succeeded: Bool { !diagnostics.contains { $0.severity == .error } }
    }

    /// A loaded and checked publication, ready to render.
    struct Prepared: Sendable {
        let site: SiteContext
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
    static func prepare(_ options: Options, diagnostics: DiagnosticCollector, timer: PhaseTimer = .disabled) -> Prepared? {
        let project = options.project
        let templatesFolder = project.appendingPathComponent("Templates")
        let (loaded, templates) = timer.measure("load") {
            (ContentLoader.load(project: project, diagnostics: diagnostics, timer: timer),
             TemplateSet.load(templates: templatesFolder, diagnostics: diagnostics))
        }
        return timer.measure("check") {
            guard let publication = loaded else { return nil }
            return checked(publication, templates: templates, options: options, diagnostics: diagnostics)
        }
    }

    /// The whole-publication checks, interface strings and assets: everything rendering needs.
    private static func checked(_ loaded: Publication, templates: TemplateSet?, options: Options,
                                diagnostics: DiagnosticCollector) -> Prepared? {
        var publication = loaded
        let templatesFolder = options.project.appendingPathComponent("Templates")
        PublicationChecker.check(&publication, diagnostics: diagnostics)
        let config = publication.config
        let asOf = options.asOf ?? config.statusDate ?? Timeline.today()
        TimelineChecker.check(publication, options: .init(asOf: asOf, strict: options.strict), diagnostics: diagnostics)
        if options.release { ReleaseGate.check(publication, diagnostics: diagnostics) }
        let strings = UIStrings.load(templates: templatesFolder, languages: config.languageCodes,
                                     source: config.sourceLanguage, diagnostics: diagnostics)
        if let templates, let sourceStrings = strings[config.sourceLanguage] {
            for (key, location) in templates.stringKeys.sorted(by: { $0.key < $1.key }) where sourceStrings.values[key] == nil {
                diagnostics.error("the templates use the interface string 't.\(key)', which Templates/i18n/\(config.sourceLanguage).yml does not define",
                                  at: location)
            }
        }
        let assets = Assets.load(templates: templatesFolder, diagnostics: diagnostics)
        if assets.published["folio.css"] == nil {
            diagnostics.warning("Templates/assets/folio.css is missing: pages will have no stylesheet", at: nil)
        }
        guard let templates, !diagnostics.hasErrors else { return nil }
        return Prepared(site: SiteContext(publication: publication, templates: templates, strings: strings, assets: assets,
                                          asOf: asOf, isRelease: options.release))
    }

    /// `folio check`: everything but writing.
    public static func check(_ options: Options) -> Result {
        let diagnostics = DiagnosticCollector()
        let timer = PhaseTimer(enabled: options.timings)
        timer.measure("total") {
            if let prepared = prepare(options, diagnostics: diagnostics, timer: timer) {
                timer.measure("render") { render(prepared.site, to: MemoryOutput(), diagnostics: diagnostics, timer: timer) }
            }
        }
        return Result(diagnostics: diagnostics.diagnostics, filesWritten: 0, timings: timer.recorded)
    }

    /// `folio build`: renders into a staging folder and swaps it in only when there is no error.
    public static func build(_ options: Options) -> Result {
        let timer = PhaseTimer(enabled: options.timings)
        var result = timer.measure("total") { build(options, timer: timer) }
        result.timings = timer.recorded
        return result
    }

    private static func build(_ options: Options, timer: PhaseTimer) -> Result {
        let diagnostics = DiagnosticCollector()
        guard let prepared = prepare(options, diagnostics: diagnostics, timer: timer) else {
            return Result(diagnostics: diagnostics.diagnostics, filesWritten: 0)
        }
        let output: StagedDirectoryOutput
        do {
            output = try StagedDirectoryOutput(output: options.outputFolder)
        } catch {
            diagnostics.error("cannot create the staging folder beside \(options.outputFolder.path): \(ContentLoader.reason(error))", at: nil)
            return Result(diagnostics: diagnostics.diagnostics, filesWritten: 0)
        }
        let written = timer.measure("render") { render(prepared.site, to: output, diagnostics: diagnostics, timer: timer) }
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
        return Result(diagnostics: diagnostics.diagnostics, filesWritten: written)
    }

    /// Renders every page in parallel and writes it to `sink`; returns the number of files written.
    @discardableResult
    static func render(_ site: SiteContext, to sink: OutputSink, diagnostics: DiagnosticCollector,
                       timer: PhaseTimer = .disabled) -> Int {
        let jobs = pageJobs(site)
        let navigation = site.config.languageCodes.reduce(into: [String: BookNavigation]()) {
            $0[$1] = PageRenderer(site: site, language: $1).bookNavigation()
        }
        let formatters = LocaleFormatterPool(site: site)
        let failures = LockedArray<String?>(count: jobs.count, initial: nil)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            let job = jobs[index]
            let rendered: String? = formatters.withFormatter(for: job.language) { formatter in
                let renderer = PageRenderer(site: site, language: job.language, formatter: formatter)
                switch job.kind {
                case .chooser:
                    return PageRenderer.chooserPage(site: site)
                case .home:
                    return renderer.homePage()
                case .status:
                    return renderer.statusPage()
                case .kpiIndex:
                    return renderer.kpiIndexPage()
                case .chapter(let position):
                    guard let entry = site.books[job.language]?[position], let navigation = navigation[job.language] else { return nil }
                    return renderer.chapterPage(entry, index: position, navigation: navigation)
                }
            }
            guard let html = rendered else { return }
            do {
                try timer.accumulate("write") { try sink.write(Data(html.utf8), to: job.path) }
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

    struct PageJob: Sendable {
        enum Kind: Sendable {
            case chooser
            case home
            case kpiIndex
            case status
            case chapter(position: Int)
        }
        var kind: Kind
        var language: String
        var path: String
    }

    static func pageJobs(_ site: SiteContext) -> [PageJob] {
        var jobs = [PageJob(kind: .chooser, language: site.config.sourceLanguage, path: SitePaths.chooserFile)]
        if site.hasDashboard {
            jobs.append(PageJob(kind: .status, language: site.config.sourceLanguage, path: SitePaths.statusFile))
        }
        for language in site.config.languageCodes {
            jobs.append(PageJob(kind: .home, language: language, path: SitePaths.homeFile(language: language)))
            if site.publication.kpiCatalogue != nil {
                jobs.append(PageJob(kind: .kpiIndex, language: language, path: SitePaths.kpiIndexFile(language: language)))
            }
            for (position, entry) in (site.books[language] ?? []).enumerated() {
                jobs.append(PageJob(kind: .chapter(position: position), language: language,
                                    path: SitePaths.chapterFile(slug: entry.slug, language: language)))
            }
        }
        return jobs
    }
}

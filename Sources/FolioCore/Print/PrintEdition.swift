import Foundation

/// The print step of a build: for every language, the Typst document of its print edition is
/// generated from the parsed chapters, laid out in a temporary folder with the design
/// (`Templates/print/`), the charts and the images it uses, compiled to PDF/A-2a + PDF/UA-1, and
/// written to `<lang>/<slug>-<lang>.pdf` in the same output as the site.
public enum PrintEdition {
    /// How long one language's edition took, and how much memory Typst needed.
    public struct Timing: Sendable {
        public var language: String
        /// Generating the Typst markup from the chapters.
        public var generationSeconds: Double
        /// Running the compiler (Python start-up included).
        public var compileSeconds: Double
        /// Typst's own compile time, as the wrapper measured it.
        public var typstSeconds: Double
        /// The peak memory of the compiler process.
        public var peakKiB: Int
        public var pdfBytes: Int
    }

    /// The date the edition carries (its PDF timestamp): publication.yml's `status-date`, else the
    /// latest review recorded in a chapter, else 1 January of `year`. Never the clock, so that the
    /// same content gives the same PDF.
    static func contentDate(of publication: Publication) -> CalendarDate {
        if let date = publication.config.statusDate { return date }
        // Each chapter's reviews read in place: gathering the chapters first copied every one of them.
        var latest: CalendarDate?
        for chapters in publication.chapters.values {
            for index in chapters.indices {
                for date in chapters[index].reviews.compactMap(\.date) { latest = max(latest ?? date, date) }
            }
        }
        if let latest { return latest }
        if let year = publication.config.year.flatMap({ Int($0) }), let date = CalendarDate(year: year, month: 1, day: 1) {
            return date
        }
        return CalendarDate.epoch
    }

    /// Seconds since 1970-01-01T00:00:00Z at the start of `date` (Julian day 2440588).
    static func timestamp(_ date: CalendarDate) -> Int {
        (date.dayNumber - 2_440_588) * 86_400
    }

    /// The font folders Typst may use: Debian's Noto fonts and the template's own `fonts/`.
    static func fontFolders(project: URL) -> [String] {
        var folders = TypstCompiler.systemFontFolders.filter { ContentLoader.isDirectoryEntry(URL(fileURLWithPath: $0)) }
        let own = project.appendingPathComponent("Templates/print/fonts")
        if ContentLoader.isDirectoryEntry(own) { folders.append(own.path) }
        return folders
    }

    /// `folio check`: generates every edition's markup (which reports content the print edition
    /// cannot take, such as an image without alternative text) without compiling it.
    static func check(_ site: SiteContext, diagnostics: DiagnosticCollector) {
        let languages = site.config.languageCodes
        DispatchQueue.concurrentPerform(iterations: languages.count) { index in
            _ = PrintDocument.make(site: site, language: languages[index], diagnostics: diagnostics)
        }
    }

    /// Generates, compiles and writes every language's PDF into `sink`; returns what each took.
    /// Each PDF's page marks go to `pages`, for the EPUB editions' page lists.
    static func build(_ site: SiteContext, compiler: TypstCompiler, to sink: OutputSink,
                      diagnostics: DiagnosticCollector, pages: PrintPages? = nil) -> [Timing] {
        // However the step ends, no EPUB is left waiting for a PDF that will not come.
        defer { pages?.close() }
        let project = site.publication.project
        guard TemplateSource(project: project).origin(of: "print/folio.typ") != nil else {
            diagnostics.error("\(PrintDocument.templatePath) is missing: the print edition needs its design (or build with --no-pdf)",
                              at: nil)
            return []
        }
        let fonts = fontFolders(project: project)
        if !fonts.contains(where: { TypstCompiler.systemFontFolders.contains($0) }) {
            diagnostics.warning("the Noto fonts are not installed (apt-get install fonts-noto-core fonts-noto-cjk): the print edition falls back to Typst's own fonts, which have no Arabic or Chinese",
                                at: nil)
        }
        let timestamp = timestamp(contentDate(of: site.publication))
        let languages = site.config.languageCodes
        let timings = LockedArray<Timing?>(count: languages.count, initial: nil)
        DispatchQueue.concurrentPerform(iterations: languages.count) { index in
            let language = languages[index]
            let clock = ContinuousClock()
            let generationStart = clock.now
            // A document whose content has errors is not compiled: its errors are already reported.
            let local = DiagnosticCollector()
            let document = PrintDocument.make(site: site, language: language, diagnostics: local)
            let generation = clock.now - generationStart
            diagnostics.add(contentsOf: local.diagnostics)
            guard !local.hasErrors else { return }
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("folio-print-\(UUID().uuidString)")
            // FOLIO_KEEP_TYPST=1 keeps the compile folder, to look at the generated document.
            let keep = ProcessInfo.processInfo.environment["FOLIO_KEEP_TYPST"] != nil
            defer {
                if keep {
                    diagnostics.add(Diagnostic(.note, "the \(language) print edition's Typst document is kept in \(folder.path)", at: nil))
                } else {
                    try? FileManager.default.removeItem(at: folder)
                }
            }
            do {
                try lay(out: document, in: folder, project: project)
            } catch {
                diagnostics.error("cannot prepare the \(language) print edition in \(folder.path): \(ContentLoader.reason(error))", at: nil)
                return
            }
            let compileStart = clock.now
            let outcome = compiler.compile(document, in: folder, fonts: fonts, timestamp: timestamp)
            let compile = clock.now - compileStart
            diagnostics.add(contentsOf: outcome.diagnostics)
            guard let pdf = outcome.pdf else { return }
            do {
                try sink.write(pdf, to: document.pdfPath)
            } catch {
                diagnostics.error("cannot write \(document.pdfPath): \(ContentLoader.reason(error))", at: nil)
                return
            }
            pages?.publish(outcome.marks, for: language)
            timings[index] = Timing(language: language, generationSeconds: generation.seconds,
                                    compileSeconds: compile.seconds, typstSeconds: outcome.seconds,
                                    peakKiB: outcome.peakKiB, pdfBytes: pdf.count)
        }
        return timings.values.compactMap { $0 }
    }

    /// The compile folder: the generated document, the design (`Templates/print/` over the defaults, without its
    /// fonts, which Typst reads in place), the charts and the media files the document shows. Files whose bytes
    /// are already there are left alone, so the live print preview can lay out its folder again after every edit
    /// without touching what did not change.
    static func lay(out document: PrintDocument, in folder: URL, project: URL) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        try writeIfChanged(Data(document.text.utf8), to: folder.appendingPathComponent(document.fileName))
        // The design's files, each the publication's own or folio's default (fonts stay where they are).
        let design = TemplateSource(project: project)
        for relative in design.files(under: "print/") where !relative.hasPrefix("print/fonts/") {
            let target = folder.appendingPathComponent("Templates/\(relative)")
            if let own = design.url(of: relative) {
                try writeIfChanged(Data(contentsOf: own), to: target)
            } else if let data = design.defaultData(relative) {
                try writeIfChanged(data, to: target)
            }
        }
        for chart in document.assets.charts {
            try writeIfChanged(Data(chart.svg.utf8), to: folder.appendingPathComponent(chart.path))
        }
        for file in document.assets.media.sorted() {
            let data = try Data(contentsOf: project.appendingPathComponent("Content/media/\(file)"))
            try writeIfChanged(data, to: folder.appendingPathComponent("media/\(file)"))
        }
    }

    private static func writeIfChanged(_ data: Data, to target: URL) throws {
        if let old = try? Data(contentsOf: target), old == data { return }
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: target, options: .atomic)
    }
}

extension Duration {
    /// The duration in seconds, as a Double.
    var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) / 1e18
    }
}

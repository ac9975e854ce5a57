import Foundation

/// The Word and EPUB step of a build: for every language, the edition's pandoc document is made from
/// the chapter models (`EditionDocument`), and pandoc writes it as DOCX (styled by
/// `Templates/docx/reference.docx`) and EPUB 3 (`Templates/epub/`) into `<lang>/<slug>-<lang>.docx`
/// and `.epub`, in the same output as the site. Languages and formats run in parallel; the dates
/// pandoc writes come from the content, so the same content gives the same bytes.
public enum WordAndEPUBEditions {
    public struct Timing: Sendable {
        public var language: String
        public var format: EditionFormat
        /// Making the pandoc document (shared by the language's formats) and running pandoc.
        public var seconds: Double
        public var bytes: Int
    }

    static let referenceDocument = "docx/reference.docx"

    /// Makes and writes the editions of `formats` (DOCX, EPUB) for every language into `sink`. With
    /// `pages` (a print step running beside this one), each EPUB waits for its language's PDF and carries
    /// its page numbers as a page list.
    static func build(_ site: SiteContext, formats: Set<EditionFormat>, pandoc: Pandoc, python: String,
                      to sink: OutputSink, diagnostics: DiagnosticCollector, pages: PrintPages? = nil) -> [Timing] {
        let project = site.publication.project
        let design = TemplateSource(project: project)
        var missing: [String] = []
        if formats.contains(.docx), design.origin(of: referenceDocument) == nil { missing.append("Templates/\(referenceDocument)") }
        if formats.contains(.epub) {
            missing += [EPUBEdition.stylesheet, EPUBEdition.template].filter { design.origin(of: $0) == nil }.map { "Templates/\($0)" }
        }
        guard missing.isEmpty else {
            diagnostics.error("\(missing.joined(separator: ", ")) missing: the Word and EPUB editions need their design (or build without docx and epub in --formats)",
                              at: nil)
            return []
        }
        let languages = site.config.languageCodes
        let documents = LockedArray<(EditionDocument, Double)?>(count: languages.count, initial: nil)
        // Every DOCX before the EPUBs, which may wait for their PDFs.
        let jobs = formats.sorted().filter(EditionFormat.pandocFormats.contains).flatMap { format in languages.indices.map { ($0, format) } }
        let timings = LockedArray<Timing?>(count: jobs.count, initial: nil)
        // The documents first (milliseconds each), then every language × format as one pandoc run.
        DispatchQueue.concurrentPerform(iterations: languages.count) { index in
            let clock = ContinuousClock()
            let start = clock.now
            let document = EditionDocument.make(site: site, language: languages[index])
            documents[index] = (document, (clock.now - start).seconds)
        }
        let epoch = PrintEdition.timestamp(PrintEdition.contentDate(of: site.publication))
        let slug = site.config.publicationSlug
        DispatchQueue.concurrentPerform(iterations: jobs.count) { job in
            let (index, format) = jobs[job]
            guard let (made, generation) = documents[index] else { return }
            var edition = made
            // The EPUB with the PDF's page numbers: the document again, with the page breaks (milliseconds).
            let breaks = format == .epub ? pages?.marks(for: languages[index]).map(EPUBPageList.breaks) ?? [:] : [:]
            let clock = ContinuousClock()
            let start = clock.now
            if !breaks.isEmpty { edition = EditionDocument.make(site: site, language: languages[index], pageBreaks: breaks) }
            let local = DiagnosticCollector()
            guard let bytes = write(edition, format: format, site: site, design: design, pandoc: pandoc, python: python,
                                    pageList: !breaks.isEmpty, sourceDateEpoch: epoch, diagnostics: local) else {
                diagnostics.add(contentsOf: local.diagnostics)
                return
            }
            diagnostics.add(contentsOf: local.diagnostics)
            let path = format.file(slug: slug, language: edition.language)
            do {
                try sink.write(bytes, to: path)
            } catch {
                diagnostics.error("cannot write \(path): \(ContentLoader.reason(error))", at: nil)
                return
            }
            timings[job] = Timing(language: edition.language, format: format, seconds: generation + (clock.now - start).seconds,
                                  bytes: bytes.count)
        }
        return timings.values.compactMap { $0 }
    }

    /// One edition's bytes, written by pandoc in a folder of its own; nil after an error (reported).
    private static func write(_ edition: EditionDocument, format: EditionFormat, site: SiteContext, design: TemplateSource,
                              pandoc: Pandoc, python: String, pageList: Bool, sourceDateEpoch: Int,
                              diagnostics: DiagnosticCollector) -> Data? {
        let name = "the \(UNLanguage.named(edition.language)?.englishName ?? edition.language) \(format == .docx ? "Word" : "EPUB") edition"
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("folio-\(format.rawValue)-\(UUID().uuidString)")
        // FOLIO_KEEP_PANDOC=1 keeps the folder (the document as edition.json, pandoc's inputs) to look at.
        let keep = ProcessInfo.processInfo.environment["FOLIO_KEEP_PANDOC"] != nil
        defer {
            if keep {
                diagnostics.add(Diagnostic(.note, "\(name)'s pandoc folder is kept in \(folder.path)", at: nil))
            } else {
                try? FileManager.default.removeItem(at: folder)
            }
        }
        let project = site.publication.project
        let output = "edition.\(format.rawValue)"
        var arguments = ["--from=json", "--resource-path=.:\(project.appendingPathComponent("Content").path)", "--output=\(output)"]
        let json: Data
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for chart in edition.assets.charts {
                let target = folder.appendingPathComponent(chart.path)
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(chart.svg.utf8).write(to: target)
            }
            switch format {
            case .docx:
                try copy(WordAndEPUBEditions.referenceDocument, from: design, to: folder.appendingPathComponent("reference.docx"))
                arguments += ["--to=docx", "--reference-doc=reference.docx"]
                json = try edition.document.json()
            default:
                let strings = site.strings(edition.language)
                let document = EPUBEdition.document(edition, strings: strings, pageList: pageList)
                json = try document.json()
                try copy(EPUBEdition.stylesheet, from: design, to: folder.appendingPathComponent("folio.css"))
                try copy(EPUBEdition.template, from: design, to: folder.appendingPathComponent("epub3.xhtml"))
                let identifier = EPUBEdition.identifier(slug: site.config.publicationSlug,
                                                        title: site.config.title(in: site.config.sourceLanguage), language: edition.language)
                try Data(EPUBEdition.metadataXML(identifier: identifier).utf8).write(to: folder.appendingPathComponent("metadata.xml"))
                arguments += ["--to=epub3", "--template=epub3.xhtml", "--css=folio.css", "--epub-metadata=metadata.xml",
                              "--toc-depth=3", "--split-level=1"]
                // The pages' direction: pandoc gives the EPUB template no `dir` from the metadata.
                if UNLanguage.named(edition.language)?.isRightToLeft == true { arguments.append("--variable=dir=rtl") }
                let fonts = EPUBEdition.fonts(language: edition.language, text: json, in: folder, python: python, diagnostics: diagnostics)
                if !fonts.files.isEmpty {
                    try Data(fonts.css.utf8).write(to: folder.appendingPathComponent("fonts.css"))
                    arguments += ["--css=fonts.css"] + fonts.files.map { "--epub-embed-font=\($0)" }
                }
            }
        } catch {
            diagnostics.error("cannot prepare \(name) in \(folder.path): \(ContentLoader.reason(error))", at: nil)
            return nil
        }
        if keep { try? json.write(to: folder.appendingPathComponent("edition.json")) }
        let run: Pandoc.Run
        do {
            run = try pandoc.run(arguments, input: json, in: folder, sourceDateEpoch: sourceDateEpoch)
        } catch {
            diagnostics.error("\(name) could not be written: pandoc (\(pandoc.path)) could not be started: \(ContentLoader.reason(error))", at: nil)
            return nil
        }
        for message in Set(run.messages).sorted() {
            diagnostics.add(Diagnostic(run.succeeded ? .warning : .error, "\(name): pandoc: \(message)", at: nil))
        }
        guard run.succeeded else {
            if run.messages.isEmpty { diagnostics.error("\(name): pandoc failed with exit status \(run.status)", at: nil) }
            return nil
        }
        if format == .epub {
            let publisher = site.config.publisher[edition.language] ?? site.config.publisher[site.config.sourceLanguage]
                ?? site.config.title(in: edition.language)
            let strings = site.strings(edition.language)
            // The page numbers' source: the print edition, by its address (or its path in the site).
            let pdf = EditionFormat.pdf.file(slug: site.config.publicationSlug, language: edition.language)
            let source = site.config.baseURL.map { ($0.hasSuffix("/") ? $0 : $0 + "/") + pdf } ?? pdf
            EPUBConformance.add(to: folder.appendingPathComponent(output), certifiedBy: publisher,
                                pageList: pageList ? (strings["epub_page_list"], source) : nil, python: python, diagnostics: diagnostics)
        }
        guard let bytes = try? Data(contentsOf: folder.appendingPathComponent(output)) else {
            diagnostics.error("\(name): pandoc reported success but wrote no file", at: nil)
            return nil
        }
        return bytes
    }

    /// A design file (the publication's own, else folio's default) into the pandoc folder.
    private static func copy(_ relative: String, from design: TemplateSource, to target: URL) throws {
        if let own = design.url(of: relative) {
            try FileManager.default.copyItem(at: own, to: target)
        } else if let data = design.defaultData(relative) {
            try data.write(to: target)
        }
    }
}

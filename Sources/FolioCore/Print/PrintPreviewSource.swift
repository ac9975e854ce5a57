import Foundation

/// One language's print edition as `folio serve`'s live print view compiles it: the same Typst document
/// `folio build` makes (`PrintDocument`), made from the preview's last good site, laid out in a compile
/// folder that lives as long as the view's compiler; plus where each labelled heading of the document
/// is on the draft site, for the links between the page images and the chapter pages.
public struct PrintPreviewSource: Sendable {
    /// A heading of the print edition: its Typst label, the draft page (and fragment) it links to.
    public struct Section: Sendable, Codable, Equatable {
        public var label: String
        /// `/en/introduction/#context` (the chapter page itself for a chapter's title).
        public var href: String
        public var title: String
        /// 1 for a chapter, 2… for its sections.
        public var level: Int
    }

    /// Why no document could be made: its errors.
    public struct Problems: Error, Sendable {
        public var diagnostics: [Diagnostic]
    }

    public let language: String
    /// The site generation the document was made from.
    public let generation: Int
    /// The document's file name in the compile folder.
    public var fileName: String { document.fileName }
    /// The folders Typst takes its fonts from (the same as `folio build`'s).
    public let fonts: [String]
    /// Typst label → the heading's place on the draft site.
    public let sections: [String: Section]
    let document: PrintDocument
    let project: URL

    /// The languages the preview's site has (empty before its first good build).
    public static func languages(in builder: IncrementalBuilder) -> [String] {
        builder.site?.site.config.languageCodes ?? []
    }

    /// The document of `language`'s print edition from the builder's last good site; or the errors that
    /// keep it from being made (no good build yet, no design, content the print edition cannot take).
    public static func make(from builder: IncrementalBuilder, language: String) -> Result<PrintPreviewSource, Problems> {
        guard let current = builder.site else {
            return .failure(Problems(diagnostics: [.error("the site has errors: the print edition is made from the last good build", at: nil)]))
        }
        let site = current.site, generation = current.generation
        guard site.config.languageCodes.contains(language) else {
            return .failure(Problems(diagnostics: [.error("the publication has no language '\(language)'", at: nil)]))
        }
        let project = builder.options.project
        guard TemplateSource(project: project).origin(of: "print/folio.typ") != nil else {
            return .failure(Problems(diagnostics: [.error("\(PrintDocument.templatePath) is missing: the print edition needs its design", at: nil)]))
        }
        let diagnostics = DiagnosticCollector()
        let document = PrintDocument.make(site: site, language: language, diagnostics: diagnostics)
        guard !diagnostics.hasErrors else { return .failure(Problems(diagnostics: diagnostics.diagnostics.filter { $0.severity == .error })) }
        return .success(PrintPreviewSource(language: language, generation: generation,
                                           fonts: PrintEdition.fontFolders(project: project),
                                           sections: sections(of: site, language: language), document: document,
                                           project: project))
    }

    /// Writes the document and what it uses into `folder`; files that did not change are left alone.
    public func lay(in folder: URL) throws {
        try PrintEdition.lay(out: document, in: folder, project: project)
    }

    /// Typst's errors or warnings (JSON: `[{"message", "diagnostic", "hints"}]`, as the compiler wrapper
    /// reports them) as folio diagnostics at the chapter's line, as `folio build` reports them.
    public func diagnostics(fromTypstJSON json: Data, severity: Severity) -> [Diagnostic] {
        let edition = "the \(UNLanguage.named(language)?.englishName ?? language) print edition"
        guard let items = try? JSONDecoder().decode([TypstCompiler.Report.Item].self, from: json) else {
            return [Diagnostic(severity, "\(edition): Typst's report could not be read", at: nil)]
        }
        return items.flatMap { TypstCompiler.diagnostics(from: $0, severity: severity, document: document, edition: edition) }
    }

    /// The labels the Typst renderer gives chapters (`ch-2`) and headings (`h-2-3`), each with its page on
    /// the draft site: the same model, so the two always agree.
    static func sections(of site: SiteContext, language: String) -> [String: Section] {
        var sections: [String: Section] = [:]
        for entry in site.books[language] ?? [] {
            let page = "/" + SitePaths.chapterFile(slug: entry.slug, language: language)
            let folder = page.hasSuffix("index.html") ? String(page.dropLast("index.html".count)) : page
            let chapterLabel = PrintAnchors.chapter(entry.number)
            sections[chapterLabel] = Section(label: chapterLabel, href: folder, title: entry.chapter.title, level: 1)
            guard let model = site.publication.models[entry.chapter.path] else { continue }
            for heading in model.orderedHeadings {
                let label = PrintAnchors.heading(heading, chapter: entry.number)
                sections[label] = Section(label: label, href: folder + "#" + heading.id, title: heading.text,
                                          level: max(heading.level, 2))
            }
        }
        return sections
    }
}

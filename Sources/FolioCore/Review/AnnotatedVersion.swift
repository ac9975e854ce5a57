import Foundation
import FolioMarkdown

/// One version of a chapter's file, read as the loader reads a chapter and annotated once as the
/// annotator annotates it (its own kpi blocks numbered among its figures, its links resolved against
/// the publication as it is now): what the redline walks. The chapter as it is now is the
/// publication's own model, never annotated again.
struct AnnotatedVersion: Sendable {
    var path: String
    var title: String?
    var stage: String?
    var summary: String?
    var model: ChapterModel
    var bodyLineOffset: Int

    /// The chapter as the publication loaded and annotated it.
    init(chapter: Chapter, model: ChapterModel) {
        path = chapter.path
        title = chapter.title
        stage = chapter.stage
        summary = chapter.summary
        self.model = model
        bodyLineOffset = chapter.bodyLineOffset
    }

    /// An earlier version's text; nil when it cannot be read as a chapter (not UTF-8, front matter not
    /// closed or not YAML). What is wrong in it was the concern of its own time: nothing is reported.
    init?(text: String, path: String, language: String, number: Int, resolver: LinkResolver, catalogue: KPICatalogue?) {
        let quiet = DiagnosticCollector()
        guard let parsed = ChapterLoader.parse(data: Data(text.utf8), path: path, fingerprint: false, diagnostics: quiet) else {
            return nil
        }
        self.path = path
        title = parsed.fields?.decode("title", as: String.self)
        stage = parsed.fields?.decode("stage", as: String.self)
        summary = parsed.fields?.decode("summary", as: String.self)
        bodyLineOffset = parsed.bodyLineOffset
        model = Self.annotate(.init(document: parsed.document, path: path, language: language, number: number,
                                    bodyLineOffset: parsed.bodyLineOffset), resolver: resolver, catalogue: catalogue)
    }

    /// A chapter the loader read, annotated here (`folio diff` loads the publication but does not check it).
    init(annotating chapter: Chapter, resolver: LinkResolver, catalogue: KPICatalogue?) {
        self.init(chapter: chapter, model: Self.annotate(.init(chapter), resolver: resolver, catalogue: catalogue))
    }

    private static func annotate(_ source: ChapterAnnotator.Source, resolver: LinkResolver, catalogue: KPICatalogue?) -> ChapterModel {
        let quiet = DiagnosticCollector()
        let document = source.document
        let parser = KPIBlockParser(catalogue: catalogue, diagnostics: quiet)
        let kpiBlocks = KPIChecker.fences(in: document).compactMap { fence in
            parser.parse(document.text(of: fence), file: source.path, fenceLine: document[fence].start.line + source.bodyLineOffset, node: fence)
        }
        return ChapterAnnotator.annotate(source, kpiBlocks: kpiBlocks, resolver: resolver, mediaSizes: [:], catalogue: catalogue,
                                         diagnostics: quiet)
    }
}

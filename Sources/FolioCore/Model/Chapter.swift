import Foundation
import FolioMarkdown

/// A review recorded in a chapter's front matter.
public struct ReviewRecord: Sendable, Hashable {
    public var stage: String
    public var by: String
    public var date: CalendarDate?
    public var outcome: String?
    /// The git commit of the chapter the reviewer read (`version:`, written by `folio review record`).
    public var version: String?
    public var location: SourceLocation
}

/// A reviewer's CriticMarkup edit or comment still in a chapter (the release refuses them).
public struct ReviewMark: Sendable, Hashable {
    public var line: Int
    /// insertion, deletion, substitution, highlight or comment
    public var kind: String
    public var column: Int = 1
    /// A comment's author, date and words.
    public var comment: ReviewComment?
}

/// A heading of a chapter, with the id its anchor gets on the page.
public struct ChapterHeading: Sendable, Hashable {
    public var level: Int
    public var text: String
    public var id: String
    public var line: Int
}

/// One chapter file (`Content/<lang>/NN-slug.md`), loaded and parsed.
public struct Chapter: Sendable {
    public var language: String
    /// `NN`: orders the chapters and is shown as the chapter number.
    public var number: Int
    /// The chapter id shared by all languages (`governance` for `05-governance.md`).
    public var slug: String
    /// Path relative to the project folder, as diagnostics print it.
    public var path: String
    public var title: String
    public var summary: String?
    public var authors: [String]
    public var stage: String?
    public var stageLocation: SourceLocation?
    public var reviews: [ReviewRecord]
    public var reviewMarks: [ReviewMark]
    /// The text under each heading, fingerprinted; empty in a translation (translations are compared
    /// with their source chapter's sections, so only source chapters are fingerprinted).
    public var sections: [SectionFingerprint]
    /// In a translation: the source sections it was marked as matching.
    public var translationRecord: TranslationRecord?
    /// The Markdown body; its lines are offset by `bodyLineOffset` from the file's lines.
    public var document: MarkdownDocument
    public var bodyLineOffset: Int
    /// The file's stamp when it was read (nil if it could not be examined): the preview server keeps
    /// what the checks found in a chapter while this is unchanged.
    public var fileStamp: FileStamp?
    /// The file name without `.md` (`04-urban-planning`), as the coordinator refers to chapters.
    public var fileStem: String {
        fileName.hasSuffix(".md") ? String(fileName.dropLast(3)) : fileName
    }

    /// `04-urban-planning.md`.
    public var fileName: String { path.split(separator: "/").last.map(String.init) ?? path }

    /// Path and stamp, nil without a stamp: identifies this version of the chapter in cached findings.
    var revision: String? { fileStamp.map { "\(path)@\($0)" } }

    /// The front matter's first line (the `---`), for diagnostics about the chapter as a whole.
    public var location: SourceLocation { SourceLocation(file: path, line: 1, column: 1) }

    /// A location inside the body, from a cmark source position.
    public func location(of point: SourcePoint) -> SourceLocation {
        SourceLocation(file: path, line: point.line + bodyLineOffset, column: point.column)
    }

    /// `location(of:)` as a function holding only the path and the line offset, for the checks that
    /// take one: the method itself, passed as a function, captures the whole chapter, which a walk
    /// over every text node then copied and released again (3 % of a build).
    var locate: @Sendable (SourcePoint) -> SourceLocation {
        let path = path, offset = bodyLineOffset
        return { SourceLocation(file: path, line: $0.line + offset, column: $0.column) }
    }
}

/// The optional landing text of one language (`Content/<lang>/_index.md`).
public struct LandingText: Sendable {
    public var language: String
    public var path: String
    public var title: String?
    public var document: MarkdownDocument
    public var bodyLineOffset: Int
}

/// Everything under `Content/`, loaded: the input of checking and rendering.
public struct Publication: Sendable {
    /// The project folder (holding Content/ and Templates/).
    public var project: URL
    public var config: PublicationConfig
    /// Chapters per language code, ordered by number.
    public var chapters: [String: [Chapter]] {
        didSet { positions = Self.positions(of: chapters) }
    }
    /// Where each slug's chapter is in its language's list: `chapter(slug:language:)` is asked for
    /// every link and page, and scanning 200 chapters each time added up.
    private var positions: [String: [String: Int]] = [:]
    public var landings: [String: LandingText]
    /// Files under `Content/media/`, relative to that folder, sorted.
    public var mediaFiles: [String]
    /// `Content/kpis.yml`, when the publication has one.
    public var kpiCatalogue: KPICatalogue?
    /// The validated `kpi` blocks of each chapter (by path), in document order; filled by the checks.
    public var kpiBlocks: [String: [KPIBlock]] = [:]
    /// Each chapter annotated for rendering (by path); filled by the checks.
    public var models: [String: ChapterModel] = [:]
    /// Each language's landing text, annotated.
    public var landingModels: [String: ChapterModel] = [:]
    /// Every label, per language's book.
    public var crossReferences = CrossReferenceIndex()
    /// What the chapters' links were resolved against (made once, by the annotation).
    public var linkResolver: LinkResolver?
    /// `Content/terms.yml`, when the publication has one (read by the checks).
    public var glossary: Glossary?
    /// The bibliography and citation style `publication.yml` names, read by the checks.
    public var bibliography: Bibliography?
    /// Each language's `acronyms.yml`, read by the checks.
    public var acronyms: [String: AcronymList] = [:]

    /// The source-language chapters: they define the book's chapter list.
    public var sourceChapters: [Chapter] { chapters[config.sourceLanguage] ?? [] }

    public init(project: URL, config: PublicationConfig, chapters: [String: [Chapter]], landings: [String: LandingText],
                mediaFiles: [String], kpiCatalogue: KPICatalogue?) {
        self.project = project
        self.config = config
        self.chapters = chapters
        self.landings = landings
        self.mediaFiles = mediaFiles
        self.kpiCatalogue = kpiCatalogue
        positions = Self.positions(of: chapters)
    }

    public func chapter(slug: String, language: String) -> Chapter? {
        position(ofSlug: slug, language: language).flatMap { chapters[language]?[$0] }
    }

    /// Where the chapter `slug` stands in `chapters[language]`.
    public func position(ofSlug slug: String, language: String) -> Int? {
        positions[language]?[slug]
    }

    /// The first chapter of each slug (a duplicate slug is an error reported by the checks).
    private static func positions(of chapters: [String: [Chapter]]) -> [String: [String: Int]] {
        chapters.mapValues { list in Dictionary(list.enumerated().map { ($1.slug, $0) }) { first, _ in first } }
    }
}

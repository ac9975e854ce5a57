import Foundation

/// `folio diff <lang>/<file>`: the chapter's changes since a review (or a revision), as text or JSON.
public struct RedlineReport: Sendable {
    public let chapter: Chapter
    public let base: ReviewBase
    public let diff: ChapterDiff

    /// Loads the publication, finds the base version in git and compares it with the file as it is now.
    public static func make(project: URL, file: String, since: ReviewBase.Since) -> Result<RedlineReport, DiagnosticList> {
        let diagnostics = DiagnosticCollector()
        guard let publication = ContentLoader.load(project: project, diagnostics: diagnostics) else {
            return .failure(DiagnosticList(diagnostics.diagnostics))
        }
        guard let chapter = ReviewTargets.chapters([file], in: publication, diagnostics: diagnostics).first else {
            return .failure(DiagnosticList(diagnostics.diagnostics))
        }
        let history: ChapterHistory
        switch ChapterHistory.open(project) {
        case .success(let found): history = found
        case .failure(let problem):
            return .failure(DiagnosticList([Diagnostic.error(ReviewTargets.message(problem, project: project, need: "`folio diff` reads the chapter's earlier versions from git"),
                                    at: chapter.location)]))
        }
        let base: ReviewBase
        switch ReviewBase.find(since, chapter: chapter, history: history, timeline: Timeline(stages: publication.config.stages)) {
        case .success(let found): base = found
        case .failure(let diagnostic): return .failure(DiagnosticList([diagnostic]))
        }
        // Both versions walked from their models, references and citations as written: the command
        // points authors at their source (the changes page reads them as the site shows them).
        let resolver = LinkResolver(publication: publication)
        let new = ChapterVersion(AnnotatedVersion(annotating: chapter, resolver: resolver, catalogue: publication.kpiCatalogue),
                                 resolution: .asWritten)
        guard let then = AnnotatedVersion(text: base.text, path: chapter.path, language: chapter.language, number: chapter.number,
                                          resolver: resolver, catalogue: publication.kpiCatalogue) else {
            return .failure(DiagnosticList([Diagnostic.error("the chapter at commit \(base.commit.prefix(12)) cannot be read (not UTF-8, or its front matter is not closed or not YAML)",
                                    at: chapter.location)]))
        }
        return .success(RedlineReport(chapter: chapter, base: base,
                                      diff: ChapterDiff(old: ChapterVersion(then, resolution: .asWritten), new: new)))
    }

    /// "since unece-review (UNECE Economic Cooperation and Trade Division, 2020-03-18)" or "since 1a2b3c4d5e6f".
    public var sinceDescription: String {
        guard let review = base.review else { return "since \(base.commit.prefix(12))" }
        return "since \(review.stage) (\(review.by)\(review.date.map { ", \($0)" } ?? ""))"
    }

    public func text() -> String {
        let path = chapter.path
        var out = "Changes in \(path) \(sinceDescription), commit \(base.commit.prefix(12)):\n"
        guard !diff.isEmpty else { return out + "no changes.\n" }
        for field in diff.fields {
            out += "\(path):1: front matter: \(field.field): \(field.old ?? "(none)") → \(field.new ?? "(none)")\n"
        }
        for change in diff.changes {
            switch change {
            case .same: continue
            case .added(let block):
                out += "\(path):\(block.line): \(Self.name(block)) added\(Self.inSection(block)):\n{+\(block.text)+}\n"
            case .removed(let block):
                out += "\(path):\(block.line) (before): \(Self.name(block)) removed\(Self.inSection(block)):\n[-\(block.text)-]\n"
            case .moved(let block, let from):
                guard block.kind == .heading else {
                    out += "\(path):\(block.line): \(Self.name(block)) moved from line \(from.line) (before)\n"
                    continue
                }
                let place = from.section.isEmpty ? "at the start of the chapter" : "after “\(from.section)”"
                out += "\(path):\(block.line): section “\(block.text)” moved (it was at line \(from.line), \(place))\n"
            case .changed(let old, let new, let pieces):
                if new.kind == .heading {
                    out += "\(path):\(new.line): section “\(old.text)” renamed “\(new.text)”\n"
                } else if new.kind == .kpi {
                    out += "\(path):\(new.line): kpi block \(new.kpiCode ?? "") changed\n"
                } else {
                    out += "\(path):\(new.line): \(Self.name(new)) changed\(Self.inSection(new)):\n\(Self.render(pieces))\n"
                }
            }
        }
        for kpi in diff.kpis {
            out += "\(path):\(kpi.line): KPI \(kpi.code), \(kpi.city) \(kpi.year): \(kpi.old ?? "(none)") → \(kpi.new ?? "(none)")\n"
        }
        out += "\(diff.insertedWords) word\(diff.insertedWords == 1 ? "" : "s") inserted, \(diff.deletedWords) deleted, in \(diff.changedBlocks) block\(diff.changedBlocks == 1 ? "" : "s")\n"
        return out
    }

    /// Pieces as `git diff --word-diff=plain` writes them, with a few words around each change.
    static func render(_ pieces: [RedlinePiece], context: Int = 60) -> String {
        var out = ""
        for (index, piece) in pieces.enumerated() {
            switch piece {
            case .removed(let text, _, _): out += "[-\(text.trimmingCharacters(in: .whitespaces))-]" + (text.hasSuffix(" ") ? " " : "")
            case .added(let text, _, _): out += "{+\(text.trimmingCharacters(in: .whitespaces))+}" + (text.hasSuffix(" ") ? " " : "")
            case .same(let text, _):
                let first = index == 0
                let last = index == pieces.count - 1
                if text.count <= 2 * context || (first && text.count <= context) || (last && text.count <= context) {
                    out += text
                } else {
                    if !first { out += String(text.prefix(context)) + "…" }
                    if !last { out += (first ? "…" : " … ") + String(text.suffix(context)) }
                }
            }
        }
        return out
    }

    private static func name(_ block: DiffBlock) -> String {
        switch block.kind {
        case .heading: "section heading"
        case .paragraph: "paragraph"
        case .listItem: "list item"
        case .tableRow: "table row"
        case .code: "code block"
        case .kpi: "kpi block"
        case .footnote: "footnote"
        case .html: "HTML block"
        }
    }

    private static func inSection(_ block: DiffBlock) -> String {
        block.section.isEmpty || block.kind == .heading ? "" : " in “\(block.section)”"
    }

    public func json() -> String {
        struct Piece: Encodable { var same: String?; var removed: String?; var added: String? }
        struct Block: Encodable {
            var change: String; var kind: String; var line: Int; var oldLine: Int?; var section: String
            var text: String?; var oldText: String?; var words: [Piece]?
        }
        struct Field: Encodable { var field: String; var old: String?; var new: String? }
        struct KPI: Encodable { var kpi: String; var city: String; var year: Int; var old: String?; var new: String?; var line: Int }
        struct Summary: Encodable { var inserted: Int; var deleted: Int; var blocks: Int }
        struct Report: Encodable {
            var file: String; var commit: String; var review: [String: String]?
            var frontMatter: [Field]; var blocks: [Block]; var kpis: [KPI]; var summary: Summary
        }
        let blocks = diff.changes.compactMap { change -> Block? in
            switch change {
            case .same: nil
            case .added(let b): Block(change: "added", kind: b.kind.rawValue, line: b.line, section: b.section, text: b.text)
            case .removed(let b): Block(change: "removed", kind: b.kind.rawValue, line: b.line, oldLine: b.line, section: b.section, oldText: b.text)
            case .moved(let b, let from): Block(change: "moved", kind: b.kind.rawValue, line: b.line, oldLine: from.line, section: b.section, text: b.text)
            case .changed(let old, let new, let pieces):
                Block(change: new.kind == .heading ? "renamed" : "changed", kind: new.kind.rawValue, line: new.line, oldLine: old.line,
                      section: new.section, text: new.text, oldText: old.text, words: pieces.map { piece in
                          switch piece {
                          case .same(let text, _): Piece(same: text)
                          case .removed(let text, _, _): Piece(removed: text)
                          case .added(let text, _, _): Piece(added: text)
                          }
                      })
            }
        }
        var review: [String: String]?
        if let record = base.review {
            review = ["stage": record.stage, "by": record.by]
            if let date = record.date { review?["date"] = date.description }
        }
        let report = Report(file: chapter.path, commit: base.commit, review: review,
                            frontMatter: diff.fields.map { Field(field: $0.field, old: $0.old, new: $0.new) }, blocks: blocks,
                            kpis: diff.kpis.map { KPI(kpi: $0.code, city: $0.city, year: $0.year, old: $0.old, new: $0.new, line: $0.line) },
                            summary: Summary(inserted: diff.insertedWords, deleted: diff.deletedWords, blocks: diff.changedBlocks))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(report)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

/// Diagnostics as one error value, for results that fail with several.
public struct DiagnosticList: Error, Sendable {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }
}

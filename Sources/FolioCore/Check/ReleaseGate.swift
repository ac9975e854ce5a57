/// `folio build --release`: the public edition is built only when nothing unapproved could reach it.
/// Every blocker is reported, at its place, in one run.
enum ReleaseGate {
    static func check(_ publication: Publication, diagnostics: DiagnosticCollector) {
        let timeline = Timeline(stages: publication.config.stages)
        if let (releaseIndex, releaseStage) = timeline.releaseStage {
            for chapter in publication.sourceChapters {
                let index = chapter.stage.flatMap(timeline.index(of:))
                if index.map({ $0 < releaseIndex }) ?? true {
                    diagnostics.error("release blocked: `\(chapter.fileStem)` is at \(chapter.stage ?? "no stage"); the public edition needs '\(releaseStage.id)' or later",
                                      at: chapter.stageLocation ?? chapter.location)
                }
            }
        }
        for (_, chapters) in publication.chapters.sorted(by: { $0.key < $1.key }) {
            for chapter in chapters {
                if let first = chapter.reviewMarks.first {
                    let count = chapter.reviewMarks.count
                    diagnostics.error("release blocked: \(count) reviewer edit\(count == 1 ? "" : "s") or comment\(count == 1 ? "" : "s") (CriticMarkup) still in the chapter; accept or reject \(count == 1 ? "it" : "them")",
                                      at: SourceLocation(file: chapter.path, line: first.line))
                }
                for block in publication.kpiBlocks[chapter.path] ?? [] where (block.source ?? "").isEmpty {
                    diagnostics.error("release blocked: kpi block '\(block.code)' names no source: add `source:`", at: block.location)
                }
            }
        }
        let source = publication.config.sourceLanguage
        for language in publication.config.languageCodes where language != source {
            let missing = publication.sourceChapters.filter { publication.chapter(slug: $0.slug, language: language) == nil }
            guard !missing.isEmpty else { continue }
            diagnostics.error("release blocked: \(UNLanguage.named(language)?.englishName ?? language) is incomplete: \(missing.count) chapter\(missing.count == 1 ? "" : "s") not translated (\(missing.map(\.fileStem).joined(separator: ", ")))",
                              at: SourceLocation(file: "Content/\(language)"))
        }
    }
}

import Foundation
import FolioMarkdown

/// Parses and validates every `kpi` block, and keeps the numbers single-sourced: a translated chapter
/// must carry the same blocks, in the same order, with the same code, unit, target and data as its
/// source chapter (translators copy the block; folio localizes it).
enum KPIChecker {
    /// `cache`: the preview server keeps each chapter's blocks while neither it nor the catalogue changed.
    static func check(_ publication: inout Publication, diagnostics: DiagnosticCollector, cache: LoadCache? = nil) {
        let blocksOnce = KPIBlockCache(rules: .init(catalogue: publication.kpiCatalogue))
        let rules = cache.generation(of: blocksOnce.rules, named: "kpi-rules")
        // Each chapter's blocks are parsed on their own (YAML is the costly part): in parallel.
        let chapters = publication.chapters.values.flatMap { $0 }
        let parsed = LockedArray<[KPIBlock]>(count: chapters.count, initial: [])
        DispatchQueue.concurrentPerform(iterations: chapters.count) { index in
            let chapter = chapters[index]
            let token = LoadCache.token(chapter.revision, "\(rules)")
            parsed[index] = cache.reuse("kpi|\(chapter.path)", token: token, diagnostics: diagnostics) { found in
                fences(in: chapter.document).compactMap { fence in
                    let line = chapter.document[fence].start.line
                    return blocksOnce.block(chapter.document.text(of: fence), file: chapter.path,
                                            fenceLine: line + chapter.bodyLineOffset, node: fence, diagnostics: found)
                }
            }
        }
        var blocks: [String: [KPIBlock]] = [:]
        for (chapter, chapterBlocks) in zip(chapters, parsed.values) { blocks[chapter.path] = chapterBlocks }
        publication.kpiBlocks = blocks
        let source = publication.config.sourceLanguage
        for language in publication.config.languageCodes where language != source {
            for translation in publication.chapters[language] ?? [] {
                guard let original = publication.chapter(slug: translation.slug, language: source) else { continue }
                let token = LoadCache.token(translation.revision, original.revision, "\(rules)")
                cache.reuse("kpi-parity|\(translation.path)", token: token, diagnostics: diagnostics) { found in
                    compare(blocks[translation.path] ?? [], with: blocks[original.path] ?? [], translation: translation,
                            original: original, diagnostics: found)
                }
            }
        }
    }

    /// The fenced code blocks whose info string's first word is `kpi`, in document order.
    static func fences(in document: MarkdownDocument) -> [MarkdownDocument.Index] {
        var found: [MarkdownDocument.Index] = []
        document.walk { index, node in
            if node.kind == .codeBlock, isKPIFence(document.detail(of: index)) { found.append(index) }
            return node.kind.canContainBlocks
        }
        return found
    }

    static func isKPIFence(_ info: String) -> Bool {
        info.split(separator: " ", maxSplits: 1).first == "kpi"
    }

    private static func compare(_ translated: [KPIBlock], with originals: [KPIBlock], translation: Chapter, original: Chapter,
                                diagnostics: DiagnosticCollector) {
        if translated.count != originals.count {
            diagnostics.error("the translation has \(translated.count) kpi block\(translated.count == 1 ? "" : "s"), its source chapter \(original.path) has \(originals.count): copy the blocks from the source",
                              at: translated.first?.location ?? translation.location,
                              related: originals.first.map { [$0.location] } ?? [original.location])
        }
        for (index, (mine, theirs)) in zip(translated, originals).enumerated() {
            var differences: [String] = []
            if mine.code != theirs.code { differences.append("the code is '\(mine.code)' here, '\(theirs.code)' in the source") }
            if (mine.unit ?? "") != (theirs.unit ?? "") {
                differences.append("the unit is '\(mine.unit ?? "none")' here, '\(theirs.unit ?? "none")' in the source")
            }
            if mine.target != theirs.target {
                differences.append("the target is \(mine.target.map { String($0) } ?? "none") here, \(theirs.target.map { String($0) } ?? "none") in the source")
            }
            // Rows are worded for the message only when they differ: formatting every value of every
            // translation's blocks was most of this serial loop.
            let sameData = mine.data.count == theirs.data.count && zip(mine.data, theirs.data).allSatisfy {
                $0.city == $1.city && $0.year == $1.year && $0.value.bitPattern == $1.value.bitPattern
            }
            let mineRows = sameData ? [] : mine.data.map { "\($0.city) \($0.year): \($0.value)" }
            let theirRows = sameData ? [] : theirs.data.map { "\($0.city) \($0.year): \($0.value)" }
            if mineRows != theirRows {
                let changed = zip(mineRows, theirRows).first { $0 != $1 }
                let detail = changed.map { "'\($0.0)' here, '\($0.1)' in the source" } ?? "\(mineRows.count) rows here, \(theirRows.count) in the source"
                differences.append("the data differ: \(detail)")
            }
            guard !differences.isEmpty else { continue }
            diagnostics.error("kpi block \(index + 1) differs from the source chapter's (\(theirs.location)): \(differences.joined(separator: "; "))",
                              at: mine.location, related: [theirs.location])
        }
    }
}

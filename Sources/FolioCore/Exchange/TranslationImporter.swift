import FolioMarkdown
import Foundation

/// `folio translations import FILE`: writes each chapter of an XLIFF or PO file into
/// `Content/<lang>/NN-slug.md`: the source chapter's Markdown with the translated units in place (KPI
/// blocks, code, labels and everything else copied from the source), the front matter's title and
/// summary translated, and the fingerprints of the source sections it now translates completely (as
/// `folio translations mark` records them). Units the file leaves untranslated keep the existing
/// translation's text, or the source's.
///
/// Everything is checked before anything is written: a unit whose id the source does not have, whose
/// source changed since the export, or whose translation lacks or adds a placeholder is reported (one
/// diagnostic per unit, at its line in the exchange file) and nothing is written. Each chapter is
/// written through a temporary file and a rename; no other file is touched.
public enum TranslationImporter {
    public struct Written: Sendable {
        public var path: String
        public var units: Int
        public var translated: Int
        public var sections: Int
        public var sectionsCurrent: Int
    }

    public struct Outcome: Sendable {
        public var written: [Written] = []
        public var diagnostics: [Diagnostic]
        public var succeeded: Bool { !diagnostics.contains { $0.severity == .error } }
    }

    /// A chapter ready to write.
    private struct Prepared {
        var url: URL
        var text: String
        var written: Written
    }

    public static func importFile(_ file: URL, displayPath: String, project: URL) -> Outcome {
        let diagnostics = DiagnosticCollector()
        let prepared = prepare(file, displayPath: displayPath, project: project, diagnostics: diagnostics)
        guard !diagnostics.hasErrors else { return Outcome(diagnostics: diagnostics.diagnostics) }
        var outcome = Outcome(diagnostics: [])
        for chapter in prepared {
            do {
                try writeAtomically(chapter.text, to: chapter.url)
                outcome.written.append(chapter.written)
            } catch {
                diagnostics.error("cannot write the translation: \(ContentLoader.reason(error))", at: SourceLocation(file: chapter.written.path))
            }
        }
        outcome.diagnostics = diagnostics.diagnostics
        return outcome
    }

    /// What a file reads as, for the fuzz target and tests: its units (id, source and target in PO's
    /// tag notation) and the problems found, without a publication.
    public static func parse(_ data: Data, path: String) -> (units: [(id: String, source: String?, target: String?)], diagnostics: [Diagnostic]) {
        let diagnostics = DiagnosticCollector()
        let file = read(data, path: path, diagnostics: diagnostics)
        return ((file?.units ?? []).map { ($0.id, $0.source?.tagged, $0.target?.tagged) }, diagnostics.diagnostics)
    }

    /// A text in PO's tag notation, read and written again.
    public static func retag(_ text: String) -> String? {
        try? POReader.tagged(text).tagged
    }

    /// Reads an exchange file in either format: PO by its extension or its first bytes, else XLIFF.
    static func read(_ data: Data, path: String, diagnostics: DiagnosticCollector) -> ImportedFile? {
        let lower = path.lowercased()
        let head = String(decoding: data.prefix(64), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if lower.hasSuffix(".po") || lower.hasSuffix(".pot") || (!head.hasPrefix("<") && !lower.hasSuffix(".xlf") && !lower.hasSuffix(".xliff")) {
            return POReader.read(data, path: path, diagnostics: diagnostics)
        }
        return XLIFFReader.read(data, path: path, diagnostics: diagnostics)
    }

    private static func prepare(_ file: URL, displayPath: String, project: URL, diagnostics: DiagnosticCollector) -> [Prepared] {
        let data: Data
        do {
            let size = (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? NSNumber)?.intValue ?? 0
            if size > SafeXML.maximumBytes {
                diagnostics.error("the file is \(size / 1_048_576) MB; folio reads exchange files of at most \(SafeXML.maximumBytes >> 20) MB",
                                  at: SourceLocation(file: displayPath))
                return []
            }
            data = try Data(contentsOf: file)
        } catch {
            diagnostics.error("cannot read the file: \(ContentLoader.reason(error))", at: SourceLocation(file: displayPath))
            return []
        }
        guard let imported = read(data, path: displayPath, diagnostics: diagnostics) else { return [] }
        let loading = DiagnosticCollector()
        guard let publication = ContentLoader.load(project: project, diagnostics: loading) else {
            diagnostics.add(contentsOf: loading.diagnostics)
            return []
        }
        let config = publication.config
        let fileStart = SourceLocation(file: displayPath)
        let translations = config.languageCodes.filter { $0 != config.sourceLanguage }
        guard let language = imported.targetLanguage, translations.contains(language) else {
            diagnostics.error("the file's target language '\(imported.targetLanguage ?? "")' is not a translation language of this publication "
                              + "(\(translations.joined(separator: ", ")))", at: fileStart)
            return []
        }
        if let source = imported.sourceLanguage, source != config.sourceLanguage {
            diagnostics.error("the file translates from '\(source)'; this publication's source language is '\(config.sourceLanguage)'", at: fileStart)
            return []
        }
        let resolver = LinkResolver(publication: publication)
        var byChapter: [String: [ImportedUnit]] = [:]
        var order: [String] = []
        for unit in imported.units {
            if byChapter[unit.chapter] == nil { order.append(unit.chapter) }
            byChapter[unit.chapter, default: []].append(unit)
        }
        var prepared: [Prepared] = []
        for original in order {
            let units = byChapter[original] ?? []
            guard let source = publication.sourceChapters.first(where: { $0.path == "Content/\(original)" }) else {
                diagnostics.error("the file translates '\(original)', which is not a source chapter of this publication "
                                  + "(\(publication.sourceChapters.map { String($0.path.dropFirst("Content/".count)) }.joined(separator: ", ")))",
                                  at: units.first?.location ?? fileStart)
                continue
            }
            if let chapter = prepareChapter(source, units: units, language: language, publication: publication, resolver: resolver,
                                            diagnostics: diagnostics) {
                prepared.append(chapter)
            }
        }
        return prepared
    }

    private static func prepareChapter(_ chapter: Chapter, units imported: [ImportedUnit], language: String, publication: Publication,
                                       resolver: LinkResolver, diagnostics: DiagnosticCollector) -> Prepared? {
        guard case .success(let source) = ExchangeChapter.read(path: chapter.path, language: chapter.language, number: chapter.number,
                                                              project: publication.project, resolver: resolver) else {
            diagnostics.error("cannot read the source chapter", at: chapter.location)
            return nil
        }
        let sourceUnits = source.unitsByID
        var translated: [String: UnitText] = [:]
        var failed = false
        var seen: [String: SourceLocation] = [:]
        for unit in imported {
            guard let known = sourceUnits[unit.id] else {
                diagnostics.error("unknown unit id '\(unit.id)': \(chapter.path) has no such unit (the source's sections or their "
                                  + "order changed since the export?): export again", at: unit.location)
                failed = true
                continue
            }
            if let first = seen[unit.id] {
                diagnostics.error("the unit '\(unit.id)' is in the file twice (first at line \(first.line))", at: unit.location, related: [first])
                failed = true
                continue
            }
            seen[unit.id] = unit.location
            if let exported = unit.source, exported.tagged != known.text.tagged {
                diagnostics.error("the source of unit '\(unit.id)' changed since the export (now: “\(excerpt(known.text.tagged))”): export again",
                                  at: unit.location, related: [SourceLocation(file: chapter.path, line: known.line)])
                failed = true
                continue
            }
            guard let target = unit.target else { continue }
            let problems = UnitValidator.problems(in: target, for: known)
            if !problems.isEmpty {
                diagnostics.error("unit '\(unit.id)': \(problems.joined(separator: "; "))", at: unit.location)
                failed = true
                continue
            }
            translated[unit.id] = target
        }
        guard !failed else { return nil }
        let existingFile = publication.chapter(slug: chapter.slug, language: language)
        if translated.isEmpty, existingFile == nil { return nil }  // nothing translated, nothing to write

        // The existing translation: the text of units the file leaves out.
        let existingChapter = publication.chapter(slug: chapter.slug, language: language)
        let existing = TranslationExporter.existingTranslation(of: source, chapter: chapter, translation: existingChapter,
                                                                publication: publication, resolver: resolver, diagnostics: DiagnosticCollector())
        var targets: [String: UnitText] = [:]
        var done = Set<String>()
        for unit in source.units {
            if let text = translated[unit.id] {
                targets[unit.id] = text
                done.insert(unit.id)
            } else if let text = existing.texts[unit.id] {
                targets[unit.id] = text
                if !existing.stale.contains(unit.id) { done.insert(unit.id) }
            }
        }
        if existingChapter != nil, !existing.aligned, source.units.contains(where: { translated[$0.id] == nil }) {
            diagnostics.error("\(existingChapter?.path ?? "the translation") does not follow its source's sections, so the units this file "
                              + "leaves out cannot be taken from it: export with --all and translate every unit",
                              at: imported.first?.location ?? chapter.location)
            return nil
        }
        let targetPath = "Content/\(language)/\(chapter.fileName)"
        let body = ChapterRebuilder.body(of: source, targets: targets)
        // Sections whose every unit is translated are recorded as current; the others stay stale.
        let complete = chapter.sections.filter { section in
            source.units.filter { $0.sectionID == section.id }.allSatisfy { done.contains($0.id) }
        }
        let frontMatter = frontMatter(source: source, targets: targets, existing: existingChapter, chapter: chapter)
        guard let text = try? TranslationMarker.recorded("---\n\(frontMatter)---\n\(body)", sections: complete) else {
            diagnostics.error("cannot write the translation's front matter", at: chapter.location)
            return nil
        }
        if let problem = structureProblem(source: source, translated: text, path: targetPath, language: language, chapter: chapter,
                                          resolver: resolver, imported: imported) {
            diagnostics.add(problem)
            return nil
        }
        return Prepared(url: publication.project.appendingPathComponent(targetPath), text: text,
                        written: Written(path: targetPath, units: source.units.count, translated: done.count,
                                         sections: chapter.sections.count, sectionsCurrent: complete.count))
    }

    /// Title and summary translated (else kept from the existing translation, else the source's), authors kept.
    private static func frontMatter(source: ExchangeChapter, targets: [String: UnitText], existing: Chapter?, chapter: Chapter) -> String {
        var lines = ""
        let title = targets["_meta/title"]?.plainText ?? existing?.title ?? chapter.title
        lines += "title: \(YAMLQuoting.doubleQuoted(title, lineBreaks: .space))\n"
        if let summary = targets["_meta/summary"]?.plainText ?? existing?.summary ?? chapter.summary {
            lines += "summary: \(YAMLQuoting.doubleQuoted(summary, lineBreaks: .space))\n"
        }
        let authors = existing?.authors ?? chapter.authors
        if !authors.isEmpty { lines += "authors: [\(authors.map { YAMLQuoting.doubleQuoted($0, lineBreaks: .space) }.joined(separator: ", "))]\n" }
        return lines
    }

    /// The written chapter must have its source's Markdown structure: the same blocks, the same
    /// markup, the same code and addresses, only other text. A translation that breaks it (a `*` that
    /// ends up opening emphasis) is reported at its unit.
    private static func structureProblem(source: ExchangeChapter, translated text: String, path: String, language: String, chapter: Chapter,
                                         resolver: LinkResolver, imported: [ImportedUnit]) -> Diagnostic? {
        guard case .success(let result) = ExchangeChapter.read(text: text, path: path, language: language, number: chapter.number,
                                                               resolver: resolver) else {
            return .error("the translated chapter cannot be read back", at: imported.first?.location)
        }
        let mine = skeleton(result.document), theirs = skeleton(source.document)
        let common = min(mine.count, theirs.count)
        let firstDifferent = (0..<common).first { mine[$0].shape != theirs[$0].shape }
        guard let difference = firstDifferent ?? (mine.count == theirs.count ? nil : common) else {
            // Same structure: every unit must come back with its placeholders.
            let back = Set((result.units(renamedTo: source) ?? [:]).keys)
            if let lost = source.units.first(where: { !back.contains($0.id) && $0.text.hasLetters }),
               let unit = imported.first(where: { $0.id == lost.id }) {
                return .error("unit '\(lost.id)': its translation does not read back as one unit of the chapter", at: unit.location)
            }
            return nil
        }
        let sourceLine = (difference < theirs.count ? theirs[difference].line : theirs.last?.line ?? 1) + source.lineOffset
        let latest = imported.filter { unit in
            guard let known = source.unitsByID[unit.id], unit.target != nil else { return false }
            return known.line <= sourceLine
        }.last
        let which: String = latest.map { " of unit '\($0.id)'" } ?? ""
        let expected: String = difference < theirs.count ? excerpt(theirs[difference].shape.replacingOccurrences(of: "\n", with: " ")) : "the end of the chapter"
        let message = "the translation\(which) changes the chapter's Markdown structure (the source has \(expected) there): "
            + "check its tags and characters such as * _ [ ]; nothing was written"
        return .error(message, at: latest?.location ?? imported.first?.location)
    }

    private struct Shape {
        var shape: String
        var line: Int
    }

    /// Every node but text and soft breaks, with what must not change in a translation.
    private static func skeleton(_ document: MarkdownDocument) -> [Shape] {
        var shapes: [Shape] = []
        document.walk { index, node in
            switch node.kind {
            case .text, .softBreak: return true
            case .heading: shapes.append(Shape(shape: "heading \(node.level)", line: node.start.line))
            case .list: shapes.append(Shape(shape: "list\(node.isOrdered ? " \(node.listStart)" : "")", line: node.start.line))
            case .table: shapes.append(Shape(shape: "table \(node.columns)", line: node.start.line))
            case .codeBlock where document.detail(of: index).hasPrefix("kpi"):
                // A KPI block's title is translated; its data never is.
                let data = document.text(of: index).split(separator: "\n").filter { !$0.hasPrefix("title:") }.joined(separator: "\n")
                shapes.append(Shape(shape: "kpi block \(data)", line: node.start.line))
            case .codeBlock, .code, .htmlBlock, .htmlInline:
                shapes.append(Shape(shape: "\(node.kind) \(CriticMarkup.decode(document.text(of: index)))", line: node.start.line))
            case .link, .image: shapes.append(Shape(shape: "\(node.kind) \(document.text(of: index))", line: node.start.line))
            default: shapes.append(Shape(shape: "\(node.kind)", line: node.start.line))
            }
            return true
        }
        return shapes
    }

    private static func excerpt(_ text: String) -> String {
        text.count > 60 ? String(text.prefix(57)) + "…" : text
    }

    static func writeAtomically(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).folio-\(getpid())")
        try Data(text.utf8).write(to: temporary)
        if rename(temporary.path, url.path) != 0 {
            let error = POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}

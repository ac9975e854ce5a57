import Foundation

/// Formats every citation and the reference list with pandoc's citeproc: one run per language, over
/// that language's whole book, in parallel. The site and the print edition render the same result.
/// A run's output is kept by the content it was made from (the citations, the bibliography, the style,
/// the language), so the preview server runs citeproc again only when one of them changed.
enum CitationFormatter {
    static func format(site: SiteContext, pandoc: Pandoc?, diagnostics: DiagnosticCollector,
                       cache: CiteprocCache = .shared) -> [String: LanguageCitations] {
        guard let bibliography = site.publication.bibliography else { return [:] }
        let languages = site.config.languageCodes
        let units = Dictionary(uniqueKeysWithValues: languages.map { language in
            (language, (site.books[language] ?? []).compactMap { entry -> CiteprocDocument.Unit? in
                guard let model = site.publication.models[entry.chapter.path] else { return nil }
                return CiteprocDocument.Unit(path: entry.chapter.path, slug: entry.slug, number: entry.number, model: model)
            })
        })
        let cites = units.values.contains { $0.contains { !$0.model.citations.isEmpty } }
        guard cites else { return [:] }
        guard let pandoc else {
            diagnostics.warning("pandoc is missing, so citations are shown as their keys and the reference lists as keys only: "
                                + Pandoc.installHint, at: nil)
            return Dictionary(uniqueKeysWithValues: languages.map { language in
                (language, unformatted(language: language, units: units[language] ?? [], bibliography: bibliography))
            })
        }
        let results = LockedArray<LanguageCitations?>(count: languages.count, initial: nil)
        DispatchQueue.concurrentPerform(iterations: languages.count) { index in
            let language = languages[index]
            results[index] = run(language: language, units: units[language] ?? [], bibliography: bibliography, pandoc: pandoc,
                                 cache: cache, diagnostics: diagnostics)
        }
        var out: [String: LanguageCitations] = [:]
        for (language, result) in zip(languages, results.values) { out[language] = result }
        return out
    }

    private static func run(language: String, units: [CiteprocDocument.Unit], bibliography: Bibliography, pandoc: Pandoc,
                            cache: CiteprocCache, diagnostics: DiagnosticCollector) -> LanguageCitations {
        var result = LanguageCitations(language: language, isNoteStyle: bibliography.style.isNoteStyle,
                                       referenceList: bibliography.referenceList, isFormatted: false)
        result.places = places(units)
        guard units.contains(where: { !$0.model.citations.isEmpty }) else {
            result.isFormatted = true
            return result
        }
        let input = CiteprocDocument(units: units).json()
        var hash = FNV1a()
        for part in [Array(input), Array(bibliography.text.utf8), Array(bibliography.style.text.utf8),
                     Array("\(language)|\(bibliography.format.rawValue)|\(pandoc.executable)".utf8)] {
            hash.add(part)
            hash.add(0)
        }
        let reader: CiteprocReader
        if let kept = cache.value(for: hash.hex) {
            reader = kept
        } else {
            guard let made = citeproc(input, language: language, bibliography: bibliography, pandoc: pandoc, diagnostics: diagnostics) else {
                return unformatted(language: language, units: units, bibliography: bibliography)
            }
            cache.store(made, for: hash.hex)
            reader = made
        }
        for (unitIndex, unit) in units.enumerated() {
            result.citations[unit.path] = unit.model.citations.map {
                reader.citations[CiteprocDocument.spanID(unit: unitIndex, ordinal: $0.ordinal)]
            }
        }
        result.entries = reader.entries
        result.keysBySlug = keysBySlug(units, order: reader.entries.map(\.key))
        result.isFormatted = true
        return result
    }

    /// Runs pandoc on the document, with the bibliography and the style laid out in a folder of their own.
    private static func citeproc(_ input: Data, language: String, bibliography: Bibliography, pandoc: Pandoc,
                                 diagnostics: DiagnosticCollector) -> CiteprocReader? {
        let fm = FileManager.default
        let folder = fm.temporaryDirectory.appendingPathComponent("folio-citeproc-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: folder) }
        let extensions: [Bibliography.Format: String] = [.biblatex: "bib", .cslJSON: "json", .cslYAML: "yaml"]
        let bibliographyFile = folder.appendingPathComponent("references.\(extensions[bibliography.format] ?? "bib")")
        let styleFile = folder.appendingPathComponent("style.csl")
        do {
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(bibliography.text.utf8).write(to: bibliographyFile)
            try Data(bibliography.style.text.utf8).write(to: styleFile)
        } catch {
            diagnostics.error("cannot prepare citeproc in \(folder.path): \(ContentLoader.reason(error))", at: nil)
            return nil
        }
        let arguments = ["--from=json", "--to=json", "--citeproc", "--csl=\(styleFile.path)", "--bibliography=\(bibliographyFile.path)",
                         "--metadata=lang:\(language)", "--metadata=link-citations:true", "--metadata=link-bibliography:true"]
        guard let outcome = pandoc.run(arguments, input: input) else {
            diagnostics.error("cannot run pandoc (\(pandoc.executable)): " + Pandoc.installHint, at: nil)
            return nil
        }
        guard outcome.status == 0, let reader = CiteprocReader(json: outcome.output) else {
            let message = outcome.errors.split(separator: "\n").filter { !$0.isEmpty }.prefix(3).joined(separator: " ")
            diagnostics.error("pandoc's citeproc could not format the \(language) citations: \(message.isEmpty ? "no output" : message)",
                              at: SourceLocation(file: bibliography.path))
            return nil
        }
        return reader
    }

    /// Without pandoc: citations as written, each cited entry as its key (in the keys' order).
    private static func unformatted(language: String, units: [CiteprocDocument.Unit], bibliography: Bibliography) -> LanguageCitations {
        var result = LanguageCitations(language: language, isNoteStyle: false, referenceList: bibliography.referenceList,
                                       isFormatted: false)
        result.places = places(units)
        result.entries = result.places.keys.filter { bibliography.entry($0) != nil }.sorted().map { FormattedEntry(key: $0, content: [.text($0)]) }
        result.keysBySlug = keysBySlug(units, order: result.entries.map(\.key))
        return result
    }

    /// Where each key is cited, in reading order.
    private static func places(_ units: [CiteprocDocument.Unit]) -> [String: [CitationPlace]] {
        var places: [String: [CitationPlace]] = [:]
        for unit in units {
            for citation in CiteprocDocument.readingOrder(of: unit.model) {
                for key in Set(citation.keys).sorted() {
                    places[key, default: []].append(CitationPlace(slug: unit.slug, chapterNumber: unit.number, anchor: citation.anchor))
                }
            }
        }
        return places
    }

    private static func keysBySlug(_ units: [CiteprocDocument.Unit], order: [String]) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for unit in units {
            let keys = Set(unit.model.citations.flatMap(\.keys))
            out[unit.slug] = order.filter { keys.contains($0) }
        }
        return out
    }
}

/// Citeproc's results by the hash of what they were made from; a few are kept (one per language of
/// the last builds), in memory, for the preview server's rebuilds.
final class CiteprocCache: @unchecked Sendable {
    static let shared = CiteprocCache()
    static let capacity = 12

    private let lock = NSLock()
    private var kept: [(key: String, value: CiteprocReader)] = []
    /// How many runs were answered from memory (tests check the preview does not run citeproc again).
    private(set) var hits = 0

    func value(for key: String) -> CiteprocReader? {
        lock.withLock {
            guard let found = kept.first(where: { $0.key == key }) else { return nil }
            hits += 1
            return found.value
        }
    }

    func store(_ value: CiteprocReader, for key: String) {
        lock.withLock {
            kept.removeAll { $0.key == key }
            kept.append((key, value))
            if kept.count > Self.capacity { kept.removeFirst() }
        }
    }

    var hitCount: Int { lock.withLock { hits } }
}

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
        let document = CiteprocDocument(units: units)
        result.places = places(document)
        guard units.contains(where: { !$0.model.citations.isEmpty }) else {
            result.isFormatted = true
            return result
        }
        let input = document.json()
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
            guard let made = citeproc(input, language: language, bibliography: bibliography, pandoc: pandoc,
                                      diagnostics: diagnostics) else {
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
        result.places = places(CiteprocDocument(units: units))
        result.entries = result.places.keys.filter { bibliography.entry($0) != nil }.sorted().map { FormattedEntry(key: $0, content: [.text($0)]) }
        result.keysBySlug = keysBySlug(units, order: result.entries.map(\.key))
        return result
    }

    /// Where each key is cited, in reading order.
    private static func places(_ document: CiteprocDocument) -> [String: [CitationPlace]] {
        var places: [String: [CitationPlace]] = [:]
        for (unit, order) in zip(document.units, document.readingOrders) {
            for citation in order {
                // Nearly every citation cites one work: no set to make of its keys.
                let keys = citation.keys.count == 1 ? citation.keys : Set(citation.keys).sorted()
                for key in keys {
                    places[key, default: []].append(CitationPlace(slug: unit.slug, chapterNumber: unit.number, anchor: citation.anchor))
                }
            }
        }
        return places
    }

    private static func keysBySlug(_ units: [CiteprocDocument.Unit], order: [String]) -> [String: [String]] {
        // Each chapter sorts its own few keys by their place in the list: filtering the whole list for
        // every chapter cost chapters × entries lookups (a thousand chapters, five hundred entries).
        let place = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var out: [String: [String]] = [:]
        for unit in units {
            let placed = Set(unit.model.citations.flatMap(\.keys)).compactMap { key in place[key].map { (key: key, place: $0) } }
            out[unit.slug] = placed.sorted { $0.place < $1.place }.map(\.key)
        }
        return out
    }
}

/// Citeproc's results by the hash of what they were made from: a few in memory (one per language of
/// the last builds, for the preview server's rebuilds), and pandoc's output on disk, so that a build
/// whose citations, bibliography and style did not change runs no citeproc at all.
final class CiteprocCache: @unchecked Sendable {
    /// The process's cache, on disk in `FOLIO_CACHE_DIR`, else `$XDG_CACHE_HOME/folio`, else `~/.cache/folio`.
    static let shared = CiteprocCache(folder: defaultFolder())
    static let capacity = 12
    /// Files kept on disk: the oldest go first.
    static let diskCapacity = 64

    private let lock = NSLock()
    private var kept: [(key: String, value: CiteprocReader)] = []
    /// Where the formatted results are kept (`<hash>.citeproc`, see `CiteprocCacheFile`), or nil for memory only.
    let folder: URL?
    /// How many runs were answered from memory or disk (tests check that nothing runs again).
    private var hits = 0

    init(folder: URL? = nil) {
        self.folder = folder
    }

    static func defaultFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if let chosen = environment["FOLIO_CACHE_DIR"], !chosen.isEmpty {
            return URL(fileURLWithPath: chosen).appendingPathComponent("citeproc")
        }
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg).appendingPathComponent("folio/citeproc")
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return URL(fileURLWithPath: home).appendingPathComponent(".cache/folio/citeproc")
    }

    func value(for key: String) -> CiteprocReader? {
        if let found = lock.withLock({ kept.first(where: { $0.key == key })?.value }) {
            lock.withLock { hits += 1 }
            return found
        }
        guard let folder, let data = try? Data(contentsOf: folder.appendingPathComponent("\(key).\(CiteprocCacheFile.fileExtension)")),
              let reader = CiteprocCacheFile.reader(data) else { return nil }
        remember(reader, for: key)
        lock.withLock { hits += 1 }
        return reader
    }

    /// Keeps a run's result, in memory and on disk: what was read from pandoc's output, not the output
    /// itself (pandoc's tree has a node per word; read back, it cost more than a second per language).
    /// A failure to write only costs a run later.
    func store(_ value: CiteprocReader, for key: String) {
        remember(value, for: key)
        guard let folder else { return }
        let output = CiteprocCacheFile.data(value)
        let fm = FileManager.default
        try? fm.createDirectory(at: folder, withIntermediateDirectories: true)
        // Written aside and moved in, so that a reader never sees half a file.
        let temporary = folder.appendingPathComponent(".\(key)-\(UUID().uuidString)")
        guard (try? output.write(to: temporary)) != nil else { return }
        let target = folder.appendingPathComponent("\(key).\(CiteprocCacheFile.fileExtension)")
        try? fm.removeItem(at: target)
        if (try? fm.moveItem(at: temporary, to: target)) == nil { try? fm.removeItem(at: temporary) }
        prune(folder)
    }

    private func remember(_ value: CiteprocReader, for key: String) {
        lock.withLock {
            kept.removeAll { $0.key == key }
            kept.append((key, value))
            if kept.count > Self.capacity { kept.removeFirst() }
        }
    }

    /// The oldest outputs go once there are more than `diskCapacity`.
    private func prune(_ folder: URL) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: folder.path), names.count > Self.diskCapacity else { return }
        // Every kept file counts, an earlier version's too (files being written start with ".").
        let files = names.filter { !$0.hasPrefix(".") }.map { folder.appendingPathComponent($0) }
        let dated = files.map { url in
            (url, (try? fm.attributesOfItem(atPath: url.path)[.modificationDate] as? Date) ?? .distantPast)
        }.sorted { $0.1 < $1.1 }
        for (url, _) in dated.prefix(max(0, dated.count - Self.diskCapacity)) { try? fm.removeItem(at: url) }
    }

    var hitCount: Int { lock.withLock { hits } }
}

import Foundation

/// What the preview server keeps between rebuilds: parsed content files, keyed by path and reused
/// while the file's stamp (size, time, inode) is unchanged, and values made from them (the templates,
/// the KPI catalogue, the checks' findings per chapter), reused while their token is unchanged. The
/// diagnostics found making an entry are reported again whenever it is reused.
public final class LoadCache: @unchecked Sendable {
    private struct Entry {
        var stamp: FileStamp
        var result: ContentLoader.LoadResult?
        var diagnostics: [Diagnostic]
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var reusable: [String: (token: String, value: any Sendable, diagnostics: [Diagnostic])] = [:]
    private var contexts: [String: (value: any Sendable, generation: Int)] = [:]
    private var lastGeneration = 0

    public init() {}

    /// A value made from several files (the KPI catalogue, the templates), remade only when one of
    /// their stamps changed.
    func derived<T: Sendable>(_ key: String, files: [String], project: URL, diagnostics: DiagnosticCollector,
                              make: (DiagnosticCollector) -> T) -> T {
        let stamps = files.map { FileStamp.of(project.appendingPathComponent($0).path)?.description ?? "-" }
        return reuse(key, token: stamps.joined(separator: ","), diagnostics: diagnostics, make: make)
    }

    /// The value last made under `key`, while `token` (a description of everything it was made from)
    /// is the same; else a new one. A nil token (a file that could not be stamped) is never reused.
    func reuse<T: Sendable>(_ key: String, token: String?, diagnostics: DiagnosticCollector,
                            make: (DiagnosticCollector) -> T) -> T {
        guard let token else { return make(diagnostics) }
        if let entry = lock.withLock({ reusable[key] }), entry.token == token, let value = entry.value as? T {
            diagnostics.add(contentsOf: entry.diagnostics)
            return value
        }
        let local = DiagnosticCollector()
        let value = make(local)
        let found = local.diagnostics
        diagnostics.add(contentsOf: found)
        lock.withLock { reusable[key] = (token, value, found) }
        return value
    }

    /// A number that changes whenever `value` differs from the one last given under `name`: a short
    /// token part for a context that many entries depend on (the link resolver, the KPI catalogue),
    /// compared once per rebuild instead of once per entry.
    func generation<T: Equatable & Sendable>(of value: T, named name: String) -> Int {
        lock.withLock {
            if let context = contexts[name], let known = context.value as? T, known == value { return context.generation }
            lastGeneration += 1
            contexts[name] = (value, lastGeneration)
            return lastGeneration
        }
    }

    /// The parts joined, or nil when one is missing (a file without a stamp is never reused).
    static func token(_ parts: String?...) -> String? {
        var joined: [String] = []
        for part in parts {
            guard let part else { return nil }
            joined.append(part)
        }
        return joined.joined(separator: "|")
    }

    func result(for path: String, project: URL, diagnostics: DiagnosticCollector,
                load: (DiagnosticCollector) -> ContentLoader.LoadResult?) -> ContentLoader.LoadResult? {
        let stamp = FileStamp.of("\(project.path)/\(path)")
        if let stamp, let entry = lock.withLock({ entries[path] }), entry.stamp == stamp {
            diagnostics.add(contentsOf: entry.diagnostics)
            return entry.result
        }
        let local = DiagnosticCollector()
        let result = load(local)
        let found = local.diagnostics
        diagnostics.add(contentsOf: found)
        if let stamp { lock.withLock { entries[path] = Entry(stamp: stamp, result: result, diagnostics: found) } }
        return result
    }
}

extension Optional where Wrapped == LoadCache {
    /// `LoadCache.reuse` when there is a cache; else (a full build) the value is simply made.
    func reuse<T: Sendable>(_ key: String, token: String?, diagnostics: DiagnosticCollector,
                            make: (DiagnosticCollector) -> T) -> T {
        guard let cache = self else { return make(diagnostics) }
        return cache.reuse(key, token: token, diagnostics: diagnostics, make: make)
    }

    func generation<T: Equatable & Sendable>(of value: @autoclosure () -> T, named name: String) -> Int {
        self?.generation(of: value(), named: name) ?? 0
    }
}

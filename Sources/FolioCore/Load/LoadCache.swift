import Foundation

/// Parsed content files kept between rebuilds, keyed by path and reused while the file's stamp (size,
/// time, inode) is unchanged; the diagnostics of a cached file are reported again with it.
public final class LoadCache: @unchecked Sendable {
    private struct Entry {
        var stamp: FileStamp
        var result: ContentLoader.LoadResult?
        var diagnostics: [Diagnostic]
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var derived: [String: (stamps: [FileStamp?], value: any Sendable, diagnostics: [Diagnostic])] = [:]

    public init() {}

    /// A value made from several files (the KPI catalogue, the templates), remade only when one of
    /// their stamps changed; its diagnostics are reported again when it is reused.
    func derived<T: Sendable>(_ key: String, files: [String], project: URL, diagnostics: DiagnosticCollector,
                              make: (DiagnosticCollector) -> T) -> T {
        let stamps = files.map { FileStamp.of(project.appendingPathComponent($0).path) }
        if let entry = lock.withLock({ derived[key] }), entry.stamps == stamps, let value = entry.value as? T {
            diagnostics.add(contentsOf: entry.diagnostics)
            return value
        }
        let local = DiagnosticCollector()
        let value = make(local)
        let found = local.diagnostics
        diagnostics.add(contentsOf: found)
        lock.withLock { derived[key] = (stamps, value, found) }
        return value
    }

    func result(for path: String, project: URL, diagnostics: DiagnosticCollector,
                load: (DiagnosticCollector) -> ContentLoader.LoadResult?) -> ContentLoader.LoadResult? {
        let stamp = FileStamp.of(project.appendingPathComponent(path).path)
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

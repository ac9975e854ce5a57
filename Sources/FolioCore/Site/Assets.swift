import Foundation

/// The files of `Templates/assets/` (stylesheets, fonts, scripts), copied with a content hash in the
/// name (`folio.css` → `assets/folio.1a2b3c4d.css`) so browsers never show a stale stylesheet.
public struct Assets: Sendable {
    /// Original name (relative to Templates/assets/) → published path (relative to the site root).
    public let published: [String: String]
    let files: [(path: String, data: Data)]

    static func load(templates: URL, diagnostics: DiagnosticCollector) -> Assets {
        let folder = templates.appendingPathComponent("assets")
        var published: [String: String] = [:]
        var files: [(String, Data)] = []
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else {
            return Assets(published: [:], files: [])
        }
        var names: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if !ContentLoader.isDirectoryEntry(folder.appendingPathComponent(relative)),
               !(relative as NSString).lastPathComponent.hasPrefix(".") {
                names.append(relative)
            }
        }
        for name in names.sorted() {
            guard let data = ContentLoader.readFile(folder.appendingPathComponent(name), path: "Templates/assets/\(name)",
                                                    diagnostics: diagnostics) else { continue }
            let ext = (name as NSString).pathExtension
            let stem = (name as NSString).deletingPathExtension
            let path = "assets/\(stem).\(contentHash(data))" + (ext.isEmpty ? "" : ".\(ext)")
            published[name] = path
            files.append((path, data))
        }
        return Assets(published: published, files: files)
    }

    func write(to sink: OutputSink) throws {
        for file in files { try sink.write(file.data, to: file.path) }
    }

    /// The first 8 hex digits of the content's FNV-1a hash: enough to tell versions of a file apart.
    static func contentHash(_ data: Data) -> String {
        var hash = FNV1a()
        hash.add(data)
        return String(hash.hex.prefix(8))
    }
}

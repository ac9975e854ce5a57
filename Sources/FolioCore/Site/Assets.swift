import Foundation

/// The files of `Templates/assets/` (stylesheets, fonts, scripts), copied with a content hash in the
/// name (`folio.css` → `assets/folio.1a2b3c4d.css`) so browsers never show a stale stylesheet.
public struct Assets: Sendable {
    /// Original name (relative to Templates/assets/) → published path (relative to the site root).
    public let published: [String: String]
    let files: [(path: String, data: Data)]

    static func load(templates: URL, diagnostics: DiagnosticCollector) -> Assets {
        load(TemplateSource(folder: templates), diagnostics: diagnostics)
    }

    /// Every file of `assets/`: the publication's own, else folio's default of the same name.
    static func load(_ templates: TemplateSource, diagnostics: DiagnosticCollector) -> Assets {
        var published: [String: String] = [:]
        var files: [(String, Data)] = []
        for relative in templates.files(under: "assets/") {
            guard let data = templates.read(relative, diagnostics: diagnostics) else { continue }
            let name = String(relative.dropFirst("assets/".count))
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

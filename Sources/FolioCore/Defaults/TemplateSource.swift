import Foundation

/// Where each file of a publication's design comes from: its own `Templates/<file>` when it exists,
/// else folio's built-in default of the same name (file by file, as Hugo and mdBook do). Templates,
/// interface strings, assets and the print design are all looked up through this one layer.
public struct TemplateSource: Sendable {
    /// The publication's `Templates/` folder (it may not exist).
    public let folder: URL
    /// The defaults by publication path (`Templates/layout.mustache`): folio's own unless a test gives others.
    let defaults: [String: Data]?

    public init(folder: URL, defaults: [String: Data]? = nil) {
        self.folder = folder
        self.defaults = defaults
    }

    /// The source of a publication folder (holding Content/ and Templates/).
    public init(project: URL) {
        self.init(folder: project.appendingPathComponent("Templates"))
    }

    public enum Origin: Sendable, Equatable {
        /// The publication's own file.
        case publication
        /// folio's built-in default.
        case builtIn
    }

    /// Every file of the merged design (relative to `Templates/`, sorted) that starts with `prefix`
    /// and ends with `suffix`. Hidden files and the publication's README.md are not design files.
    public func files(under prefix: String = "", suffix: String = "") -> [String] {
        let defaultPaths = defaults.map { $0.keys.compactMap { $0.hasPrefix("Templates/") ? String($0.dropFirst(10)) : nil } }
            ?? BuiltInFiles.templatePaths
        var names = Set(defaultPaths.filter { $0.hasPrefix(prefix) && $0.hasSuffix(suffix) })
        for relative in ownFiles() where relative.hasPrefix(prefix) && relative.hasSuffix(suffix) {
            names.insert(relative)
        }
        return names.sorted()
    }

    /// The publication's own files (relative, sorted), hidden files and README.md left out.
    public func ownFiles() -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if relative == "README.md" || relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            if !ContentLoader.isDirectoryEntry(folder.appendingPathComponent(relative)) { files.append(relative) }
        }
        return files.sorted()
    }

    /// Where `relative` comes from, or nil when neither the publication nor folio has it.
    public func origin(of relative: String) -> Origin? {
        let own = folder.appendingPathComponent(relative)
        if FileManager.default.fileExists(atPath: own.path) || ContentLoader.isSymbolicLink(own) { return .publication }
        return defaultData(relative) == nil ? nil : .builtIn
    }

    /// The publication's file, when it has its own.
    public func url(of relative: String) -> URL? {
        origin(of: relative) == .publication ? folder.appendingPathComponent(relative) : nil
    }

    /// The bytes of `relative` (the publication's file, else the default), reported at
    /// `Templates/<relative>` when it cannot be read; nil when there is no such file.
    func read(_ relative: String, diagnostics: DiagnosticCollector) -> Data? {
        let path = "Templates/\(relative)"
        switch origin(of: relative) {
        case .publication:
            return ContentLoader.readFile(folder.appendingPathComponent(relative), path: path, diagnostics: diagnostics)
        case .builtIn:
            return defaultData(relative)
        case nil:
            return nil
        }
    }

    /// The default of `relative`, whatever the publication has.
    public func defaultData(_ relative: String) -> Data? {
        guard let defaults else { return BuiltInFiles.data("Templates/" + relative) }
        return defaults["Templates/" + relative]
    }

    /// The text of `relative` as `read` gives it, decoded and checked like every source file.
    func text(_ relative: String, diagnostics: DiagnosticCollector) -> String? {
        let path = "Templates/\(relative)"
        guard let data = read(relative, diagnostics: diagnostics) else { return nil }
        return SourceText.decode(data, path: path, diagnostics: diagnostics)
    }
}

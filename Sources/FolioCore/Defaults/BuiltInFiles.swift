import Foundation

/// The defaults compiled into folio (see `Plugins/FolioDefaults`): the repository's `Templates/` and the
/// U4SSC catalogue `Content/kpis.yml`, by their path in a publication (`Templates/layout.mustache`).
/// A publication's own file at the same path takes their place (`TemplateSource`).
public enum BuiltInFiles {
    /// Every built-in path, sorted.
    public static let paths: [String] = encoded.keys.sorted()

    /// The bytes of the built-in file at `path`, or nil when folio has none there.
    public static func data(_ path: String) -> Data? {
        encoded[path].flatMap { Data(base64Encoded: $0) }
    }

    /// Every built-in file by path.
    public static var all: [String: Data] {
        Dictionary(uniqueKeysWithValues: paths.compactMap { path in data(path).map { (path, $0) } })
    }

    /// The built-in files below `Templates/`, relative to it (`partials/toc-entry.mustache`), sorted.
    public static let templatePaths: [String] = paths.compactMap { path in
        path.hasPrefix("Templates/") ? String(path.dropFirst("Templates/".count)) : nil
    }
}

/// folio's version and the commit it was built from (`folio --version`).
public enum FolioVersion {
    public static let number = "0.2.0"

    /// "0.2.0 (commit a400dc9e1f2b)".
    public static var description: String { "\(number) (commit \(commit))" }
}

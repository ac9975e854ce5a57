import Foundation

/// `folio templates list` and `folio templates eject`: which design files a publication overrides, and
/// copies of the defaults to edit. An ejected file's default is remembered by its content hash in
/// `Templates/.folio-defaults` (one `path hash` line per file), so that `list` can tell when a newer folio
/// brings a changed default that the publication's copy does not have.
public struct TemplateInventory: Sendable {
    /// The publication folder.
    public let project: URL
    /// The defaults by publication path (`Templates/layout.mustache`, `Content/kpis.yml`): folio's own,
    /// or others in tests.
    public let defaults: [String: Data]

    public init(project: URL, defaults: [String: Data]? = nil) {
        self.project = project
        self.defaults = defaults ?? BuiltInFiles.all
    }

    /// The record of ejected defaults, beside the templates.
    public static let recordPath = "Templates/.folio-defaults"

    public enum State: String, Sendable {
        /// folio's default is used.
        case `default`
        /// The publication's file is used, and is the same as the default.
        case sameAsDefault = "same as default"
        /// The publication's file is used in place of the default.
        case overridden
        /// The publication's file was copied from a default that has changed since.
        case defaultIsNewer = "default is newer"
        /// The publication's own file; folio has no default of that name.
        case own
    }

    public struct Entry: Sendable, Equatable {
        /// The path in the publication (`Templates/partials/toc-entry.mustache`).
        public var path: String
        public var state: State
    }

    /// Every design file and the catalogue, sorted by path.
    public func list() -> [Entry] {
        let record = readRecord()
        var paths = Set(defaults.keys)
        for relative in TemplateSource(project: project).ownFiles() { paths.insert("Templates/" + relative) }
        if FileManager.default.fileExists(atPath: project.appendingPathComponent("Content/kpis.yml").path) {
            paths.insert("Content/kpis.yml")
        }
        return paths.sorted().map { path in
            let own = project.appendingPathComponent(path)
            guard let ownData = FileManager.default.contents(atPath: own.path) else { return Entry(path: path, state: .default) }
            guard let defaultData = defaults[path] else { return Entry(path: path, state: .own) }
            if ownData == defaultData { return Entry(path: path, state: .sameAsDefault) }
            if let base = record[path], base != Assets.contentHash(defaultData) { return Entry(path: path, state: .defaultIsNewer) }
            return Entry(path: path, state: .overridden)
        }
    }

    /// The default paths that `names` select: a file (`layout.mustache`, `i18n/fr.yml`, `kpis.yml`), a
    /// template's name without `.mustache` (`partials/toc-entry`), or a folder (`i18n`, `print`); every
    /// default when `names` is empty. Unknown names are reported.
    public func select(_ names: [String]) -> (paths: [String], diagnostics: [Diagnostic]) {
        let all = defaults.keys.sorted()
        guard !names.isEmpty else { return (all, []) }
        var chosen: [String] = []
        var problems: [Diagnostic] = []
        for name in names {
            let trimmed = name.hasSuffix("/") ? String(name.dropLast()) : name
            let bare = trimmed.hasPrefix("Templates/") ? String(trimmed.dropFirst("Templates/".count)) : trimmed
            let candidates = ["Templates/\(bare)", "Templates/\(bare).mustache", bare, "Content/\(bare)"]
            if let file = candidates.first(where: { defaults[$0] != nil }) {
                chosen.append(file)
                continue
            }
            let folder = all.filter { $0.hasPrefix("Templates/\(bare)/") }
            if !folder.isEmpty {
                chosen += folder
                continue
            }
            let known = all.flatMap { path -> [String] in
                let name = path.hasPrefix("Templates/") ? String(path.dropFirst("Templates/".count)) : (path as NSString).lastPathComponent
                return name.hasSuffix(".mustache") ? [String(name.dropLast(".mustache".count)), name] : [name]
            }
            problems.append(.error("'\(name)' is not one of folio's default files" + Suggestion.hint(for: bare, in: known)
                                   + " (`folio templates list` shows them)", at: nil))
        }
        var seen: Set<String> = []
        return (chosen.filter { seen.insert($0).inserted }, problems)
    }

    /// Copies the defaults `names` selects into the publication. A file the publication already has is
    /// left alone (reported) unless `replace`. Returns the paths written and the problems.
    public func eject(_ names: [String], replace: Bool = false) -> (written: [String], diagnostics: [Diagnostic]) {
        let selection = select(names)
        guard selection.diagnostics.isEmpty else { return ([], selection.diagnostics) }
        var record = readRecord()
        var written: [String] = []
        var problems: [Diagnostic] = []
        let fm = FileManager.default
        for path in selection.paths {
            guard let data = defaults[path] else { continue }
            let target = project.appendingPathComponent(path)
            if fm.fileExists(atPath: target.path), !replace {
                // Asked for by name, an existing file is a mistake worth saying; in a whole ejection it is skipped.
                if !names.isEmpty {
                    problems.append(.error("\(path) exists already: edit it, or eject again with --force to replace it with the default",
                                           at: nil))
                }
                continue
            }
            do {
                try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: target, options: .atomic)
                record[path] = Assets.contentHash(data)
                written.append(path)
            } catch {
                problems.append(.error("cannot write \(path): \(ContentLoader.reason(error))", at: nil))
            }
        }
        if !written.isEmpty {
            let text = "# The defaults `folio templates eject` copied here, by content hash: `folio templates list` compares them\n"
                + "# with the current defaults. Keep this file with the templates.\n"
                + record.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)\n" }.joined()
            do {
                let url = project.appendingPathComponent(Self.recordPath)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url, options: .atomic)
            } catch {
                problems.append(.error("cannot write \(Self.recordPath): \(ContentLoader.reason(error))", at: nil))
            }
        }
        return (written, problems)
    }

    /// The record: path → the hash of the default it was copied from.
    func readRecord() -> [String: String] {
        guard let data = FileManager.default.contents(atPath: project.appendingPathComponent(Self.recordPath).path) else { return [:] }
        var record: [String: String] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ")
            if parts.count == 2 { record[String(parts[0])] = String(parts[1]) }
        }
        return record
    }
}

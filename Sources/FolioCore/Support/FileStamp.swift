import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What identifies a version of a file without reading it: size, modification time (nanoseconds) and
/// inode (an editor's atomic save replaces the inode even when size and time look the same).
public struct FileStamp: Sendable, Hashable, CustomStringConvertible {
    public var size: Int64
    public var seconds: Int
    public var nanoseconds: Int
    public var inode: UInt64

    /// nil when the file does not exist (or cannot be examined).
    public static func of(_ path: String) -> FileStamp? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return FileStamp(size: Int64(info.st_size), seconds: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec),
                         inode: UInt64(info.st_ino))
    }

    public var description: String { "\(size):\(seconds).\(nanoseconds):\(inode)" }
}

/// A sorted list of the project's source files with their stamps: polled by the preview server to
/// see changes, compared by the incremental builder to know what changed.
public struct ProjectSnapshot: Sendable, Equatable {
    public var files: [String: FileStamp]

    /// Scans `Content/` and `Templates/` (relative paths), skipping editor temporary and backup files.
    public static func scan(project: URL, tops: [String] = ["Content", "Templates"]) -> ProjectSnapshot {
        var files: [String: FileStamp] = [:]
        for top in tops {
            var pending = [top]
            while let folder = pending.popLast() {
                let url = project.appendingPathComponent(folder)
                guard let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { continue }
                for name in names.sorted() where !isEditorTemporary(name) {
                    let relative = "\(folder)/\(name)"
                    guard let stamp = FileStamp.of(url.appendingPathComponent(name).path) else { continue }
                    if ContentLoader.isDirectoryEntry(url.appendingPathComponent(name)), !ContentLoader.isSymbolicLink(url.appendingPathComponent(name)) {
                        pending.append(relative)
                    } else {
                        files[relative] = stamp
                    }
                }
            }
        }
        return ProjectSnapshot(files: files)
    }

    /// The files below one top folder (`Templates`), as sorted relative paths.
    public static func files(under top: String, project: URL) -> [String] {
        scan(project: project, tops: [top]).files.keys.sorted()
    }

    /// Hidden files, `*~` backups, vim's `*.swp`/`*.swx` and its `4913` probe, Emacs' `#*#` autosaves.
    public static func isEditorTemporary(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx") || name == "4913"
            || (name.hasPrefix("#") && name.hasSuffix("#"))
    }

    /// The paths added, removed or modified between two snapshots, sorted.
    public func changes(since older: ProjectSnapshot) -> [String] {
        var changed: [String] = []
        for (path, stamp) in files where older.files[path] != stamp { changed.append(path) }
        for path in older.files.keys where files[path] == nil { changed.append(path) }
        return changed.sorted()
    }
}

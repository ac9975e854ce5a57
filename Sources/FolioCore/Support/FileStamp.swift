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
        examine(path)?.stamp
    }

    /// The stamp, and whether the entry is a real folder (not a symbolic link to one): one `lstat`,
    /// where asking Foundation took three calls per file, too many to scan 1,200 files every 20 ms.
    static func examine(_ path: String) -> (stamp: FileStamp, isFolder: Bool)? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        let stamp = FileStamp(size: Int64(info.st_size), seconds: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec),
                              inode: UInt64(info.st_ino))
        return (stamp, info.st_mode & mode_t(S_IFMT) == mode_t(S_IFDIR))
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
        let root = project.path
        for top in tops {
            var pending = [top]
            while let folder = pending.popLast() {
                // Paths are joined as strings: appending to a URL cost more than the lstat itself.
                let folderPath = "\(root)/\(folder)"
                guard let names = try? FileManager.default.contentsOfDirectory(atPath: folderPath) else { continue }
                for name in names.sorted() where !isEditorTemporary(name) {
                    let relative = "\(folder)/\(name)"
                    guard let (stamp, isFolder) = FileStamp.examine("\(folderPath)/\(name)") else { continue }
                    if isFolder {
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

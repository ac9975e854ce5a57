import CFolioSystem
import Foundation

/// Where rendered files go: a staging folder on disk for `folio build`, memory for the preview server
/// and for tests. Paths are relative to the site root, with `/` separators.
public protocol OutputSink: Sendable {
    func write(_ data: Data, to path: String) throws
}

/// Keeps the site in memory (preview server, tests).
public final class MemoryOutput: OutputSink, @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String: Data] = [:]

    public init() {}

    public func write(_ data: Data, to path: String) throws {
        lock.withLock { storage[path] = data }
    }

    public var files: [String: Data] { lock.withLock { storage } }

    public func text(_ path: String) -> String? {
        lock.withLock { storage[path].map { String(decoding: $0, as: UTF8.self) } }
    }
}

/// Writes into a staging folder beside the output folder and swaps it in at the end with a rename, so
/// a failed or interrupted build leaves the previous site complete.
public final class StagedDirectoryOutput: OutputSink, @unchecked Sendable {
    public let output: URL
    public let staging: URL
    private let lock = NSLock()
    private var createdFolders: Set<String> = []

    public init(output: URL) throws {
        self.output = output.standardizedFileURL
        let parent = self.output.deletingLastPathComponent()
        staging = parent.appendingPathComponent(".\(self.output.lastPathComponent).staging-\(getpid())")
        Self.removeLeftovers(of: self.output)
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
    }

    /// Staging and old folders of builds that were killed (their process is gone) are removed.
    static func removeLeftovers(of output: URL) {
        let parent = output.deletingLastPathComponent()
        let prefixes = [".\(output.lastPathComponent).staging-", ".\(output.lastPathComponent).old-"]
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        for name in names {
            guard let prefix = prefixes.first(where: { name.hasPrefix($0) }), let pid = Int32(name.dropFirst(prefix.count)) else { continue }
            if pid == getpid() || kill(pid, 0) != 0 {
                try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
            }
        }
    }

    public func write(_ data: Data, to path: String) throws {
        // Paths joined as strings: URL's appendingPathComponent asks the file system whether each
        // page is a folder.
        let folder = (path as NSString).deletingLastPathComponent
        let needsFolder = lock.withLock { createdFolders.insert(folder).inserted }
        if needsFolder, !folder.isEmpty {
            try Self.makeFolder("\(staging.path)/\(folder)")
        }
        try Self.writeFile(data, to: "\(staging.path)/\(path)")
    }

    /// `mkdir -p` in as few system calls as it takes: one when the parent exists (nearly always, as
    /// pages are written a folder at a time). FileManager's version looked at every ancestor first,
    /// eight calls a page; on this machine's ext4 each costs tens of microseconds of kernel time.
    private static func makeFolder(_ path: String) throws {
        if mkdir(path, 0o755) == 0 || errno == EEXIST { return }
        guard errno == ENOENT else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        try makeFolder((path as NSString).deletingLastPathComponent)
        if mkdir(path, 0o755) != 0, errno != EEXIST { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    /// A plain create-write-close. `Data.write(to:)` also fsyncs every file, which made writing the
    /// slowest part of a build; the staging folder is only swapped in once every file is written.
    private static func writeFile(_ data: Data, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        try data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                }
                offset += written
            }
        }
    }

    /// Replaces the output folder by the staging folder in one atomic exchange, then removes the old
    /// site (now in the staging path). Where the file system cannot exchange, the old site is moved
    /// aside first and removed only after the new one is in place.
    public func commit() throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: output.path), folio_exchange_paths(staging.path, output.path) == 0 {
            try? fm.removeItem(at: staging)
            return
        }
        if fm.fileExists(atPath: output.path) {
            let old = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).old-\(getpid())")
            try? fm.removeItem(at: old)
            try fm.moveItem(at: output, to: old)
            do {
                try fm.moveItem(at: staging, to: output)
            } catch {
                try? fm.moveItem(at: old, to: output)
                throw error
            }
            try? fm.removeItem(at: old)
        } else {
            try fm.moveItem(at: staging, to: output)
        }
    }

    /// Throws the staged files away, leaving the output folder as it was.
    public func discard() {
        try? FileManager.default.removeItem(at: staging)
    }
}

/// Writes files straight into an existing output folder, each one replaced atomically: the print
/// edition alone (`--pdf-only`) updates the PDFs and leaves the rest of the site as it is.
public final class DirectoryOutput: OutputSink, @unchecked Sendable {
    public let output: URL

    public init(output: URL) {
        self.output = output.standardizedFileURL
    }

    public func write(_ data: Data, to path: String) throws {
        let target = output.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: target, options: .atomic)
    }
}

import Foundation
import PackagePlugin

/// Compiles the built-in defaults into FolioCore: every file of the repository's `Templates/` (the one
/// source of truth: a file added there becomes a default at the next build, with no code change) and
/// the U4SSC catalogue `Content/kpis.yml`, plus the commit folio is built from (`folio --version`).
///
/// The folder is listed each time SwiftPM plans a build, so added and removed files are seen; every file
/// is an input of the generating command, so an edited one regenerates the source.
@main
struct FolioDefaults: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let package = context.package.directoryURL
        let inputs = Self.files(in: package.appending(path: "Templates")) + [package.appending(path: "Content/kpis.yml")]
        let tool = try context.tool(named: "folio-defaults").url
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedDefaults.swift")
        let commitOutput = context.pluginWorkDirectoryURL.appending(path: "EmbeddedCommit.swift")
        let commit = Self.commit(in: package)
        return [
            .buildCommand(displayName: "Embedding the default templates and the KPI catalogue",
                          executable: tool,
                          arguments: ["files", output.path(percentEncoded: false), package.path(percentEncoded: false)]
                              + inputs.map { $0.path(percentEncoded: false) },
                          inputFiles: inputs, outputFiles: [output]),
            // The commit is an argument: a new commit changes the command, which SwiftPM then runs again.
            .buildCommand(displayName: "Recording the commit folio is built from",
                          executable: tool, arguments: ["commit", commitOutput.path(percentEncoded: false), commit],
                          inputFiles: [], outputFiles: [commitOutput]),
        ]
    }

    /// Every regular file below `folder`, sorted; hidden files and the folder's README are not defaults.
    static func files(in folder: URL) -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey],
                                                              options: [.skipsHiddenFiles]) else { return [] }
        var files: [URL] = []
        while let url = enumerator.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            if url.standardizedFileURL.path == folder.appending(path: "README.md").standardizedFileURL.path { continue }
            files.append(url)
        }
        return files.sorted { $0.path < $1.path }
    }

    /// `git describe --always --dirty` of the package, or "unknown" outside a git checkout.
    static func commit(in package: URL) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", package.path(percentEncoded: false), "describe", "--always", "--dirty", "--abbrev=12",
                             "--exclude=*"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return process.terminationStatus == 0 && !text.isEmpty ? text : "unknown"
        } catch {
            return "unknown"
        }
    }
}

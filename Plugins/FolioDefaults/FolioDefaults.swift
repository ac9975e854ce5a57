import Foundation
import PackagePlugin

/// Compiles the built-in defaults into FolioCore: every file of the repository's `Templates/` (the one
/// source of truth: a file added there is a default at the next build, with no code change) and the
/// U4SSC catalogue `Content/kpis.yml`, plus the commit folio is built from (`folio --version`).
///
/// SwiftPM plans a build again (and asks this plugin for its commands) only when the package's
/// structure changes, which includes this plugin's folder: `Templates` here is a symbolic link to the
/// repository's `Templates/`, so adding or removing a template plans again. Each file is an input of
/// the command that embeds them, so editing one embeds again. The commit is read again whenever git's
/// HEAD or its log moves.
@main
struct FolioDefaults: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let package = context.package.directoryURL
        let script = package.appending(path: "Plugins/FolioDefaults/embed.sh")
        let shell = URL(fileURLWithPath: "/bin/sh")
        let defaults = context.pluginWorkDirectoryURL.appending(path: "EmbeddedDefaults.swift")
        let commit = context.pluginWorkDirectoryURL.appending(path: "EmbeddedCommit.swift")
        let files = Self.files(in: package.appending(path: "Templates")) + [package.appending(path: "Content/kpis.yml")]
        func path(_ url: URL) -> String { url.path(percentEncoded: false) }
        return [
            .buildCommand(displayName: "Embedding Templates/ and Content/kpis.yml as folio's defaults", executable: shell,
                          arguments: [path(script), "defaults", path(package), path(defaults)],
                          inputFiles: [script] + files, outputFiles: [defaults]),
            .buildCommand(displayName: "Recording the commit folio is built from", executable: shell,
                          arguments: [path(script), "commit", path(package), path(commit)],
                          inputFiles: [script] + Self.gitFiles(package), outputFiles: [commit]),
        ]
    }

    /// Every regular file below `folder`, hidden ones and its README.md left out (as embed.sh does).
    static func files(in folder: URL) -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey],
                                                              options: [.skipsHiddenFiles]) else { return [] }
        var files: [URL] = []
        while let url = enumerator.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true,
                  url.standardizedFileURL.path != folder.appending(path: "README.md").standardizedFileURL.path else { continue }
            files.append(url)
        }
        return files.sorted { $0.path < $1.path }
    }

    /// The files that change with each commit or checkout: the git folder's HEAD and its log (a
    /// worktree's `.git` is a file naming its git folder).
    static func gitFiles(_ package: URL) -> [URL] {
        let dotGit = package.appending(path: ".git")
        var folder = dotGit
        if let text = try? String(contentsOf: dotGit, encoding: .utf8), text.hasPrefix("gitdir: ") {
            let target = text.dropFirst("gitdir: ".count).trimmingCharacters(in: .whitespacesAndNewlines)
            folder = URL(fileURLWithPath: target, relativeTo: package).standardizedFileURL
        }
        return ["HEAD", "logs/HEAD"].map { folder.appending(path: $0) }
            .filter { FileManager.default.fileExists(atPath: $0.path(percentEncoded: false)) }
    }
}

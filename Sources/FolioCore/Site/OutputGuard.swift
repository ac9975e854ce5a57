import Foundation

/// folio replaces its output folder wholesale, so it refuses any folder whose replacement would lose
/// something that is not build output: the project itself, its sources, the root, the home folder, or
/// any folder that contains the project.
enum OutputGuard {
    static func refusal(output: URL, project: URL) -> String? {
        let out = canonical(output)
        let root = canonical(project)
        let home = canonical(URL(fileURLWithPath: NSHomeDirectory()))
        let protected: [(String, String)] = [
            ("/", "the file system root"),
            (home, "your home folder"),
            (root, "the project folder"),
            (root + "/Content", "Content/, the publication's sources"),
            (root + "/Templates", "Templates/, the publication's design"),
        ]
        if let (_, what) = protected.first(where: { $0.0 == out }) {
            return "refusing to write the site into \(output.path): it is \(what), which a build replaces entirely; choose a folder of its own (default: Public/)"
        }
        if root.hasPrefix(out + "/") {
            return "refusing to write the site into \(output.path): it contains the project, which a build would replace; choose a folder of its own (default: Public/)"
        }
        for source in ["/Content/", "/Templates/"] where out.hasPrefix(root + source) {
            return "refusing to write the site into \(output.path): it is inside \(source.dropFirst()), the publication's sources"
        }
        return nil
    }

    /// The absolute path with `.`/`..` and symbolic links resolved (as far as the path exists).
    static func canonical(_ url: URL) -> String {
        var path = url.standardizedFileURL.resolvingSymlinksInPath().path
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        return path
    }
}

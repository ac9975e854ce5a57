import Foundation
import Testing

/// `folio build` and Pagefind: found on PATH, run over the staging folder before the swap, and a warning
/// (no search box) when it is not installed. Fake `pagefind` scripts stand in for the real one, so the
/// tests need no Python; the browser tests (Tests/Browser) search with the real Pagefind.
@Suite struct SearchIndexTests {
    let cli = CommandLineTests()

    /// A folder holding only `pagefind`, a shell script with `body`, and the PATH that finds it.
    func fakePagefind(_ body: String) throws -> (folder: URL, environment: [String: String]) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("folio-fake-pagefind-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let script = folder.appendingPathComponent("pagefind")
        try "#!/bin/sh\n\(body)\n".write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        return (folder, ["PATH": "\(folder.path):/usr/bin:/bin"])
    }

    @Test func withoutPagefindTheBuildWarnsOnceAndLeavesSearchOut() throws {
        let project = try cli.makeProject()
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("folio-empty-path-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer {
            try? FileManager.default.removeItem(at: project)
            try? FileManager.default.removeItem(at: empty)
        }
        let run = try cli.folio(["build", "--no-pdf"], in: project, environment: ["PATH": empty.path])
        #expect(run.status == 0, "\(run.stderr)")
        let warnings = run.stderr.split(separator: "\n").filter { $0.contains("warning:") }
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("search is off: Pagefind is not installed") == true)
        #expect(warnings.first?.contains("pip install 'pagefind[extended]'") == true)
        #expect(run.stderr.contains("0 errors, 1 warning"))
        let page = try String(contentsOf: project.appendingPathComponent("Public/en/introduction/index.html"), encoding: .utf8)
        #expect(!page.contains("site-search"))
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("Public/en/search/index.html").path))
    }

    @Test func pagefindIndexesTheStagingFolderAndItsFilesArePublished() throws {
        let project = try cli.makeProject()
        let log = project.appendingPathComponent("pagefind-arguments.txt")
        // Records its arguments, checks that the pages are there, writes an index into --site.
        let fake = try fakePagefind("""
        echo "$@" > '\(log.path)'
        site="$2"
        [ -f "$site/en/introduction/index.html" ] || exit 3
        mkdir -p "$site/pagefind" && echo '// ui' > "$site/pagefind/pagefind-ui.js"
        """)
        defer {
            try? FileManager.default.removeItem(at: project)
            try? FileManager.default.removeItem(at: fake.folder)
        }
        let run = try cli.folio(["build", "--no-pdf"], in: project, environment: fake.environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("0 errors, 0 warnings"))
        let arguments = try String(contentsOf: log, encoding: .utf8)
        #expect(arguments.hasPrefix("--site "))
        #expect(arguments.contains(".Public.staging-"), "Pagefind must index the staging folder, not Public/: \(arguments)")
        let public_ = project.appendingPathComponent("Public")
        #expect(FileManager.default.fileExists(atPath: public_.appendingPathComponent("pagefind/pagefind-ui.js").path))
        let searchPage = try String(contentsOf: public_.appendingPathComponent("en/search/index.html"), encoding: .utf8)
        #expect(searchPage.contains("../../pagefind/pagefind-ui.js"))
        let chapter = try String(contentsOf: public_.appendingPathComponent("en/introduction/index.html"), encoding: .utf8)
        #expect(chapter.contains("<form class=\"site-search\" role=\"search\" action=\"../../en/search/index.html\""))
        #expect(chapter.contains("data-pagefind-body=\"\""))
    }

    @Test func aFailedIndexLeavesThePreviousSiteAndNoStagingFolder() throws {
        let project = try cli.makeProject()
        let fake = try fakePagefind("echo 'Error: cannot parse the site' >&2\nexit 1")
        defer {
            try? FileManager.default.removeItem(at: project)
            try? FileManager.default.removeItem(at: fake.folder)
        }
        #expect(try cli.folio(["build", "--no-search"], in: project).status == 0)
        let page = project.appendingPathComponent("Public/en/introduction/index.html")
        let before = try Data(contentsOf: page)

        let run = try cli.folio(["build", "--no-pdf"], in: project, environment: fake.environment)
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: the search index could not be made"), "\(run.stderr)")
        #expect(run.stderr.contains("Error: cannot parse the site"))
        #expect(try Data(contentsOf: page) == before)
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("Public/en/search").path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: project.path).filter { $0.hasPrefix(".Public.") }
        #expect(leftovers.isEmpty)
    }
}

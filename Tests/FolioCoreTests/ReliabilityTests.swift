import Foundation
import Testing
@testable import FolioCore

/// Hostile and broken input: every case answers with its diagnostic (file, line, message), never a
/// crash, never a half-written site, never anything outside the output folder.
@Suite struct ReliabilityTests {
    private func project(_ changes: [String: String] = [:]) throws -> FixtureProject {
        var files = FixtureProject.basicFiles
        for (path, text) in changes { files[path] = text }
        return try FixtureProject(files: files)
    }

    // MARK: - Output containment

    @Test func refusesOutputFoldersThatAreNotBuildOutput() throws {
        let fixture = try project()
        defer { fixture.cleanUp() }
        for (output, fragment) in [(fixture.root, "it is the project folder"),
                                   (fixture.root.appendingPathComponent("Content"), "it is Content/"),
                                   (fixture.root.appendingPathComponent("Templates"), "it is Templates/"),
                                   (fixture.root.deletingLastPathComponent(), "it contains the project"),
                                   (URL(fileURLWithPath: "/"), "it is the file system root")] {
            let result = SiteBuilder.build(SiteBuilder.Options(project: fixture.root, output: output, pdf: .skip))
            #expect(!result.succeeded)
            #expect(result.errors.first?.message.contains(fragment) == true, "\(output.path): \(result.errors)")
        }
        #expect(FileManager.default.fileExists(atPath: fixture.root.appendingPathComponent("Content/publication.yml").path))
    }

    @Test func pathsOutOfContentAreErrorsAndNeverEmitted() throws {
        let fixture = try project(["Content/en/02-governance.md": """
            ---
            title: Governance
            ---
            See [the password file](../../../etc/passwd) and [this](/etc/hosts).

            ![Secret](../../Templates/layout.mustache)
            """])
        defer { fixture.cleanUp() }
        let result = fixture.build()
        #expect(!result.succeeded)
        let link = try #require(result.diagnostic(containing: "link refused: '../../../etc/passwd' points outside Content/"))
        #expect(link.location == SourceLocation(file: "Content/en/02-governance.md", line: 4, column: 5))
        #expect(result.diagnostic(containing: "link refused: '/etc/hosts' is an absolute path")?.severity == .error)
        #expect(result.diagnostic(containing: "image refused: '../../Templates/layout.mustache' points outside Content/")?.location?.line == 6)
    }

    @Test func symbolicLinksAreRefused() throws {
        let fixture = try project()
        defer { fixture.cleanUp() }
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: fixture.root.appendingPathComponent("Content/en/03-passwd.md").path, withDestinationPath: "/etc/passwd")
        try fm.createDirectory(at: fixture.root.appendingPathComponent("Content/media"), withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: fixture.root.appendingPathComponent("Content/media/loop").path,
                                  withDestinationPath: fixture.root.appendingPathComponent("Content/media").path)
        try fm.createDirectory(at: fixture.root.appendingPathComponent("Templates/partials"), withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: fixture.root.appendingPathComponent("Templates/partials/secret.mustache").path,
                                  withDestinationPath: "/etc/hostname")
        let result = fixture.build()
        #expect(!result.succeeded)
        #expect(result.diagnostic(containing: "symbolic link: folio reads only real files inside Content/")?.location?.file == "Content/en/03-passwd.md")
        #expect(result.diagnostic(containing: "Content/media/loop is a symbolic link")?.severity == .error)
        #expect(result.diagnostic(containing: "symbolic link: templates are read only from real files")?.location?.file == "Templates/partials/secret.mustache")
        #expect(!fixture.exists("index.html"))
    }

    // MARK: - Escaping of everything placed into HTML

    @Test func hostileValuesAreEscapedEverywhere() throws {
        let hostile = "<script>alert(1)</script>\\\"' onmouseover=x {{t.home}}"
        let fixture = try project([
            "Content/publication.yml": "title: {en: \"T \(hostile)\", fr: F}\nsource-language: en\nlanguages: [en, fr]\n",
            "Content/en/02-governance.md": """
            ---
            title: "Gov \(hostile)"
            summary: "S \(hostile)"
            ---
            ## H \(hostile.replacingOccurrences(of: "\\\"", with: "\""))

            ![Alt \(hostile.replacingOccurrences(of: "\\\"", with: "\""))](https://unece.org/x.png "T \(hostile.replacingOccurrences(of: "\\\"", with: ""))")

            ```kpi
            kpi: "EC: ICT: ICT: 1C"
            title: "K \(hostile)"
            source: "Src \(hostile)"
            data:
              - {city: "City \(hostile)", year: 2020, value: 50}
            ```
            """,
            "Content/kpis.yml": KPITests.catalogue,
        ])
        defer { fixture.cleanUp() }
        try fixture.write("Templates/i18n/fr.yml", (try fixture.defaultTemplate("i18n/fr.yml"))
            .replacingOccurrences(of: "home: Accueil", with: "home: \"<script>x</script>\""))
        let result = fixture.build()
        #expect(result.succeeded, "\(result.errors)")
        for page in ["index.html", "en/index.html", "en/governance/index.html", "fr/governance/index.html", "en/kpis/index.html"] {
            let html = try fixture.read(page)
            #expect(!html.contains("<script>alert"), "\(page)")
            #expect(!html.contains("<script>x"), "\(page)")
            #expect(!html.contains("\" onmouseover"), "\(page)")
            #expect(!html.contains("' onmouseover"), "\(page)")
            // Parsing as XML proves no markup was injected (an injected tag would unbalance it).
            _ = try fixture.page(page)
        }
        let chapter = try fixture.page("en/governance/index.html")
        #expect(try chapter.value("//h1")?.contains("<script>alert(1)</script>") == true)
        #expect(try chapter.value("//figure//tbody/tr/th")?.hasPrefix("City <script>") == true)
        #expect(try chapter.value("//img/@alt")?.contains("\"' onmouseover=x") == true)
        #expect(try chapter.value("//div[contains(@class,'chapter-body')]/h2")?.contains("{{t.home}}") == true)
    }

    // MARK: - Bad input corpus

    @Test func emptyChapterFileIsAnError() throws {
        let fixture = try project(["Content/en/02-governance.md": ""])
        defer { fixture.cleanUp() }
        let result = fixture.build()
        #expect(result.diagnostic(containing: "chapter has no front matter")?.location == SourceLocation(file: "Content/en/02-governance.md"))
    }

    @Test func aFolderNamedLikeAChapterIsAClearError() throws {
        let fixture = try project()
        defer { fixture.cleanUp() }
        try FileManager.default.createDirectory(at: fixture.root.appendingPathComponent("Content/en/03-folder.md"), withIntermediateDirectories: true)
        let result = fixture.build()
        #expect(!result.succeeded)
        #expect(result.diagnostic(containing: "cannot read the file")?.location?.file == "Content/en/03-folder.md")
    }

    @Test func aLanguageFolderWithNoChaptersStillBuildsWithFallbacks() throws {
        let fixture = try project()
        defer { fixture.cleanUp() }
        try fixture.remove("Content/fr/01-introduction.md")
        let result = fixture.build()
        #expect(result.succeeded)
        #expect(result.warnings.filter { $0.message.contains("not yet translated into French") }.count == 2)
        #expect(fixture.exists("fr/introduction/index.html"))
    }

    @Test func fiveThousandNestedQuotesAndListsBuildWithAWarning() throws {
        let deep = String(repeating: "> ", count: 5_000) + "deep text\n\n" + (0..<3_000).map { String(repeating: "  ", count: $0) + "- item" }.joined(separator: "\n")
        let fixture = try project(["Content/en/02-governance.md": "---\ntitle: Governance\n---\n\(deep)\n"])
        defer { fixture.cleanUp() }
        let result = fixture.build()
        #expect(result.succeeded)
        #expect(result.diagnostic(containing: "nested more than 100 levels deep")?.location?.line == 4)
        #expect(try fixture.read("en/governance/index.html").contains("deep text"))
    }

    @Test func tenThousandFootnotes() throws {
        let notes = (0..<10_000).map { "Text \($0).[^n\($0)]" }.joined(separator: "\n") + "\n\n" + (0..<10_000).map { "[^n\($0)]: Note \($0)." }.joined(separator: "\n")
        let fixture = try project(["Content/en/02-governance.md": "---\ntitle: Governance\n---\n\(notes)\n"])
        defer { fixture.cleanUp() }
        #expect(fixture.build().succeeded)
        let page = try fixture.page("en/governance/index.html")
        #expect(try page.count("//section[@id='footnotes']//li") == 10_000)
        #expect(try page.value("//li[@id='fn:10000']/p")?.hasPrefix("Note 9999.") == true)
    }

    @Test func aKPIBlockWithAHundredThousandRowsBuildsAsATable() throws {
        let rows = (0..<100_000).map { "  - {city: City \($0), year: 2020, value: \($0 % 100)}" }.joined(separator: "\n")
        let fixture = try project(["Content/kpis.yml": KPITests.catalogue,
                                   "Content/en/02-governance.md": "---\ntitle: Governance\n---\n```kpi\nkpi: \"EC: ICT: ICT: 1C\"\nsource: test\ndata:\n\(rows)\n```\n"])
        defer { fixture.cleanUp() }
        let result = fixture.build()
        #expect(result.succeeded)
        #expect(result.diagnostic(containing: "100000 rows are too many for a chart")?.location?.line == 7)
        let html = try fixture.read("en/governance/index.html")
        #expect(!html.contains("<svg"))
        #expect(html.contains("<th scope=\"row\">City 99999</th>"))
    }

    @Test func aFiftyMegabyteChapterBuilds() throws {
        var text = "---\ntitle: Governance\n---\n"
        let paragraph = "Smart sustainable cities use *information and communication technologies* to improve the quality of life, the efficiency of urban services and competitiveness. [UNECE](https://unece.org)\n\n"
        var section = 0
        while text.utf8.count < 50_000_000 {
            section += 1
            text += "## Section \(section)\n\n" + String(repeating: paragraph, count: 200)
        }
        let fixture = try project(["Content/en/02-governance.md": text])
        defer { fixture.cleanUp() }
        #expect(fixture.build().succeeded)
        let size = try FileManager.default.attributesOfItem(atPath: fixture.output.appendingPathComponent("en/governance/index.html").path)[.size] as? Int ?? 0
        #expect(size > 50_000_000)
    }

    // MARK: - Killing a build

    @Test func killingABuildAtAnyMomentLeavesThePreviousSiteComplete() throws {
        guard let executable = Self.folioExecutable else {
            Issue.record("folio executable not found beside the tests")
            return
        }
        // A publication big enough that a build takes a while.
        var files = FixtureProject.basicFiles
        for number in 3...40 {
            files["Content/en/\(number < 10 ? "0" : "")\(number)-chapter-\(number).md"] =
                "---\ntitle: Chapter \(number)\n---\n" + String(repeating: "## Part\n\nText of the chapter, *emphasis* and a [link](https://unece.org).\n\n", count: 400)
        }
        let fixture = try FixtureProject(files: files)
        defer { fixture.cleanUp() }
        #expect(SiteBuilder.build(SiteBuilder.Options(project: fixture.root, pdf: .skip)).succeeded)
        let first = try folderSnapshot(fixture.output)
        try fixture.write("Content/en/02-governance.md", "---\ntitle: Governance, revised\n---\nRevised.\n")
        #expect(SiteBuilder.build(SiteBuilder.Options(project: fixture.root, output: fixture.root.appendingPathComponent("Expected"), pdf: .skip)).succeeded)
        let second = try folderSnapshot(fixture.root.appendingPathComponent("Expected"))
        var generator = SystemRandomNumberGenerator()
        for attempt in 0..<12 {
            let process = Process()
            process.executableURL = executable
            process.arguments = ["build", "--no-pdf", fixture.root.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 0...400_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let now = try folderSnapshot(fixture.output)
            #expect(now == first || now == second, "attempt \(attempt): the site is neither the previous nor the new one")
        }
        // The next build clears what the killed ones left behind.
        #expect(SiteBuilder.build(SiteBuilder.Options(project: fixture.root, pdf: .skip)).succeeded)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: fixture.root.path).filter { $0.hasPrefix(".Public.") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    static var folioExecutable: URL? {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return [beside.appendingPathComponent("folio"), beside.deletingLastPathComponent().appendingPathComponent("folio"),
                FixtureProject.repository.appendingPathComponent(".build/debug/folio")]
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

}

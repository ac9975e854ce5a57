import Foundation
import Testing

/// The real publication in Content/: it must build, and its review state must read as the coordinator expects.
@Suite struct BundledPublicationTests {
    let cli = CommandLineTests()
    let repository = CommandLineTests.repository

    /// As of its status date (19 March 2021, a week after ExCom's approval was due): the chapters and
    /// parts that missed it, and no review dated after that day.
    @Test func checkAsOfTheStatusDateReportsTheLateParts() throws {
        let run = try cli.folio(["check", repository.path], in: repository)
        #expect(run.status == 0, "\(run.stderr)")
        let late = run.stderr.split(separator: "\n").filter { $0.contains("excom-approval was due 2021-03-12, 7 days ago") }
            .compactMap { $0.split(separator: "`").dropFirst().first.map(String.init) }
        #expect(late == ["03-innovation-and-economy", "04-urban-planning", "05-governance", "acknowledgements", "annex-1-methodology", "foreword"])
        #expect(!run.stderr.contains("in the future"))
        #expect(!run.stderr.contains("after the draft's status date"))
        #expect(run.stderr.contains("0 errors"))
    }

    @Test func statusPrintsTheChapterTable() throws {
        let run = try cli.folio(["status", repository.path], in: repository)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "Status as of 2021-03-19")
        let urbanPlanning = try #require(lines.first { $0.hasPrefix("04-urban-planning") })
        #expect(urbanPlanning.contains("second-draft (behind)"))
        #expect(urbanPlanning.contains("119 late"))
        // The title and the header, then every part: 3 of front matter, 6 chapters, 1 annex.
        #expect(lines.count == 12)
        #expect(lines.dropFirst(2).first?.hasPrefix("foreword") == true && lines.last?.hasPrefix("annex-1-methodology") == true)
    }

    @Test func releaseBuildOfTheDraftFailsListingBlockers() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("folio-release-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let run = try cli.folio(["build", repository.path, "--release", "--output", output.path], in: repository)
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: release blocked: `04-urban-planning` is at second-draft"))
        #expect(run.stderr.contains("error: release blocked: French is incomplete"))
        #expect(run.stderr.contains("reviewer edits or comments (CriticMarkup)"))
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test func theBundledPublicationBuildsWithoutErrors() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("folio-bundled-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let run = try cli.folio(["build", repository.path, "--output", output.path], in: repository)
        #expect(run.status == 0, "\(run.stderr)")
        let slug = "smart-sustainable-cities-for-all-ages-in-the-unece-region"
        for page in ["index.html", "en/index.html", "fr/introduction/index.html", "ru/innovation-and-economy/index.html",
                     "en/kpis/index.html", "status/index.html", "en/\(slug)-en.pdf", "fr/\(slug)-fr.pdf", "ru/\(slug)-ru.pdf",
                     // The Word and EPUB editions, made by default where pandoc is installed (make test installs it).
                     "en/\(slug)-en.docx", "fr/\(slug)-fr.epub", "ru/\(slug)-ru.docx",
                     "en/governance/changes/index.html", "status/comments/index.html"] {
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(page).path), "\(page)")
        }
    }

    /// A real round: chapter 5's UNECE review records the version it read (a commit of this repository).
    @Test func chapterFiveShowsItsChangesSinceTheUNECEReview() throws {
        let run = try cli.folio(["diff", "en/05-governance.md", repository.path], in: repository)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Changes in Content/en/05-governance.md since unece-review (UNECE Economic Cooperation and Trade Division, 2020-03-18), commit 4bc1c4e9e642:"))
        #expect(run.stdout.contains("section “Digital government and open data” renamed “Digital government, open data and transparency”"))
        #expect(run.stdout.contains("KPI SC: SH: SI: 3C, Bizerte 2020: (none) → 6.14"))
        let comments = try cli.folio(["review", "comments", repository.path, "--by", "UNECE Economic Cooperation and Trade Division"], in: repository)
        #expect(comments.status == 0, "\(comments.stderr)")
        #expect(comments.stdout.contains("Content/en/05-governance.md:37:"))
        #expect(comments.stdout.contains("UNECE secretariat, 2020-04-20: Agreed; the final draft will cite UN/CEFACT in this section. [reply]"))
    }

    /// Without git, `folio diff` says so at the chapter, and `review record` writes nothing.
    @Test func withoutGitTheReviewCommandsSaySo() throws {
        let project = FileManager.default.temporaryDirectory.appendingPathComponent("folio-nogit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: project) }
        try FileManager.default.createDirectory(at: project.appendingPathComponent("Content/en"), withIntermediateDirectories: true)
        try "title: {en: Cities}\nsource-language: en\nlanguages: [en]\nstages:\n  - {id: draft, due: 2020-01-31}\n  - {id: review, due: 2020-02-28, review: true}\n  - {id: final, due: 2020-03-31}\n"
            .write(to: project.appendingPathComponent("Content/publication.yml"), atomically: true, encoding: .utf8)
        let chapter = "---\ntitle: Intro\nstage: draft\n---\nText.\n"
        try chapter.write(to: project.appendingPathComponent("Content/en/01-intro.md"), atomically: true, encoding: .utf8)
        let noGit = ["PATH": "/nonexistent"]
        let diff = try cli.folio(["diff", "en/01-intro.md", project.path, "--since", "HEAD"], in: project, environment: noGit)
        #expect(diff.status == 1)
        #expect(diff.stderr.contains("Content/en/01-intro.md:1:1: error: git is not installed, and `folio diff` reads the chapter's earlier versions from git"), "\(diff.stderr)")
        let record = try cli.folio(["review", "record", "en/01-intro.md", project.path, "--stage", "review", "--by", "Unit"], in: project, environment: noGit)
        #expect(record.status == 1)
        #expect(record.stderr.contains("Content/en/01-intro.md:1:1: error: git is not installed"), "\(record.stderr)")
        #expect(try String(contentsOf: project.appendingPathComponent("Content/en/01-intro.md"), encoding: .utf8) == chapter)
        let unknown = try cli.folio(["review", "accept", "en/02-none.md", project.path, "--all"], in: project)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("Content/en/02-none.md:1:1: error: no chapter Content/en/02-none.md"), "\(unknown.stderr)")
    }
}

import Foundation
import Testing

/// The real publication in Content/: it must build, and its review state must read as the coordinator expects.
@Suite struct BundledPublicationTests {
    let cli = CommandLineTests()
    let repository = CommandLineTests.repository

    @Test func checkAsOfMidMay2020ReportsTheOneLateChapter() throws {
        let run = try cli.folio(["check", repository.path, "--as-of", "2020-05-10"], in: repository)
        #expect(run.status == 0, "\(run.stderr)")
        let late = run.stderr.split(separator: "\n").filter { $0.contains("was due") }
        #expect(late == ["Content/en/04-urban-planning.md:5:8: warning: `04-urban-planning` is at first-draft; second-draft was due 2020-04-30, 10 days ago"])
        #expect(run.stderr.contains("0 errors"))
    }

    @Test func statusPrintsTheChapterTable() throws {
        let run = try cli.folio(["status", repository.path], in: repository)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "Status as of 2020-05-10")
        let urbanPlanning = try #require(lines.first { $0.hasPrefix("04-urban-planning") })
        #expect(urbanPlanning.contains("first-draft (behind)"))
        #expect(urbanPlanning.contains("40 late"))
        #expect(lines.count == 8)
    }

    @Test func releaseBuildOfTheDraftFailsListingBlockers() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("folio-release-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let run = try cli.folio(["build", repository.path, "--release", "--output", output.path], in: repository)
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: release blocked: `04-urban-planning` is at first-draft"))
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
                     "en/\(slug)-en.docx", "fr/\(slug)-fr.epub", "ru/\(slug)-ru.docx"] {
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(page).path), "\(page)")
        }
    }
}

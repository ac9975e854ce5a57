import Foundation
import Testing
import FolioFuzzing
@testable import FolioCore

/// Replays the inputs kept for each fuzz target (Tests/Fixtures/fuzz-regressions/<target>/: what
/// `make fuzz` found, copied there by hand, and edge cases written for it) through the target's
/// properties: each must hold.
@Suite struct FuzzRegressionTests {
    static let regressions = FixtureProject.repository.appendingPathComponent("Tests/Fixtures/fuzz-regressions")

    static func inputs(_ target: FuzzTarget) -> [URL] {
        let folder = regressions.appendingPathComponent(target.rawValue)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().map { folder.appendingPathComponent($0) }
    }

    @Test(arguments: FuzzTarget.allCases)
    func keptInputsKeepTheirProperties(_ target: FuzzTarget) throws {
        let harness = try target.makeHarness(repository: FixtureProject.repository)
        let inputs = Self.inputs(target)
        #expect(!inputs.isEmpty, "no kept inputs in \(Self.regressions.path)/\(target.rawValue)")
        for input in inputs {
            let violations = harness.violations(for: try Data(contentsOf: input))
            #expect(violations.isEmpty, "\(input.lastPathComponent): \(violations)")
        }
    }

    /// The properties must be able to fail: a page check that accepts everything would prove nothing.
    @Test func malformedPagesAreCaught() {
        let pages = ["good.html": "<!DOCTYPE html>\n<html><body><p>Karmøy &amp; Moscow</p></body></html>",
                     "unclosed.html": "<!DOCTYPE html>\n<html><body><p>Karmøy</body></html>",
                     "control.html": "<!DOCTYPE html>\n<html><body><p>a\u{1}b</p></body></html>",
                     "style.css": "p { color: red; } <"]
        let found = ChapterPipelineHarness.malformedPages(in: pages.mapValues { Data($0.utf8) })
        #expect(found.count == 2)
        #expect(found.contains { $0.hasPrefix("unclosed.html is not well-formed") })
        #expect(found.contains { $0.hasPrefix("control.html is not well-formed") })
    }

    /// The prose property can fail: a footnote definition's words missing from the page and named by no
    /// diagnostic are reported; a warning at the definition's line (or a word on the page) answers them.
    @Test func droppedProseWordsAreCaught() {
        let chapter = "---\ntitle: T\n---\nShown text.[^a]\n\n[^a]: Lost note\n  continued here.\n\n```\ncode words\n```\n"
        let words = ProseWords.words(ofChapter: chapter)
        #expect(words.map(\.text) == ["Shown", "text", "Lost", "note", "continued", "here"])
        #expect(words.map(\.line) == [4, 4, 6, 6, 7, 7])
        let page = "<p>Shown <em>text</em>.<sup>1</sup></p>"
        let file = "Content/en/01-x.md"
        #expect(ProseWords.missing(words, page: page, file: file, diagnostics: []).map(\.text) == ["Lost", "note", "continued", "here"])
        let warning = Diagnostic.warning("footnote [^a] is never referenced", at: SourceLocation(file: file, line: 6))
        #expect(ProseWords.missing(words, page: page, file: file, diagnostics: [warning]).isEmpty)
        let elsewhere = Diagnostic.warning("footnote [^a] is never referenced", at: SourceLocation(file: "Content/en/02-y.md", line: 6))
        #expect(ProseWords.missing(words, page: page, file: file, diagnostics: [elsewhere]).count == 4)
    }

    /// The fuzz targets are seeded with every chapter in the repository: each keeps the chapter
    /// pipeline's properties, the prose property among them.
    @Test func repositoryChaptersKeepThePipelineProperties() throws {
        let pipeline = try FuzzTarget.chapterPipeline.makeHarness(repository: FixtureProject.repository)
        let folders = ["Content/en", "Content/fr", "Content/ru", "Tests/Fixtures/six-languages/Content/en"]
        var chapters = 0
        for folder in folders {
            let url = FixtureProject.repository.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() where name.hasSuffix(".md") {
                let violations = pipeline.violations(for: try Data(contentsOf: url.appendingPathComponent(name)))
                #expect(violations.isEmpty, "\(folder)/\(name): \(violations)")
                chapters += 1
            }
        }
        #expect(chapters >= 12)
    }

    /// A valid chapter and a valid kpi block break no property.
    @Test func validInputsBreakNothing() throws {
        let pipeline = try FuzzTarget.chapterPipeline.makeHarness(repository: FixtureProject.repository)
        #expect(pipeline.violations(for: Data("---\ntitle: Connectivity\nstage: first-draft\n---\n\n## Digital connectivity\n\nText.\n".utf8)).isEmpty)
        let kpi = try FuzzTarget.kpiBlock.makeHarness(repository: FixtureProject.repository)
        #expect(kpi.violations(for: Data("kpi: \"EC: ICT: ICT: 1C\"\ndata:\n  - {city: Karmøy, year: 2020, value: 97}\n".utf8)).isEmpty)
    }
}

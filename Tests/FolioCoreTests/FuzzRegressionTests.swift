import Foundation
import Testing
import FolioFuzzing

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

    /// A valid chapter and a valid kpi block break no property.
    @Test func validInputsBreakNothing() throws {
        let pipeline = try FuzzTarget.chapterPipeline.makeHarness(repository: FixtureProject.repository)
        #expect(pipeline.violations(for: Data("---\ntitle: Connectivity\nstage: first-draft\n---\n\n## Digital connectivity\n\nText.\n".utf8)).isEmpty)
        let kpi = try FuzzTarget.kpiBlock.makeHarness(repository: FixtureProject.repository)
        #expect(kpi.violations(for: Data("kpi: \"EC: ICT: ICT: 1C\"\ndata:\n  - {city: Karmøy, year: 2020, value: 97}\n".utf8)).isEmpty)
    }
}

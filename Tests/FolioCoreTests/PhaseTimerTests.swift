import Foundation
import Testing
@testable import FolioCore

/// `FOLIO_TIMINGS`: phases are measured only when asked, and then every phase is there.
@Suite struct PhaseTimerTests {
    @Test func aBuildMeasuresNothingUnlessAsked() throws {
        let project = try FixtureProject()
        defer { project.cleanUp() }
        #expect(project.build().timings.isEmpty)
        #expect(project.check().timings.isEmpty)
    }

    @Test func aTimedBuildReportsEveryPhase() throws {
        let project = try FixtureProject()
        defer { project.cleanUp() }
        let result = SiteBuilder.build(SiteBuilder.Options(project: project.root, timings: true))
        #expect(result.errors.isEmpty)
        #expect(result.timings.map(\.name).sorted() == ["check", "citations", "commit", "load", "parse", "render", "total", "write"])
        #expect(result.timings.filter(\.summed).map(\.name).sorted() == ["parse", "write"])
        #expect(result.timings.allSatisfy { $0.seconds >= 0 })
        let text = PhaseTimer.format(result.timings)
        #expect(text.split(separator: "\n").count == 8)
        #expect(text.contains("timing: parse ") && text.contains("s (summed over threads)"))
    }
}

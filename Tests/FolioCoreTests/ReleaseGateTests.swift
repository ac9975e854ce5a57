import Foundation
import Testing
@testable import FolioCore

/// `folio build --release`: every rule of the gate (the README's list) refuses the release with its
/// blocker at its place, and a publication that meets them all is released.
@Suite struct ReleaseGateTests {
    /// Front matter: `stage` on line 3, the two reviews on lines 5 and 6, the body from line 8.
    static func chapter(outcome: String? = "approved", body: String = "## Text\n\nBody of the chapter.\n") -> String {
        let suffix = outcome.map { ", outcome: \($0)" } ?? ""
        return TimelineTests.chapter(stage: "production", reviews: [
            "{stage: unece-review, by: Unit, date: 2020-03-01, outcome: approved}",
            "{stage: expert-review, by: Group, date: 2020-05-20\(suffix)}",
        ], body: body)
    }

    /// Both chapters in English and French, every review with its outcome, the French marked current.
    private func approved(_ changes: [String: String] = [:]) throws -> FixtureProject {
        var files = FixtureProject.basicFiles
        files["Content/publication.yml"] = TimelineTests.publication
        for path in ["en/01-introduction.md", "en/02-governance.md", "fr/01-introduction.md", "fr/02-governance.md"] {
            files["Content/\(path)"] = Self.chapter()
        }
        let project = try FixtureProject(files: files)
        #expect(TranslationMarker.mark(project: project.root, files: [], allLanguage: "fr").succeeded)
        for (path, text) in changes { try project.write(path, text) }
        return project
    }

    private func release(_ project: FixtureProject) -> SiteBuilder.Result {
        SiteBuilder.build(SiteBuilder.Options(project: project.root, release: true, pdf: .skip))
    }

    private func expectBlocker(_ result: SiteBuilder.Result, _ text: String, file: String, line: Int,
                               sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(!result.succeeded, sourceLocation: sourceLocation)
        let blockers = result.errors.filter { $0.message.contains(text) }
        #expect(blockers.count == 1, "expected one blocker '\(text)' in \(result.errors.map(\.message))", sourceLocation: sourceLocation)
        #expect(blockers.first?.location?.file == file, sourceLocation: sourceLocation)
        #expect(blockers.first?.location?.line == line, sourceLocation: sourceLocation)
    }

    @Test func approvedPublicationIsReleased() throws {
        let project = try approved()
        defer { project.cleanUp() }
        let result = release(project)
        #expect(result.succeeded, "\(result.errors)")
    }

    /// The case: a copy of an approved publication with one stale French chapter.
    @Test func staleTranslationIsListedWithItsFileAndChangedSections() throws {
        let project = try approved(["Content/en/01-introduction.md": Self.chapter(body: "## Text\n\nBody of the revised chapter.\n")])
        defer { project.cleanUp() }
        let result = release(project)
        expectBlocker(result, "release blocked: Content/fr/01-introduction.md is stale: since it was marked, “Text” changed in Content/en/01-introduction.md (6 words); revise it and run `folio translations mark fr/01-introduction.md`",
                      file: "Content/fr/01-introduction.md", line: 1)
        #expect(!result.errors.contains { $0.message.contains("fr/02-governance.md") }, "the current translation is no blocker")
        #expect(check(project).succeeded, "a stale translation is no error in a draft")
    }

    /// One rule of the gate: the change to an approved publication that breaks it, and the blocker.
    struct Rule: Sendable, CustomTestStringConvertible {
        var name: String
        var changes: [String: String]
        var blocker: String
        var file: String
        var line: Int
        var testDescription: String { name }
    }

    static let rules: [Rule] = [
        Rule(name: "a passed review without an outcome",
             changes: ["Content/en/02-governance.md": chapter(outcome: nil)],
             blocker: "release blocked: `02-governance`'s review 'expert-review' by Group records no outcome: add `outcome:`",
             file: "Content/en/02-governance.md", line: 6),
        Rule(name: "a chapter before the release stage",
             changes: ["Content/en/02-governance.md": TimelineTests.chapter(stage: "final-draft", reviews: [
                 "{stage: unece-review, by: Unit, date: 2020-03-01, outcome: approved}",
                 "{stage: expert-review, by: Group, date: 2020-05-20, outcome: approved}",
             ])],
             blocker: "release blocked: `02-governance` is at final-draft; the public edition needs 'production' or later",
             file: "Content/en/02-governance.md", line: 3),
        Rule(name: "a reviewer's mark left in a translation",
             changes: ["Content/fr/02-governance.md": chapter(body: "## Text\n\nBody {>>check this<<} of the chapter.\n")],
             blocker: "release blocked: 1 reviewer edit or comment (CriticMarkup) still in the chapter",
             file: "Content/fr/02-governance.md", line: 10),
        Rule(name: "a kpi block without a source",
             changes: ["Content/kpis.yml": KPITests.catalogue,
                       "Content/en/02-governance.md": chapter(body: "## Access\n\nText.\n\n```kpi\n"
                           + KPITests.goodBlock.replacingOccurrences(of: "source: U4SSC verification reports\n", with: "") + "```\n")],
             blocker: "release blocked: kpi block 'EC: ICT: ICT: 1C' names no source: add `source:`",
             file: "Content/en/02-governance.md", line: 12),
        // A warning in drafts (checked below), a blocker in the release.
        Rule(name: "a link to an anchor that is not on its page",
             changes: ["Content/fr/02-governance.md": chapter(body: "## Text\n\nSee [the introduction](01-introduction.md#nowhere).\n")],
             blocker: "no anchor '#nowhere' on the page of Content/fr/01-introduction.md",
             file: "Content/fr/02-governance.md", line: 10),
    ]

    @Test(arguments: rules)
    func eachRuleBlocksTheRelease(_ rule: Rule) throws {
        let project = try approved(rule.changes)
        defer { project.cleanUp() }
        expectBlocker(release(project), rule.blocker, file: rule.file, line: rule.line)
        #expect(!check(project).errors.contains { $0.message.contains(rule.blocker) }, "no error in a draft")
    }

    @Test func missingTranslationIsABlocker() throws {
        let project = try approved()
        defer { project.cleanUp() }
        try project.remove("Content/fr/02-governance.md")
        expectBlocker(release(project), "release blocked: French is incomplete: 1 chapter not translated (02-governance)",
                      file: "Content/fr", line: 1)
    }

    private func check(_ project: FixtureProject) -> SiteBuilder.Result {
        SiteBuilder.check(SiteBuilder.Options(project: project.root, pdf: .skip))
    }
}

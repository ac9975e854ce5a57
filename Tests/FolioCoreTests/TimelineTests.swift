import Foundation
import Testing
@testable import FolioCore

/// The review timeline: every finding with its message, file and line, and the as-of arithmetic.
@Suite struct TimelineTests {
    static let publication = """
    title: {en: Cities, fr: Villes}
    source-language: en
    languages: [en, fr]
    stages:
      - {id: outline, due: 2019-11-15}
      - {id: first-draft, due: 2020-01-31}
      - {id: unece-review, starts: 2020-02-01, due: 2020-03-31, review: true}
      - {id: second-draft, due: 2020-04-30}
      - {id: expert-review, starts: 2020-05-01, due: 2020-05-31, review: true}
      - {id: final-draft, due: 2020-06-30}
      - {id: production, starts: 2020-09-01, due: 2020-12-31, translations: true}
      - {id: published, due: 2021-04-21}
    """

    /// A chapter file whose front matter has `stage` on line 3 and reviews from line 5.
    static func chapter(stage: String, reviews: [String] = [], body: String = "## Text\n\nBody.\n") -> String {
        "---\ntitle: Chapter\nstage: \(stage)\nreviews:\n" + reviews.map { "  - \($0)\n" }.joined() + "---\n" + body
    }

    private func fixture(_ intro: String, governance: String = chapter(stage: "production", reviews: [
        "{stage: unece-review, by: Unit, date: 2020-03-01}", "{stage: expert-review, by: Group, date: 2020-05-05}",
    ]), french: Bool = false) throws -> FixtureProject {
        var files = FixtureProject.basicFiles
        files["Content/publication.yml"] = Self.publication
        files["Content/en/01-introduction.md"] = intro
        files["Content/en/02-governance.md"] = governance
        if !french { files.removeValue(forKey: "Content/fr/01-introduction.md") }
        return try FixtureProject(files: files)
    }

    private func check(_ project: FixtureProject, asOf: String, strict: Bool = false) throws -> SiteBuilder.Result {
        guard let date = CalendarDate(iso: asOf) else { throw CocoaError(.formatting) }
        return SiteBuilder.check(SiteBuilder.Options(project: project.root, asOf: date, strict: strict))
    }

    @Test func behindScheduleIsAWarningWithTheDaysLate() throws {
        let project = try fixture(Self.chapter(stage: "first-draft"))
        defer { project.cleanUp() }
        let result = try check(project, asOf: "2020-05-10")
        let finding = try #require(result.diagnostic(containing: "is at first-draft"))
        #expect(finding.message == "`01-introduction` is at first-draft; second-draft was due 2020-04-30, 10 days ago")
        #expect(finding.severity == .warning)
        #expect(finding.location == SourceLocation(file: "Content/en/01-introduction.md", line: 3, column: 8))
        #expect(result.succeeded)
    }

    @Test func strictMakesLatenessAnError() throws {
        let project = try fixture(Self.chapter(stage: "first-draft"))
        defer { project.cleanUp() }
        let result = try check(project, asOf: "2020-05-10", strict: true)
        #expect(result.diagnostic(containing: "second-draft was due 2020-04-30")?.severity == .error)
        #expect(!result.succeeded)
    }

    @Test func asOfArithmeticAtStageBoundaries() throws {
        let project = try fixture(Self.chapter(stage: "first-draft"))
        defer { project.cleanUp() }
        // The day before first-draft's successor is due (unece-review, 2020-03-31): on time.
        #expect(try check(project, asOf: "2020-03-30").diagnostic(containing: "was due") == nil)
        // On the due date itself the stage is due.
        #expect(try check(project, asOf: "2020-03-31").diagnostic(containing: "was due")?.message
                == "`01-introduction` is at first-draft; unece-review was due 2020-03-31, today")
        #expect(try check(project, asOf: "2020-04-01").diagnostic(containing: "was due")?.message
                == "`01-introduction` is at first-draft; unece-review was due 2020-03-31, 1 day ago")
        // Reaching the stage that is due means on time.
        let onTime = try fixture(Self.chapter(stage: "second-draft", reviews: ["{stage: unece-review, by: U, date: 2020-03-20}"]))
        defer { onTime.cleanUp() }
        #expect(try check(onTime, asOf: "2020-04-30").diagnostic(containing: "was due") == nil)
    }

    @Test func skippedReviewIsAnError() throws {
        let project = try fixture(Self.chapter(stage: "second-draft"))
        defer { project.cleanUp() }
        let result = try check(project, asOf: "2020-04-10")
        let finding = try #require(result.diagnostic(containing: "skipped the review 'unece-review'"))
        #expect(finding.severity == .error)
        #expect(finding.location?.line == 3)
    }

    @Test func reviewDatedInTheFuture() throws {
        let project = try fixture(Self.chapter(stage: "second-draft", reviews: ["{stage: unece-review, by: U, date: 2020-06-01}"]))
        defer { project.cleanUp() }
        let finding = try #require(try check(project, asOf: "2020-05-10").diagnostic(containing: "in the future"))
        #expect(finding.message == "review of 'unece-review' is dated 2020-06-01, in the future (as of 2020-05-10)")
        #expect(finding.location?.line == 5)
        #expect(finding.severity == .error)
    }

    @Test func reviewOfANonReviewStage() throws {
        let project = try fixture(Self.chapter(stage: "second-draft", reviews: [
            "{stage: unece-review, by: U, date: 2020-03-20}", "{stage: first-draft, by: U, date: 2020-03-21}",
        ]))
        defer { project.cleanUp() }
        let finding = try #require(try check(project, asOf: "2020-05-10").diagnostic(containing: "is not a review stage"))
        #expect(finding.location?.line == 6)
        #expect(finding.severity == .error)
    }

    @Test func reviewOfAStageNotReached() throws {
        let project = try fixture(Self.chapter(stage: "second-draft", reviews: [
            "{stage: unece-review, by: U, date: 2020-03-20}", "{stage: expert-review, by: G, date: 2020-05-05}",
        ]))
        defer { project.cleanUp() }
        let finding = try #require(try check(project, asOf: "2020-05-10").diagnostic(containing: "a stage the chapter has not reached"))
        #expect(finding.message == "review of 'expert-review', a stage the chapter has not reached (it is at second-draft)")
        #expect(finding.location?.line == 6)
    }

    @Test func reviewDatesOutOfOrder() throws {
        let project = try fixture(Self.chapter(stage: "final-draft", reviews: [
            "{stage: unece-review, by: U, date: 2020-03-20}", "{stage: expert-review, by: G, date: 2020-03-01}",
        ]))
        defer { project.cleanUp() }
        let finding = try #require(try check(project, asOf: "2020-06-10").diagnostic(containing: "dates out of order"))
        #expect(finding.location?.line == 6)
        #expect(finding.severity == .error)
    }

    @Test func unknownStageSuggestsTheClosest() throws {
        let project = try fixture(Self.chapter(stage: "frist-draft"))
        defer { project.cleanUp() }
        let finding = try #require(try check(project, asOf: "2020-05-10").diagnostic(containing: "unknown stage 'frist-draft'"))
        #expect(finding.message.contains("did you mean 'first-draft'?"))
        #expect(finding.location == SourceLocation(file: "Content/en/01-introduction.md", line: 3, column: 8))
    }

    @Test func translationStartedBeforeTheTranslationStageWarns() throws {
        let project = try fixture(Self.chapter(stage: "second-draft", reviews: ["{stage: unece-review, by: U, date: 2020-03-20}"]),
                                  french: true)
        defer { project.cleanUp() }
        let finding = try #require(try check(project, asOf: "2020-05-10").diagnostic(containing: "rework risk"))
        #expect(finding.severity == .warning)
        #expect(finding.location?.file == "Content/fr/01-introduction.md")
        #expect(finding.related.first?.file == "Content/en/01-introduction.md")
    }

    @Test func draftPagesShowTheStageAndAreNotIndexed() throws {
        let project = try fixture(Self.chapter(stage: "second-draft", reviews: ["{stage: unece-review, by: U, date: 2020-03-20}"]))
        defer { project.cleanUp() }
        try project.write("Content/publication.yml", Self.publication + "\nstatus-date: 2020-05-10\n")
        #expect(project.build().succeeded)
        let page = try project.page("en/introduction/index.html")
        #expect(try page.value("//div[@class='draft-banner']/strong") == "Draft — not for citation")
        #expect(try page.value("//div[@class='draft-banner']/span[@class='draft-stage']") == "Stage: second-draft")
        #expect(try page.value("//div[@class='draft-banner']/span[@class='draft-due']") == "(due 30 April 2020)")
        #expect(try page.value("//meta[@name='robots']/@content") == "noindex")
        let french = try project.page("fr/introduction/index.html")
        #expect(try french.value("//div[@class='draft-banner']/strong") == "Projet — ne pas citer")
        #expect(try french.value("//div[@class='draft-banner']/span[@class='draft-due']") == "(échéance le 30 avril 2020)")
        // The home lists each chapter's stage.
        #expect(try project.page("en/index.html").values("//span[contains(@class,'badge-stage')]") == ["second-draft", "production"])
    }

    @Test func dashboardShowsStagesLatenessReviewsAndTranslations() throws {
        let project = try fixture(Self.chapter(stage: "first-draft", body: "Text {++added++} and {>>a note<<}.\n"))
        defer { project.cleanUp() }
        try project.write("Content/publication.yml", Self.publication + "\nstatus-date: 2020-05-10\n")
        #expect(project.build().succeeded)
        let page = try project.page("status/index.html")
        #expect(try page.value("//p[@class='status-as-of']") == "As of 10 May 2020")
        #expect(try page.count("//*[local-name()='svg' and @class='timeline-chart']//*[local-name()='rect']") == 8)
        let rows = try page.nodes("//table[@class='status-table']/tbody/tr")
        #expect(rows.count == 2)
        #expect(try page.value("//table[@class='status-table']/tbody/tr[1]/@class") == "status-late status-behind")
        #expect(try page.value("//table[@class='status-table']/tbody/tr[1]/td[3]") == "40 days late")
        #expect(try page.value("//table[@class='status-table']/tbody/tr[1]/td[5]") == "2")
        #expect(try page.values("//table[@class='status-matrix']/tbody/tr[1]/td/@class") == ["translation-source", "translation-missing"])
        #expect(try project.page("en/index.html").value("//a[contains(@href,'status/index.html')]") == "Review status")
    }

    @Test func releaseBuildListsEveryBlockerAndLeavesPublicUntouched() throws {
        let project = try fixture(Self.chapter(stage: "second-draft", reviews: ["{stage: unece-review, by: U, date: 2020-03-20}"],
                                               body: "Text {--old--} here.\n\n```kpi\nkpi: x\n```\n"))
        defer { project.cleanUp() }
        let draft = project.build()
        #expect(!draft.succeeded) // the kpi block has no catalogue: fix it and keep the rest
        try project.write("Content/en/01-introduction.md", Self.chapter(stage: "second-draft", reviews: [
            "{stage: unece-review, by: U, date: 2020-03-20}"], body: "Text {--old--} here.\n"))
        #expect(project.build().succeeded)
        let before = try project.read("en/introduction/index.html")
        let release = SiteBuilder.build(SiteBuilder.Options(project: project.root, release: true))
        #expect(!release.succeeded)
        let blockers = release.errors.map(\.message)
        #expect(blockers.contains { $0.contains("`01-introduction` is at second-draft; the public edition needs 'production'") })
        #expect(blockers.contains { $0.contains("1 reviewer edit or comment (CriticMarkup) still in the chapter") })
        #expect(blockers.contains { $0.contains("French is incomplete: 2 chapters not translated (01-introduction, 02-governance)") })
        #expect(try project.read("en/introduction/index.html") == before)
    }

    @Test func releaseBuildOfAnApprovedPublicationHasNoDraftMarks() throws {
        let approved = Self.chapter(stage: "production", reviews: [
            "{stage: unece-review, by: U, date: 2020-03-01, outcome: approved}", "{stage: expert-review, by: G, date: 2020-05-20, outcome: approved}",
        ])
        var files = FixtureProject.basicFiles
        files["Content/publication.yml"] = Self.publication
        files["Content/en/01-introduction.md"] = approved
        files["Content/en/02-governance.md"] = approved
        files["Content/fr/01-introduction.md"] = approved
        files["Content/fr/02-governance.md"] = approved
        let project = try FixtureProject(files: files)
        defer { project.cleanUp() }
        let result = SiteBuilder.build(SiteBuilder.Options(project: project.root, release: true))
        #expect(result.succeeded, "\(result.errors)")
        let page = try project.page("en/introduction/index.html")
        #expect(try page.count("//div[@class='draft-banner']") == 0)
        #expect(try page.count("//meta[@name='robots']") == 0)
        #expect(!project.exists("status/index.html"))
    }
}

@Suite struct CriticMarkupTests {
    @Test func encodesSpansAndRestoresTheOriginalText() {
        let text = "A {++new++} and {--old--}, {~~this~>that~~}, {==look==}{>>why?<<}.\nNext {++line++}."
        let (encoded, marks) = CriticMarkup.encode(text)
        #expect(!encoded.contains("{++"))
        #expect(marks.map(\.kind) == ["insertion", "deletion", "substitution", "highlight", "comment", "insertion"])
        #expect(marks.map(\.line) == [1, 1, 1, 1, 1, 2])
        #expect(CriticMarkup.decode(encoded) == text)
        #expect(CriticMarkup.accepted(encoded) == "A new and , that, look.\nNext line.")
    }

    @Test func leavesUnclosedOrParagraphCrossingSpansAlone() {
        #expect(CriticMarkup.encode("An {++open insert").marks.isEmpty)
        #expect(CriticMarkup.encode("{++across\n\nparagraphs++}").marks.isEmpty)
        #expect(CriticMarkup.encode("no braces at all").text == "no braces at all")
    }

    /// A reviewer adding an Arabic vowel sign: the span's text starts with a combining mark, which a
    /// scan by Characters glued to the delimiter (found by fuzzing the CriticMarkup pass).
    @Test func spansStartingWithACombiningMark() throws {
        let text = "كت{++\u{064E}++}ب and e{--\u{0301}--}"
        let (encoded, marks) = CriticMarkup.encode(text)
        #expect(marks.map(\.kind) == ["insertion", "deletion"])
        #expect(CriticMarkup.decode(encoded) == text)
        #expect(CriticMarkup.accepted(encoded) == "كت\u{064E}ب and e")
        var files = FixtureProject.basicFiles
        files["Content/en/02-governance.md"] = "---\ntitle: Governance\n---\nكت{++\u{064E}++}ب\n"
        let project = try FixtureProject(files: files)
        defer { project.cleanUp() }
        #expect(project.build().succeeded)
        let page = try project.page("en/governance/index.html")
        #expect(try page.value("//div[contains(@class,'chapter-body')]/p[1]/ins") == "\u{064E}")
        #expect(try !project.read("en/governance/index.html").unicodeScalars.contains { (0xE100...0xE10A).contains($0.value) })
    }

    @Test func rendersEditsAndNeverTouchesCode() throws {
        var files = FixtureProject.basicFiles
        files["Content/en/02-governance.md"] = """
        ---
        title: Governance
        ---
        Cities {++*really*++} {~~must~>should~~} act, ~~not~~ {--wait--}.{>>Cite a source.<<}

        Inline `{++code++}` stays.

        ```
        {~~a~>b~~}
        ```
        """
        let project = try FixtureProject(files: files)
        defer { project.cleanUp() }
        #expect(project.build().succeeded)
        let page = try project.page("en/governance/index.html")
        #expect(try page.value("//div[contains(@class,'chapter-body')]/p[1]/ins[1]/em") == "really")
        #expect(try page.values("//div[contains(@class,'chapter-body')]/p[1]/del[@class='review-delete']") == ["must", "wait"])
        #expect(try page.value("//div[contains(@class,'chapter-body')]/p[1]/ins[2]") == "should")
        #expect(try page.value("//div[contains(@class,'chapter-body')]/p[1]/del[not(@class)]") == "not")
        #expect(try page.value("//span[@class='review-comment']")?.hasSuffix("Cite a source.") == true)
        #expect(try page.value("//div[contains(@class,'chapter-body')]/p[2]/code") == "{++code++}")
        #expect(try page.value("//pre/code") == "{~~a~>b~~}")
    }
}

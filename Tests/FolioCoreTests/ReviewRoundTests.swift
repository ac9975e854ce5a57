import Foundation
import Testing
@testable import FolioCore

/// Review rounds end to end, in a temporary git repository: a chapter's version read by a review, the
/// redline (`folio diff`, the changes page), attributed comments, accept and reject, and every error.
@Suite struct ReviewRoundTests {
    static let publication = """
    title: {en: Cities Report}
    source-language: en
    languages: [en]
    status-date: 2020-05-10
    stages:
      - {id: first-draft, due: 2020-01-31}
      - {id: unece-review, name: {en: UNECE review}, starts: 2020-02-01, due: 2020-03-31, review: true}
      - {id: second-draft, due: 2020-04-30}
      - {id: production, due: 2020-12-31, translations: true}
      - {id: published, due: 2021-04-21}
    """

    static let oldBody = """
    ## Open data

    Open data helps researchers hold authorities to account.

    - Stavanger publishes open data sets
    - Asker runs participatory budgeting

    ## Multilevel governance

    Cities act within national frameworks for planning.

    ```kpi
    kpi: "EC: ICT: PS: 3A"
    title: Public sector e-procurement
    unit: Percentage
    chart: table
    source: U4SSC Verification Report, Stavanger, Norway (February 2021), p. 17
    data:
      - {city: Stavanger, year: 2021, value: 80.5}
    ```

    """

    static let newBody = """
    ## Multilevel governance

    Cities act within national frameworks for spatial planning.

    ```kpi
    kpi: "EC: ICT: PS: 3A"
    title: Public sector e-procurement
    unit: Percentage
    chart: table
    source: U4SSC Verification Report, Stavanger, Norway (February 2021), p. 17
    data:
      - {city: Stavanger, year: 2021, value: 81.79}
    ```

    ## Open data and transparency

    Open data helps researchers and firms hold authorities to account.

    - Stavanger publishes 268 open data sets
    - Asker runs participatory budgeting

    """

    static func chapter(stage: String, reviews: [String] = [], body: String) -> String {
        "---\ntitle: Governance\nstage: \(stage)\n" + (reviews.isEmpty ? "" : "reviews:\n" + reviews.map { "  - \($0)\n" }.joined())
            + "---\n" + body
    }

    /// A repository with the chapter as reviewed (commit 1), then revised with the review recorded (commit 2).
    struct Round {
        let project: FixtureProject
        let reviewed: String

        init(recordVersion: Bool = true) throws {
            project = try FixtureProject(files: ["Content/publication.yml": ReviewRoundTests.publication,
                                                 "Content/en/01-governance.md": ReviewRoundTests.chapter(stage: "first-draft", body: ReviewRoundTests.oldBody)])
            try git(["init", "-q"], in: project.root)
            try commit("first draft", in: project.root)
            reviewed = try git(["rev-parse", "HEAD"], in: project.root).trimmingCharacters(in: .whitespacesAndNewlines)
            let version = recordVersion ? ", version: \(reviewed)" : ""
            try project.write("Content/en/01-governance.md", ReviewRoundTests.chapter(
                stage: "second-draft", reviews: ["{stage: unece-review, by: \"UNECE ECTD\", date: 2020-03-18, outcome: approved\(version)}"],
                body: ReviewRoundTests.newBody))
            try commit("second draft", in: project.root)
        }
    }

    @discardableResult
    static func git(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = folder
        var variables = ProcessInfo.processInfo.environment
        variables.merge(environment) { $1 }
        process.environment = variables
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "git \(arguments.joined(separator: " "))")
        return String(decoding: data, as: UTF8.self)
    }

    static func commit(_ message: String, in folder: URL, date: String = "2020-02-01T10:00:00Z") throws {
        try git(["add", "-A"], in: folder)
        try git(["-c", "user.email=t@example.org", "-c", "user.name=T", "commit", "-qm", message], in: folder,
                environment: ["GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date])
    }

    // MARK: - folio diff

    @Test func diffAlignsBlocksThenWords() throws {
        let round = try Round()
        defer { round.project.cleanUp() }
        let report = try RedlineReport.make(project: round.project.root, file: "en/01-governance.md", since: .latestReview).get()
        #expect(report.base.commit == round.reviewed)
        let diff = report.diff
        #expect(diff.fields.map(\.field) == ["stage"])
        #expect(diff.fields.first?.old == "first-draft" && diff.fields.first?.new == "second-draft")
        #expect(diff.kpis == [ChapterDiff.KPIChange(code: "EC: ICT: PS: 3A", city: "Stavanger", year: 2021, old: "80.5", new: "81.79", line: 11)])
        let text = report.text()
        #expect(text.contains("since unece-review (UNECE ECTD, 2020-03-18)"))
        #expect(text.contains("section “Open data” renamed “Open data and transparency”"))
        #expect(text.contains("list item moved from line 10"))
        #expect(text.contains("Cities act within national frameworks for {+spatial+} planning."))
        #expect(text.contains("Open data helps researchers {+and firms+} hold authorities to account."))
        #expect(text.contains("Stavanger publishes {+268+} open data sets"))
        #expect(text.contains("KPI EC: ICT: PS: 3A, Stavanger 2021: 80.5 → 81.79"))
        // The same from the command's JSON.
        let json = try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any]
        let blocks = try #require(json?["blocks"] as? [[String: Any]])
        #expect(blocks.contains { $0["change"] as? String == "renamed" && $0["text"] as? String == "Open data and transparency" })
        #expect(blocks.contains { $0["change"] as? String == "moved" && $0["kind"] as? String == "list-item" && $0["oldLine"] as? Int == 10 })
        // Since a revision, and since a stage: the same base here.
        let byRevision = try RedlineReport.make(project: round.project.root, file: "Content/en/01-governance.md",
                                                since: .revision("HEAD~1")).get()
        #expect(byRevision.base.commit == round.reviewed)
        #expect(try RedlineReport.make(project: round.project.root, file: "en/01-governance.md",
                                       since: .review(stage: "unece-review")).get().base.commit == round.reviewed)
    }

    @Test func aReviewWithoutVersionReadTheLastCommitBeforeItsDate() throws {
        let round = try Round(recordVersion: false)
        defer { round.project.cleanUp() }
        // Commit 1 is dated 2020-02-01 and commit 2 too: both precede the review (2020-03-18), so the last wins.
        let report = try RedlineReport.make(project: round.project.root, file: "en/01-governance.md", since: .latestReview).get()
        #expect(report.base.commit != round.reviewed)
        #expect(report.diff.isEmpty)
    }

    @Test func theChangesPageMarksExactlyTheChangedWords() throws {
        let round = try Round()
        defer { round.project.cleanUp() }
        let result = round.project.build()
        #expect(result.succeeded, "\(result.errors)")
        let page = try round.project.page("en/governance/changes/index.html")
        #expect(try page.value("//h1") == "Changes since UNECE review (UNECE ECTD, 18 March 2020)")
        #expect(try page.values("//section[contains(@class,'redline')]//ins") == ["spatial", "81.79", "and transparency", "and firms", "268"])
        #expect(try page.values("//section[contains(@class,'redline')]//del") == ["80.5"])
        #expect(try page.value("//section[contains(@class,'redline')]/h2[@class='redline-renamed']") == "Renamed: Open data and transparency")
        #expect(try page.value("//p[contains(@class,'redline-changed')][ins='and firms']") == "Open data helps researchers and firms hold authorities to account.")
        #expect(try page.value("//p[@class='changes-summary']") == "7 words inserted, 1 word deleted, in 6 blocks")
        #expect(try page.values("//ul[@class='redline-kpis']/li/del") == ["80.5"])
        #expect(try page.values("//ul[@class='redline-kpis']/li/ins") == ["81.79"])
        #expect(try page.count("//section[contains(@class,'changes-legend')]//ins") == 1)
        // Linked from the chapter and the dashboard; never in the release.
        #expect(try round.project.page("en/governance/index.html").value("//p[@class='changes-link']/a/@href") == "changes/index.html")
        #expect(try round.project.page("status/index.html").value("//a[@class='status-changes']/@href") == "../en/governance/changes/index.html")
    }

    @Test func theReleaseHasNoChangesPages() throws {
        let round = try Round()
        defer { round.project.cleanUp() }
        try round.project.write("Content/en/01-governance.md", Self.chapter(
            stage: "production", reviews: ["{stage: unece-review, by: \"UNECE ECTD\", date: 2020-03-18, outcome: approved, version: \(round.reviewed)}"],
            body: Self.newBody))
        let release = round.project.build(release: true)
        #expect(release.succeeded, "\(release.errors)")
        #expect(!round.project.exists("en/governance/changes/index.html"))
        #expect(round.project.exists("en/governance/index.html"))
    }

    // MARK: - Accept and reject

    /// A chapter whose marks, all accepted, give `new` and, all rejected, give `old`.
    static let marked = "Cities act {~~within~>under~~} national frameworks{++ for spatial planning++}.{>>FLHD 2020-03-27: Cite the law.<<}{>>Secretariat 2020-04-02: Done.<<}\n\nOpen data {--really --}helps {==researchers==}{>>ECTD 2020-03-18: And firms?<<}.\n\n```\nCode {++stays++} as written.\n```\n"
    static let accepted = "Cities act under national frameworks for spatial planning.\n\nOpen data helps researchers.\n\n```\nCode {++stays++} as written.\n```\n"
    static let rejected = "Cities act within national frameworks.\n\nOpen data really helps researchers.\n\n```\nCode {++stays++} as written.\n```\n"

    @Test(arguments: [(false, false), (true, false), (true, true)])
    func acceptingAllGivesTheNewTextAndRejectingTheOld(crlf: Bool, bom: Bool) throws {
        func file(_ body: String) -> Data {
            var text = Self.chapter(stage: "second-draft", body: body)
            if crlf { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
            return (bom ? Data([0xEF, 0xBB, 0xBF]) : Data()) + Data(text.utf8)
        }
        for (decision, expected) in [(ReviewResolver.Decision.accept, Self.accepted), (.reject, Self.rejected)] {
            let project = try FixtureProject(files: ["Content/publication.yml": Self.publication])
            defer { project.cleanUp() }
            try project.write("Content/en/01-governance.md", file(Self.marked))
            let outcome = ReviewResolver.resolve(project: project.root, files: ["en/01-governance.md"], decision: decision, selection: .all)
            #expect(outcome.succeeded, "\(outcome.diagnostics)")
            let written = try Data(contentsOf: project.root.appendingPathComponent("Content/en/01-governance.md"))
            #expect(written == file(expected), "\(decision) crlf=\(crlf) bom=\(bom)")
            let verb = decision == .accept ? "accepted" : "rejected"
            #expect(outcome.report.contains("Content/en/01-governance.md:5:12: \(verb) substitution “within” → “under”"))
            #expect(outcome.report.contains { $0.hasPrefix("Content/en/01-governance.md:5:") && $0.contains("comment by FLHD, 2020-03-27") })
            #expect(outcome.report.count == 7)
        }
    }

    @Test func acceptingByLineOrReviewerTouchesOnlyTheirMarks() throws {
        let project = try FixtureProject(files: ["Content/publication.yml": Self.publication,
                                                 "Content/en/01-governance.md": Self.chapter(stage: "second-draft", body: Self.marked)])
        defer { project.cleanUp() }
        let byReviewer = ReviewResolver.resolve(project: project.root, files: ["en/01-governance.md"], decision: .accept,
                                                selection: .author("ectd"))
        #expect(byReviewer.report == ["Content/en/01-governance.md:7:30: accepted highlight “researchers” (the text stays)",
                                      "Content/en/01-governance.md:7:47: accepted comment by ECTD, 2020-03-18 “ECTD 2020-03-18: And firms?”: resolved"])
        let afterReviewer = try String(contentsOf: project.root.appendingPathComponent("Content/en/01-governance.md"), encoding: .utf8)
        #expect(afterReviewer.contains("Open data {--really --}helps researchers.\n"))
        let byLine = ReviewResolver.resolve(project: project.root, files: ["en/01-governance.md"], decision: .reject, selection: .line(7))
        #expect(byLine.report == ["Content/en/01-governance.md:7:11: rejected deletion “really”"])
        let text = try String(contentsOf: project.root.appendingPathComponent("Content/en/01-governance.md"), encoding: .utf8)
        #expect(text.contains("Open data really helps researchers.\n"))
        #expect(text.contains("{~~within~>under~~}"))
        let nothing = ReviewResolver.resolve(project: project.root, files: ["en/01-governance.md"], decision: .accept, selection: .line(7))
        #expect(nothing.report == ["Content/en/01-governance.md: nothing to accept on line 7"])
    }

    // MARK: - Comments

    @Test func commentsCarryTheirAuthorAndDateEverywhere() throws {
        let project = try FixtureProject(files: ["Content/publication.yml": Self.publication,
                                                 "Content/en/01-governance.md": Self.chapter(stage: "first-draft", body: Self.marked + "\nOld style.{>>Cite a source.<<}\n")])
        defer { project.cleanUp() }
        #expect(project.build().succeeded)
        let page = try project.page("en/governance/index.html")
        #expect(try page.values("//span[contains(@class,'review-comment')]/span[@class='review-comment-by']")
                == ["FLHD, 27 March 2020:", "Secretariat, 2 April 2020:", "ECTD, 18 March 2020:"])
        #expect(try page.values("//span[contains(@class,'review-reply')]/span[@class='review-comment-label']") == ["Reply:"])
        #expect(try page.value("(//span[@class='review-comment'])[last()]") == "Comment: Cite a source.")
        let index = CommentIndex(publication: try #require(ContentLoader.load(project: project.root, diagnostics: DiagnosticCollector())))
        #expect(index.threads.count == 3)
        #expect(index.openCount == 2)
        #expect(index.text().contains("Content/en/01-governance.md:5:79: FLHD, 2020-03-27: Cite the law. [answered]\n  Content/en/01-governance.md:5:115: Secretariat, 2020-04-02: Done. [reply]"))
        #expect(index.filtered(openOnly: true, by: nil).threads.map(\.first.comment.text) == ["And firms?", "Cite a source."])
        #expect(index.filtered(openOnly: false, by: "secretariat").threads.map(\.first.comment.author) == ["FLHD"])
        let dashboard = try project.page("status/index.html")
        #expect(try dashboard.value("//a[contains(@class,'badge-comments')]") == "2")
        let list = try project.page("status/comments/index.html")
        #expect(try list.count("//li[contains(@class,'comment-thread')]") == 3)
        #expect(try list.value("//li[contains(@class,'comment-open')][1]//blockquote/p/strong") == "ECTD")
    }

    @Test func theReleaseGateListsEachComment() throws {
        let project = try FixtureProject(files: ["Content/publication.yml": Self.publication,
                                                 "Content/en/01-governance.md": Self.chapter(stage: "production", reviews: ["{stage: unece-review, by: U, date: 2020-03-01, outcome: approved}"], body: Self.marked)])
        defer { project.cleanUp() }
        let release = project.build(release: true)
        let comments = release.errors.filter { $0.message.contains("comment") && $0.message.contains(" by ") }
        #expect(comments.map(\.message) == [
            "release blocked: comment (answered, not resolved) by FLHD, 2020-03-27: “Cite the law.”; resolve it with `folio review accept` or `reject`",
            "release blocked: open comment by ECTD, 2020-03-18: “And firms?”; resolve it with `folio review accept` or `reject`",
        ])
        #expect(comments.map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0)" } == ["7:79", "9:47"])
    }

    // MARK: - folio review record

    @Test func recordingAReviewAddsOneLineWithTheCommit() throws {
        let project = try FixtureProject(files: ["Content/publication.yml": Self.publication])
        defer { project.cleanUp() }
        let original = "\u{FEFF}---\r\ntitle: Governance\r\nstage: second-draft\r\nreviews:\r\n  - {stage: unece-review, by: A, date: 2020-03-01}\r\n# kept\r\n---\r\nText.\r\n"
        try project.write("Content/en/01-governance.md", Data(original.utf8))
        try Self.git(["init", "-q"], in: project.root)
        try Self.commit("draft", in: project.root)
        let head = try Self.git(["rev-parse", "HEAD"], in: project.root).trimmingCharacters(in: .whitespacesAndNewlines)
        let outcome = ReviewRecorder.record(project: project.root, request: .init(
            files: ["en/01-governance.md"], stage: "unece-review", by: "UNECE \"ECTD\"", date: CalendarDate(iso: "2020-03-18"), outcome: "approved"))
        #expect(outcome.succeeded, "\(outcome.diagnostics)")
        #expect(outcome.recorded == ["Content/en/01-governance.md:6: recorded unece-review by UNECE \"ECTD\", 2020-03-18, version \(head.prefix(12))"])
        let written = try String(decoding: Data(contentsOf: project.root.appendingPathComponent("Content/en/01-governance.md")), as: UTF8.self)
        #expect(written == original.replacingOccurrences(of: "2020-03-01}\r\n", with: "2020-03-01}\r\n  - {stage: unece-review, by: \"UNECE \\\"ECTD\\\"\", date: 2020-03-18, outcome: \"approved\", version: \(head)}\r\n"))
        let publication = try #require(ContentLoader.load(project: project.root, diagnostics: DiagnosticCollector()))
        #expect(publication.sourceChapters.first?.reviews.last?.version == head)
        #expect(publication.sourceChapters.first?.reviews.last?.by == "UNECE \"ECTD\"")
    }

    // MARK: - Errors

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var name: String
        var run: @Sendable (URL) -> [Diagnostic]
        var message: String
        var file: String
        var line: Int
        var column: Int = 1
        var testDescription: String { name }
    }

    static let errorCases: [ErrorCase] = [
        ErrorCase(name: "an unknown revision", run: { diff($0, .revision("no-such-tag")) },
                  message: "unknown revision 'no-such-tag': no commit of this repository has that name", file: "Content/en/01-governance.md", line: 1),
        ErrorCase(name: "an unknown stage to diff since", run: { diff($0, .review(stage: "unece-reveiw")) },
                  message: "--since-review unece-reveiw: unknown stage (did you mean 'unece-review'?)", file: "Content/publication.yml", line: 1),
        ErrorCase(name: "a stage the chapter has no review of", run: { diff($0, .review(stage: "first-draft")) },
                  message: "`01-governance` has no review of 'first-draft' recorded", file: "Content/en/01-governance.md", line: 3, column: 8),
        ErrorCase(name: "an unknown file", run: { project in
            (try? RedlineReport.make(project: project, file: "en/01-governence.md", since: .latestReview).get()).map { _ in [] }
                ?? failure(RedlineReport.make(project: project, file: "en/01-governence.md", since: .latestReview))
        }, message: "no chapter Content/en/01-governence.md: give it as <lang>/NN-slug.md (did you mean 'en/01-governance.md'?)",
                  file: "Content/en/01-governence.md", line: 1),
        ErrorCase(name: "recording an unknown stage", run: { project in
            ReviewRecorder.record(project: project, request: .init(files: ["en/01-governance.md"], stage: "expert", by: "G")).diagnostics
        }, message: "--stage expert: unknown stage", file: "Content/publication.yml", line: 1),
        ErrorCase(name: "recording a stage that is no review", run: { project in
            ReviewRecorder.record(project: project, request: .init(files: ["en/01-governance.md"], stage: "second-draft", by: "G")).diagnostics
        }, message: "--stage second-draft is not a review stage", file: "Content/publication.yml", line: 1),
        ErrorCase(name: "accepting in an unknown file", run: { project in
            ReviewResolver.resolve(project: project, files: ["en/99-none.md"], decision: .accept, selection: .all).diagnostics
        }, message: "no chapter Content/en/99-none.md", file: "Content/en/99-none.md", line: 1),
    ]

    static func diff(_ project: URL, _ since: ReviewBase.Since) -> [Diagnostic] {
        failure(RedlineReport.make(project: project, file: "en/01-governance.md", since: since))
    }

    static func failure(_ result: Result<RedlineReport, DiagnosticList>) -> [Diagnostic] {
        if case .failure(let list) = result { return list.diagnostics }
        return []
    }

    @Test(arguments: errorCases)
    func everyErrorIsADiagnosticAtItsPlace(_ errorCase: ErrorCase) throws {
        let round = try Round()
        defer { round.project.cleanUp() }
        let before = try folderSnapshot(round.project.root.appendingPathComponent("Content"))
        let diagnostics = errorCase.run(round.project.root)
        let error = try #require(diagnostics.first { $0.severity == .error }, "no error for \(errorCase.name)")
        #expect(error.message.contains(errorCase.message), "\(error.message)")
        #expect(error.location?.file == errorCase.file)
        #expect(error.location?.line == errorCase.line)
        #expect(error.location?.column == errorCase.column)
        #expect(try folderSnapshot(round.project.root.appendingPathComponent("Content")) == before, "nothing is written")
    }

    @Test func outsideAGitRepositoryNothingIsWritten() throws {
        let project = try FixtureProject(files: ["Content/publication.yml": Self.publication,
                                                 "Content/en/01-governance.md": Self.chapter(stage: "first-draft", body: "Text.\n")])
        defer { project.cleanUp() }
        let before = try folderSnapshot(project.root.appendingPathComponent("Content"))
        let recorded = ReviewRecorder.record(project: project.root, request: .init(files: ["en/01-governance.md"], stage: "unece-review", by: "G"))
        let error = try #require(recorded.diagnostics.first)
        #expect(error.message == "\(project.root.path) is not in a git repository, and a review records the commit the reviewer read: run `git init` and commit the chapters")
        #expect(error.location == SourceLocation(file: "Content/en/01-governance.md", line: 1, column: 1))
        #expect(try folderSnapshot(project.root.appendingPathComponent("Content")) == before)
        let diff = Self.diff(project.root, .revision("HEAD"))
        #expect(diff.first?.message.contains("is not in a git repository, and `folio diff` reads the chapter's earlier versions from git") == true)
        #expect(diff.first?.location == SourceLocation(file: "Content/en/01-governance.md", line: 1, column: 1))
        // The draft site is built as ever, without changes pages.
        #expect(project.build().succeeded)
        #expect(!project.exists("en/governance/changes/index.html"))
    }

    @Test func aVersionThatIsNoCommitIsAWarningAtTheRecord() throws {
        let round = try Round()
        defer { round.project.cleanUp() }
        try round.project.write("Content/en/01-governance.md", Self.chapter(
            stage: "second-draft", reviews: ["{stage: unece-review, by: U, date: 2020-03-18, version: 0123456789abcdef0123456789abcdef01234567}"],
            body: Self.newBody))
        let result = round.project.build()
        let warning = try #require(result.diagnostic(containing: "is not a commit of this repository"))
        #expect(warning.severity == .warning)
        #expect(warning.location?.line == 5)
        #expect(!round.project.exists("en/governance/changes/index.html"))
    }

    // MARK: - Line numbers

    @Test func draftPDFsNumberTheirLinesAndTheReleaseDoesNot() throws {
        let round = try Round()
        defer { round.project.cleanUp() }
        let draft = round.project.build(pdf: .withSite)
        #expect(draft.succeeded, "\(draft.errors)")
        let pdf = PDFInspection(url: round.project.output.appendingPathComponent("en/cities-report-en.pdf"))
        let lines = try pdf.pages(layout: true).joined().split(separator: "\n")
        #expect(lines.contains { $0.range(of: #"^\s*\d+\s+Cities act within national frameworks for spatial planning\."#, options: .regularExpression) != nil })
        try round.project.write("Content/en/01-governance.md", Self.chapter(
            stage: "production", reviews: ["{stage: unece-review, by: U, date: 2020-03-18, outcome: approved}"], body: Self.newBody))
        let release = round.project.build(pdf: .withSite, release: true)
        #expect(release.succeeded, "\(release.errors)")
        let releaseLines = try pdf.pages(layout: true).joined().split(separator: "\n")
        let body = try #require(releaseLines.first { $0.contains("Cities act within national frameworks for spatial planning.") })
        #expect(body.trimmingCharacters(in: .whitespaces).hasPrefix("Cities act"))
        // Drafts can turn them off.
        try round.project.write("Content/publication.yml", Self.publication + "\nprint-line-numbers: false\n")
        try round.project.write("Content/en/01-governance.md", Self.chapter(stage: "first-draft", body: Self.newBody))
        #expect(round.project.build(pdf: .withSite).succeeded)
        let plain = try pdf.pages(layout: true).joined().split(separator: "\n")
        #expect(try #require(plain.first { $0.contains("Cities act within") }).trimmingCharacters(in: .whitespaces).hasPrefix("Cities act"))
    }
}

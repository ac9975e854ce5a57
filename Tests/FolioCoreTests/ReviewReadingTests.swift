import Foundation
import Testing
@testable import FolioCore

/// What a review round shows reads as the publication does: the changes page compares the two
/// versions' cross-references and citations as the chapter page renders them ("section 1.2", the
/// formatted citation), linked, never their Markdown; a reply to a comment is labelled a reply in print.
@Suite struct ReviewReadingTests {
    static let publication = ReviewRoundTests.publication + """

    bibliography: references.bib
    csl: chicago-author-date
    """

    static let oldBody = """
    ## Definition {#sec-definition}

    A smart sustainable city uses information and communication technologies [@u4ssc-karmoy-2020].

    ## Governance

    As defined in @sec-definition, cities act within national frameworks for planning.

    """

    /// A section added before the definition (which becomes section 1.2), one word added after the
    /// reference, one citation added.
    static let newBody = """
    ## Scope

    The chapter covers the cities of the UNECE region.

    ## Definition {#sec-definition}

    A smart sustainable city uses information and communication technologies [@u4ssc-karmoy-2020].

    ## Governance

    As defined in @sec-definition, cities act within national frameworks for spatial planning [@huovila-2019].

    """

    /// Commit 1 the version reviewed, commit 2 the revision with the review recorded.
    static func round() throws -> FixtureProject {
        let project = try FixtureProject(files: ["Content/publication.yml": publication,
                                                 "Content/references.bib": CitationTests.bibliography,
                                                 "Content/en/01-governance.md": ReviewRoundTests.chapter(stage: "first-draft", body: oldBody)])
        try ReviewRoundTests.git(["init", "-q"], in: project.root)
        try ReviewRoundTests.commit("first draft", in: project.root)
        let reviewed = try ReviewRoundTests.git(["rev-parse", "HEAD"], in: project.root).trimmingCharacters(in: .whitespacesAndNewlines)
        try project.write("Content/en/01-governance.md", ReviewRoundTests.chapter(
            stage: "second-draft", reviews: ["{stage: unece-review, by: \"UNECE ECTD\", date: 2020-03-18, version: \(reviewed)}"],
            body: newBody))
        try ReviewRoundTests.commit("second draft", in: project.root)
        return project
    }

    @Test func theChangesPageComparesReferencesAndCitationsAsReadersSeeThem() throws {
        let project = try Self.round()
        defer { project.cleanUp() }
        let result = project.build()
        #expect(result.succeeded, "\(result.errors)")
        let page = try project.page("en/governance/changes/index.html")
        let redline = "//section[contains(@class,'redline')]"
        // No Markdown syntax anywhere in the redline.
        let text = try #require(try page.value(redline))
        #expect(!text.contains("@sec-definition") && !text.contains("[@") && !text.contains("{#"), "\(text)")
        // The reference renumbered: the old number deleted, the new inserted, each linked to the section.
        let governance = "\(redline)/p[contains(@class,'redline-changed')][contains(.,'As defined in')]"
        #expect(try page.values("\(governance)/del") == ["section 1.1"])
        #expect(try page.values("\(governance)/ins")
                == ["section 1.2", "spatial", "(Huovila, Bosch, and Airaksinen 2019)"])
        #expect(try page.values("\(governance)/ins/a[@class='redline-reference']/@href") == ["../index.html#definition"])
        #expect(try page.values("\(governance)/del/a[@class='redline-reference']/@href") == ["../index.html#definition"])
        #expect(try page.value("\(governance)/ins/a[@class='redline-citation']/@href") == "../../../en/references/index.html#ref-huovila-2019")
        // An unchanged citation reads as formatted, linked to its entry.
        let definition = "\(redline)/p[@class='redline-same'][contains(.,'smart sustainable city')]"
        #expect(try page.value(definition) == "A smart sustainable city uses information and communication technologies (United for Smart Sustainable Cities 2020).")
        #expect(try page.value("\(definition)/a[@class='redline-citation']/@href") == "../../../en/references/index.html#ref-u4ssc-karmoy-2020")
        #expect(try page.value("\(redline)/h2[@class='redline-same'][1]") == "Definition")
        // Inserted: "Scope", the new paragraph's 9 words, "section 1.2", "spatial" and the citation (one token each).
        #expect(try page.value("//p[@class='changes-summary']") == "13 words inserted, 1 word deleted, in 3 blocks")
        // The same reference on the chapter page reads the same.
        #expect(try project.page("en/governance/index.html").values("//a[@class='xref']") == ["section 1.2"])
        // `folio diff` points authors at their source: the syntax as written.
        let report = try RedlineReport.make(project: project.root, file: "en/01-governance.md", since: .latestReview).get()
        #expect(report.text().contains("As defined in @sec-definition, cities act within national frameworks for {+spatial+} planning {+[@huovila-2019]+}."),
                "\(report.text())")
    }

    @Test func aReplyIsLabelledAReplyInThePrintEdition() throws {
        let project = try FixtureProject(files: ["Content/publication.yml": ReviewRoundTests.publication,
                                                 "Content/en/01-governance.md": ReviewRoundTests.chapter(stage: "first-draft", body: ReviewRoundTests.marked)])
        defer { project.cleanUp() }
        let result = project.build(pdf: .withSite)
        #expect(result.succeeded, "\(result.errors)")
        let text = PDFInspection.collapsed(try PDFInspection(url: project.output.appendingPathComponent("en/cities-report-en.pdf")).pages().joined(separator: "\n"))
        #expect(text.contains("Comment: FLHD, 27 March 2020: Cite the law."), "\(text)")
        #expect(text.contains("Reply: Secretariat, 2 April 2020: Done."), "\(text)")
        #expect(!text.contains("Comment: Secretariat"), "\(text)")
        #expect(text.contains("Comment: ECTD, 18 March 2020: And firms?"), "\(text)")
    }
}

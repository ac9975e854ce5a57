import Foundation
import Testing
@testable import FolioCore

/// The print step inside `folio build`: Typst errors reported at our own files and lines, the
/// flags that choose what is built, a missing Typst, reproducible output, the public edition.
@Suite struct PrintBuildTests {
    /// A 1×1 PNG, for images that must decode.
    static let png = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==") ?? Data()

    func pdfPath(_ language: String, slug: String = "cities-report") -> String {
        SitePaths.pdfFile(slug: slug, language: language)
    }

    @Test func buildWritesThePDFsBesideThePages() throws {
        let project = try FixtureProject()
        defer { project.cleanUp() }
        try project.write("Content/en/01-introduction.md", """
        ---
        title: Introduction
        ---
        A map of the region:

        ![Map of the UNECE region](../media/region.png "The UNECE region")

        Cities matter.[^1]

        [^1]: A footnote.
        """)
        try project.write("Content/media/region.png", Self.png)
        let result = project.build(pdf: .withSite)
        #expect(result.errors.isEmpty, "\(result.errors)")
        for language in ["en", "fr"] {
            #expect(project.exists(pdfPath(language)), "\(pdfPath(language))")
        }
        #expect(project.exists("en/introduction/index.html"))
        #expect(result.printTimings.count == 2)
        let pdf = PDFInspection(url: project.output.appendingPathComponent(pdfPath("en")))
        let text = PDFInspection.collapsed(try pdf.pages().joined(separator: "\n"))
        #expect(text.contains("The UNECE region"))
        #expect(try project.page("en/index.html").value("//a[@type='application/pdf']/@href") == "../en/cities-report-en.pdf")
    }

    @Test func aTemplateSyntaxErrorIsReportedAtTheTemplatesLine() throws {
        let project = try FixtureProject()
        defer { project.cleanUp() }
        let original = try project.defaultTemplate("print/folio.typ")
        // The template ends with a newline: the appended line is one past its last line.
        #expect(original.hasSuffix("\n"))
        let brokenLine = original.split(separator: "\n", omittingEmptySubsequences: false).count
        try project.write("Templates/print/folio.typ", original + "#let broken-design = (accent,\n")
        let result = project.build(pdf: .withSite)
        #expect(!result.succeeded)
        let error = try #require(result.errors.first { $0.location?.file == "Templates/print/folio.typ" }, "\(result.errors)")
        #expect(error.location?.line == brokenLine)
        #expect(error.message.contains("print edition"))
        #expect(error.message.contains("unclosed delimiter"))
        // A failed build leaves no output.
        #expect(!project.exists("index.html"))
    }

    @Test func anImageTypstCannotReadIsReportedAtTheChapterLine() throws {
        let project = try FixtureProject()
        defer { project.cleanUp() }
        try project.write("Content/en/01-introduction.md", """
        ---
        title: Introduction
        ---
        Text before.

        ![Map of the region](../media/region.png)
        """)
        try project.write("Content/media/region.png", "this is not a PNG")
        let result = project.build(pdf: .withSite)
        let error = try #require(result.errors.first, "\(result.diagnostics)")
        #expect(error.location == SourceLocation(file: "Content/en/01-introduction.md", line: 6, column: 1))
        #expect(error.message.contains("the English print edition"))
        #expect(error.message.contains("failed to decode image"))
        #expect(!project.exists("index.html"))
    }

    @Test func aFigureWithoutAlternativeTextStopsTheBuildAtTheChapterLine() throws {
        let project = try FixtureProject()
        defer { project.cleanUp() }
        try project.write("Content/en/02-governance.md", "---\ntitle: Governance\n---\nA chart:\n\n![](../media/chart.png)\n")
        try project.write("Content/media/chart.png", Self.png)
        let result = project.build(pdf: .withSite)
        let error = try #require(result.errors.first { $0.message.contains("alternative text") })
        #expect(error.location == SourceLocation(file: "Content/en/02-governance.md", line: 6, column: 1))
        // A figure needs its text on the web as much as in print: `folio check` reports it either way.
        #expect(project.check().errors.contains { $0.message.contains("alternative text") })
        #expect(project.check(pdf: .skip).errors.contains { $0.message.contains("alternative text") })
        #expect(!project.build(pdf: .skip).succeeded)
        #expect(!project.exists("en/governance/index.html"))
    }

    @Test func withoutTheTypstModuleTheSiteIsBuiltWithAWarningSayingHowToInstallIt() throws {
        let project = try FixtureProject()
        defer { project.cleanUp() }
        // A Python without site-packages: `import typst` fails there.
        let python = project.root.appendingPathComponent("python-without-typst")
        try "#!/bin/sh\nexec python3 -S \"$@\"\n".write(to: python, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: python.path)
        let result = project.build(pdf: .withSite, python: python.path)
        #expect(result.succeeded, "\(result.errors)")
        let warning = try #require(result.warnings.first { $0.message.contains("print edition") })
        #expect(warning.message.contains("the Python module 'typst' is missing"))
        #expect(warning.message.contains("pip install typst"))
        #expect(project.exists("en/introduction/index.html"))
        #expect(!project.exists(pdfPath("en")))
        // No page links a PDF that was not made.
        #expect(try project.page("en/index.html").count("//a[@type='application/pdf']") == 0)
        // Asked for the PDFs alone, that is an error.
        let only = project.build(pdf: .only, python: python.path)
        #expect(only.errors.contains { $0.message.contains("pip install typst") })
    }

    @Test func withoutPythonTheWarningSaysSo() throws {
        let project = try FixtureProject()
        defer { project.cleanUp() }
        let result = project.build(pdf: .withSite, python: "/nonexistent/python3")
        #expect(result.succeeded)
        let warning = try #require(result.warnings.first { $0.message.contains("print edition") })
        #expect(warning.message.contains("/nonexistent/python3 cannot run"))
        #expect(warning.message.contains("pip install typst"))
    }

    @Test func pdfOnlyReplacesThePDFsAndLeavesThePagesAsTheyWere() throws {
        let project = try FixtureProject()
        defer { project.cleanUp() }
        #expect(project.build(pdf: .skip).succeeded)
        #expect(!project.exists(pdfPath("en")))
        let page = project.output.appendingPathComponent("en/introduction/index.html")
        let before = try FileManager.default.attributesOfItem(atPath: page.path)[.modificationDate] as? Date
        let result = project.build(pdf: .only)
        #expect(result.succeeded, "\(result.errors)")
        #expect(project.exists(pdfPath("en")))
        #expect(project.exists(pdfPath("fr")))
        let after = try FileManager.default.attributesOfItem(atPath: page.path)[.modificationDate] as? Date
        #expect(before != nil && before == after)
    }

    @Test func theSameContentGivesTheSamePDF() throws {
        let project = try FixtureProject()
        defer { project.cleanUp() }
        #expect(project.build(pdf: .withSite).succeeded)
        let first = try Data(contentsOf: project.output.appendingPathComponent(pdfPath("fr")))
        #expect(project.build(pdf: .withSite).succeeded)
        let second = try Data(contentsOf: project.output.appendingPathComponent(pdfPath("fr")))
        #expect(first == second)
        #expect(first.count > 10_000)
    }

    @Test func escapedTextComesOutOfThePDFAsWritten() throws {
        let project = try FixtureProject()
        defer { project.cleanUp() }
        try project.write("Content/en/01-introduction.md", #"""
        ---
        title: "Costs #1: $5 <b> @ref"
        ---
        Prices rose 5 \* 2 % = 10 % #tag <x> @y $z$ ~ a/b [c] _d_ \\ e; //not a comment.
        2020\. A year, not a list item.
        """#)
        let result = project.build(pdf: .withSite)
        #expect(result.errors.isEmpty, "\(result.errors)")
        let text = PDFInspection.collapsed(try PDFInspection(url: project.output.appendingPathComponent(pdfPath("en"))).pages()
            .joined(separator: "\n"))
        #expect(text.contains("Costs #1: $5 <b> @ref"))
        #expect(text.contains(#"Prices rose 5 * 2 % = 10 % #tag <x> @y $z$ ~ a/b [c] d \ e; //not a comment. 2020. A year, not a list item."#))
    }

    @Test func thePublicEditionCarriesNoDraftMark() throws {
        let project = try FixtureProject(fixture: "six-languages")
        defer { project.cleanUp() }
        let result = project.build(pdf: .withSite, release: true)
        #expect(result.errors.isEmpty, "\(result.errors)")
        let pages = try PDFInspection(url: project.output.appendingPathComponent(pdfPath("en", slug: "ssc-policies-and-progress"))).pages()
        #expect(pages.count >= 9)
        #expect(!pages.contains { $0.contains("Draft") })
        let draft = project.build(pdf: .withSite)
        let draftPages = try PDFInspection(url: project.output.appendingPathComponent(pdfPath("en", slug: "ssc-policies-and-progress"))).pages()
        #expect(draft.succeeded)
        #expect(draftPages.allSatisfy { $0.contains("Draft — not for citation") })
    }

    @Test func aSlugThatIsNotASCIIIsAnErrorAtItsLine() throws {
        let project = try FixtureProject()
        defer { project.cleanUp() }
        try project.write("Content/publication.yml", """
        title: {en: Cities Report, fr: Rapport sur les villes}
        source-language: en
        languages: [en, fr]
        slug: Rapport villes
        """)
        let result = project.build()
        let error = try #require(result.errors.first { $0.message.contains("slug") })
        #expect(error.location?.file == "Content/publication.yml")
        #expect(error.location?.line == 4)
    }
}

import Foundation
import Testing
@testable import FolioCore

/// Nothing a contributor wrote is dropped without a word: each warning with its message, file, line
/// and column, from a publication built end to end; and none where nothing is dropped.
@Suite struct DroppedContentTests {
    static let chapter = "Content/en/02-governance.md"

    /// Lines 1–3 are the front matter: the body's line 1 is the file's line 4.
    static let text = """
    ---
    title: Governance
    ---
    Text with a note.[^used] And [^missing] here, and `[^code]` in code.
    A [reference link][ref] too.

    [^used]: The note that is used.
    [^lonely]: A note that nothing cites.
    [^used]: A second note with the same label.

    [ref]: https://example.org/ref "Ref"
    [unused]: https://example.org/unused
    [ref]: https://example.org/other

    ```
    [^code]: not a definition, in code
    [unusedcode]: /x
    ```

    A <span class="x">span</span> and <!-- a comment -->.

    <div>block</div>

    > [^quoted]: A note in a quotation, never cited.

    - An item

      [^deep]: A note in a list item, never cited.

    """

    private func build(_ text: String = Self.text, allowRawHTML: Bool = false) throws -> SiteBuilder.Result {
        var files = FixtureProject.basicFiles
        files[Self.chapter] = text
        if allowRawHTML { files["Content/publication.yml", default: ""] += "\nallow-raw-html: true\n" }
        let project = try FixtureProject(files: files)
        defer { project.cleanUp() }
        let result = project.build()
        #expect(result.succeeded, "warnings only: \(result.errors)")
        return result
    }

    private func expectWarning(_ result: SiteBuilder.Result, _ message: String, line: Int, column: Int,
                               sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let found = result.warnings.filter { $0.message == message }
        #expect(found.count == 1, "expected one warning '\(message)' in \(result.warnings.map(\.message))",
                sourceLocation: sourceLocation)
        guard let warning = found.first else { return }
        #expect(warning.location?.file == Self.chapter, sourceLocation: sourceLocation)
        #expect(warning.location?.line == line, sourceLocation: sourceLocation)
        #expect(warning.location?.column == column, sourceLocation: sourceLocation)
    }

    @Test func footnoteDefinitionNeverReferenced() throws {
        let result = try build()
        expectWarning(result, "footnote [^lonely] is never referenced: its text is left out of the page; cite it with [^lonely] or delete it",
                      line: 8, column: 1)
        expectWarning(result, "footnote [^quoted] is never referenced: its text is left out of the page; cite it with [^quoted] or delete it",
                      line: 24, column: 3)
        expectWarning(result, "footnote [^deep] is never referenced: its text is left out of the page; cite it with [^deep] or delete it",
                      line: 28, column: 3)
    }

    @Test func footnoteReferenceWithoutDefinition() throws {
        let result = try build()
        expectWarning(result, "footnote [^missing] has no definition: it is shown as the text '[^missing]'; add its text as a line '[^missing]: …'",
                      line: 4, column: 30)
    }

    @Test func twoDefinitionsWithOneLabel() throws {
        let result = try build()
        expectWarning(result, "footnote [^used] is defined twice: this definition is left out (the one at line 7 is used)",
                      line: 9, column: 1)
        expectWarning(result, "link reference [ref] is defined twice: this definition is ignored (the one at line 11 is used)",
                      line: 13, column: 1)
    }

    @Test func unusedLinkReferenceDefinition() throws {
        let result = try build()
        expectWarning(result, "link reference definition [unused] is never used: no link says [text][unused] or [unused]; use it or delete it",
                      line: 12, column: 1)
    }

    @Test func rawHTMLShownAsText() throws {
        let result = try build()
        expectWarning(result, "raw HTML '<span class=\"x\">' is shown as text, tags and all: write it in Markdown, or set `allow-raw-html: true` in publication.yml",
                      line: 20, column: 3)
        expectWarning(result, "raw HTML '<div>block</div>' is shown as text, tags and all: write it in Markdown, or set `allow-raw-html: true` in publication.yml",
                      line: 22, column: 1)
        #expect(!result.warnings.contains { $0.message.contains("<!--") }, "a comment is not reported")
        let allowed = try build(allowRawHTML: true)
        #expect(!allowed.warnings.contains { $0.message.contains("is shown as text, tags and all") })
    }

    /// Text in code is never taken for a definition or a reference, and what is used is not reported.
    @Test func codeAndUsedDefinitionsAreNotReported() throws {
        let result = try build()
        let ours = result.warnings.filter { $0.location?.file == Self.chapter }
        #expect(!ours.contains { $0.message.contains("code") || $0.message.contains("[ref] is never used") })
        #expect(!ours.contains { $0.location?.line == 7 || $0.location?.line == 11 || (16...17).contains($0.location?.line ?? 0) })
    }

    /// The bundled publication and the basic fixture drop nothing.
    @Test func publicationsWithoutDroppedContentHaveNoSuchWarning() throws {
        let project = try FixtureProject(files: FixtureProject.basicFiles)
        defer { project.cleanUp() }
        let phrases = ["never referenced", "has no definition", "defined twice", "is never used", "is shown as text, tags and all"]
        for result in [project.build(), SiteBuilder.check(SiteBuilder.Options(project: FixtureProject.repository, pdf: .skip))] {
            let found = result.warnings.filter { warning in phrases.contains { warning.message.contains($0) } }
            #expect(found.isEmpty, "\(found)")
        }
    }
}

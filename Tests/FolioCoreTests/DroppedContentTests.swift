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

    /// One warning expected at its place, named by the concern it tests.
    struct Expected: Sendable, CustomTestStringConvertible {
        var concern: String
        var message: String
        var line: Int
        var column: Int
        var testDescription: String { concern }
    }

    static let expected: [Expected] = [
        Expected(concern: "footnote definition never referenced",
                 message: "footnote [^lonely] is never referenced: its text is left out of the page; cite it with [^lonely] or delete it",
                 line: 8, column: 1),
        Expected(concern: "footnote definition never referenced, in a block quote",
                 message: "footnote [^quoted] is never referenced: its text is left out of the page; cite it with [^quoted] or delete it",
                 line: 24, column: 3),
        Expected(concern: "footnote definition never referenced, in a list item",
                 message: "footnote [^deep] is never referenced: its text is left out of the page; cite it with [^deep] or delete it",
                 line: 28, column: 3),
        Expected(concern: "footnote reference without a definition",
                 message: "footnote [^missing] has no definition: it is shown as the text '[^missing]'; add its text as a line '[^missing]: …'",
                 line: 4, column: 30),
        Expected(concern: "two footnote definitions with one label",
                 message: "footnote [^used] is defined twice: this definition is left out (the one at line 7 is used)",
                 line: 9, column: 1),
        Expected(concern: "two link reference definitions with one label",
                 message: "link reference [ref] is defined twice: this definition is ignored (the one at line 11 is used)",
                 line: 13, column: 1),
        Expected(concern: "unused link reference definition",
                 message: "link reference definition [unused] is never used: no link says [text][unused] or [unused]; use it or delete it",
                 line: 12, column: 1),
        Expected(concern: "inline raw HTML shown as text",
                 message: "raw HTML '<span class=\"x\">' is shown as text, tags and all: write it in Markdown, or set `allow-raw-html: true` in publication.yml",
                 line: 20, column: 3),
        Expected(concern: "raw HTML block shown as text",
                 message: "raw HTML '<div>block</div>' is shown as text, tags and all: write it in Markdown, or set `allow-raw-html: true` in publication.yml",
                 line: 22, column: 1),
    ]

    private static func build(allowRawHTML: Bool = false) throws -> SiteBuilder.Result {
        var files = FixtureProject.basicFiles
        files[Self.chapter] = Self.text
        if allowRawHTML { files["Content/publication.yml", default: ""] += "\nallow-raw-html: true\n" }
        let project = try FixtureProject(files: files)
        defer { project.cleanUp() }
        return project.build()
    }

    /// The chapter above, built once for all the expectations.
    static let built = Result { try build() }

    @Test(arguments: expected)
    func warningAtItsPlace(_ expected: Expected) throws {
        let result = try Self.built.get()
        #expect(result.succeeded, "warnings only: \(result.errors)")
        let found = result.warnings.filter { $0.message == expected.message }
        #expect(found.count == 1, "expected one warning '\(expected.message)' in \(result.warnings.map(\.message))")
        let location = try #require(found.first?.location)
        #expect(location == SourceLocation(file: Self.chapter, line: expected.line, column: expected.column))
    }

    @Test func commentsAreNotReportedNorAllowedHTML() throws {
        #expect(!(try Self.built.get()).warnings.contains { $0.message.contains("<!--") }, "a comment is not reported")
        let allowed = try Self.build(allowRawHTML: true)
        #expect(!allowed.warnings.contains { $0.message.contains("is shown as text, tags and all") })
    }

    /// Text in code is never taken for a definition or a reference, and what is used is not reported.
    @Test func codeAndUsedDefinitionsAreNotReported() throws {
        let result = try Self.built.get()
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

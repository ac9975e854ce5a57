import Foundation
import Testing
@testable import FolioCore

/// Every content error path: the message, the file and the line, and that nothing is written.
@Suite struct ContentErrorTests {
    /// Builds `files` on top of the basic fixture and returns the result; the build must fail.
    private func failingBuild(_ changes: [String: String], binary: [String: Data] = [:]) throws -> SiteBuilder.Result {
        var files = FixtureProject.basicFiles
        for (path, text) in changes { files[path] = text }
        let project = try FixtureProject(files: files)
        defer { project.cleanUp() }
        for (path, data) in binary { try project.write(path, data) }
        let result = project.build()
        #expect(!result.succeeded)
        #expect(!project.exists("index.html"), "a failed build must not write the site")
        return result
    }

    private func expectError(_ result: SiteBuilder.Result, _ text: String, file: String, line: Int,
                             sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let diagnostic = try #require(result.diagnostic(containing: text), "no diagnostic containing '\(text)' in \(result.diagnostics)",
                                      sourceLocation: sourceLocation)
        #expect(diagnostic.severity == .error, sourceLocation: sourceLocation)
        #expect(diagnostic.location?.file == file, sourceLocation: sourceLocation)
        #expect(diagnostic.location?.line == line, sourceLocation: sourceLocation)
    }

    @Test func malformedFrontMatterYAMLIsReportedAtItsLine() throws {
        let result = try failingBuild(["Content/en/02-governance.md": "---\ntitle: Governance\nsummary: [unclosed\n---\nBody.\n"])
        try expectError(result, "YAML syntax error", file: "Content/en/02-governance.md", line: 4)
    }

    /// Keys are text: a key written twice is an error even when once quoted (`'title'`), since folio
    /// would otherwise read one of the two silently. Reported at the first of the two.
    @Test func frontMatterKeyWrittenTwiceIsAnError() throws {
        let result = try failingBuild(["Content/en/02-governance.md": "---\ntitle: Governance\nsummary: One.\n'title': Again\n---\nBody.\n"])
        try expectError(result, "YAML key used twice: title", file: "Content/en/02-governance.md", line: 2)
        let numeric = try failingBuild(["Content/en/02-governance.md": "---\ntitle: Governance\n1: a\n'1': b\n---\nBody.\n"])
        try expectError(numeric, "YAML key used twice: 1", file: "Content/en/02-governance.md", line: 3)
    }

    @Test func missingTitleIsAnError() throws {
        let result = try failingBuild(["Content/en/02-governance.md": "---\nsummary: No title here.\n---\nBody.\n"])
        try expectError(result, "the chapter's title is missing", file: "Content/en/02-governance.md", line: 2)
    }

    @Test func chapterWithoutFrontMatterIsAnError() throws {
        let result = try failingBuild(["Content/en/02-governance.md": "Just a body.\n"])
        try expectError(result, "chapter has no front matter", file: "Content/en/02-governance.md", line: 1)
    }

    @Test func unterminatedFrontMatterIsAnError() throws {
        let result = try failingBuild(["Content/en/02-governance.md": "---\ntitle: Governance\n\nBody without closing fence.\n"])
        try expectError(result, "front matter is not closed", file: "Content/en/02-governance.md", line: 1)
    }

    @Test func frontMatterThatIsNotAMappingIsAnError() throws {
        let result = try failingBuild(["Content/en/02-governance.md": "---\n- a\n- list\n---\nBody.\n"])
        try expectError(result, "front matter must be a mapping", file: "Content/en/02-governance.md", line: 2)
    }

    /// libyaml breaks lines at U+0085, U+2028 and U+2029 too: a title would be folded there and every
    /// later line number shifted. Found by fuzzing the kpi block parser.
    @Test func yamlOnlyLineBreaksAreErrorsAtTheirPlace() throws {
        let result = try failingBuild(["Content/en/02-governance.md": "---\nsummary: ok\ntitle: Gover\u{2028}nance\n---\nBody.\n"])
        try expectError(result, "U+2028 (LINE SEPARATOR) is a line break in YAML", file: "Content/en/02-governance.md", line: 3)
        #expect(result.diagnostic(containing: "U+2028")?.location?.column == 13)
        let block = "---\ntitle: Governance\n---\n```kpi\nkpi: \"EC: ICT: ICT: 1C\"\ndata:\n  - {city: \u{85}Ålesund, year: 2020, value: 97}\n```\n"
        let kpi = try failingBuild(["Content/en/02-governance.md": block])
        // U+0085 is a C1 control, refused with the whole file's text first (the YAML check stays for
        // text that reaches the parser another way, as in the kpi block fuzz target).
        try expectError(kpi, "U+0085: the text was probably converted from Windows-1252 wrongly (there it is '…')",
                        file: "Content/en/02-governance.md", line: 7)
        #expect(kpi.diagnostic(containing: "U+0085")?.location?.column == 12)
    }

    /// CriticMarkup's delimiters stand in for `{++` … in the parsed text; one already in a chapter would
    /// silently become an insertion mark (found while writing the CriticMarkup fuzz target).
    @Test func reviewMarkCharactersInTheTextAreErrors() throws {
        let result = try failingBuild(["Content/en/02-governance.md": "---\ntitle: Governance\n---\nText\nand \u{E100} here.\n"])
        try expectError(result, "character U+E100 is reserved for review marks (it stands for '{++')", file: "Content/en/02-governance.md", line: 5)
        #expect(result.diagnostic(containing: "U+E100")?.location?.column == 5)
        // Written as a numeric character reference, which cmark-gfm would turn into the character.
        let reference = try failingBuild(["Content/en/02-governance.md": "---\ntitle: Governance\n---\nText &amp; &#233;\nand &#xe101; here.\n"])
        try expectError(reference, "'&#xe101;' names a character reserved for review marks", file: "Content/en/02-governance.md", line: 5)
        #expect(reference.diagnostic(containing: "&#xe101;")?.location?.column == 5)
    }

    @Test func titleOfTheWrongTypeIsReportedAtTheValue() throws {
        let result = try failingBuild(["Content/en/02-governance.md": "---\nsummary: ok\ntitle:\n  - a\n  - b\n---\nBody.\n"])
        try expectError(result, "'title' must be a single value", file: "Content/en/02-governance.md", line: 4)
    }

    @Test func undeclaredLanguageFolderIsAnError() throws {
        let result = try failingBuild(["Content/es/01-introduction.md": "---\ntitle: Introducción\n---\nTexto.\n"])
        try expectError(result, "language folder 'es' is not declared", file: "Content/es", line: 1)
    }

    @Test func twoChaptersWithOneNumberIsAnError() throws {
        let result = try failingBuild(["Content/en/02-finance.md": "---\ntitle: Finance\n---\nText.\n"])
        let diagnostic = try #require(result.diagnostic(containing: "two chapters have the number 2"))
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.location?.file == "Content/en/02-governance.md")
        #expect(diagnostic.message.contains("Content/en/02-finance.md"))
        #expect(diagnostic.related.map(\.file) == ["Content/en/02-finance.md"])
    }

    @Test func translationWithoutSourceChapterIsAnError() throws {
        let result = try failingBuild(["Content/fr/03-financing.md": "---\ntitle: Financement\n---\nTexte.\n"])
        try expectError(result, "translation has no source chapter", file: "Content/fr/03-financing.md", line: 1)
    }

    @Test func translationNumberedDifferentlyIsAnError() throws {
        let result = try failingBuild(["Content/fr/05-governance.md": "---\ntitle: Gouvernance\n---\nTexte.\n"])
        try expectError(result, "translation is numbered 5 but its source chapter Content/en/02-governance.md is 2",
                        file: "Content/fr/05-governance.md", line: 1)
    }

    @Test func invalidUTF8IsAClearErrorAtTheByte() throws {
        var bytes = Data("---\ntitle: Governance\n---\nCaf".utf8)
        bytes.append(contentsOf: [0xC3, 0x28])
        bytes.append(contentsOf: Data(" text.\n".utf8))
        let result = try failingBuild([:], binary: ["Content/en/02-governance.md": bytes])
        let diagnostic = try #require(result.diagnostic(containing: "not valid UTF-8"))
        #expect(diagnostic.location == SourceLocation(file: "Content/en/02-governance.md", line: 4, column: 4))
    }

    @Test func controlCharactersAreErrorsAtTheirPlace() throws {
        let result = try failingBuild(["Content/en/02-governance.md": "---\ntitle: Governance\n---\nThe city\u{92}s plan\u{0B}here.\n",
                                       "Content/kpis.yml": "name: {en: KPIs}\nunits: {}\nkpis:\n  - code: \"A\u{01}\"\n"])
        try expectError(result, "U+0092: the text was probably converted from Windows-1252 wrongly (there it is '’')",
                        file: "Content/en/02-governance.md", line: 4)
        try expectError(result, "invisible character U+0001 cannot appear in a web page", file: "Content/kpis.yml", line: 4)
        #expect(result.diagnostic(containing: "U+0092")?.location?.column == 9)
    }

    @Test func binaryFileNamedMarkdownIsAnError() throws {
        let result = try failingBuild([:], binary: ["Content/en/02-governance.md": Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01])])
        try expectError(result, "NUL byte", file: "Content/en/02-governance.md", line: 1)
    }

    @Test func unknownLanguageInPublicationYmlSuggestsTheClosest() throws {
        let result = try failingBuild(["Content/publication.yml": "title: {en: T}\nsource-language: en\nlanguages: [en, fe]\n"])
        let diagnostic = try #require(result.diagnostic(containing: "'fe' is not one of the six UN languages"))
        #expect(diagnostic.message.contains("did you mean 'fr'?"))
        #expect(diagnostic.location == SourceLocation(file: "Content/publication.yml", line: 3, column: 17))
    }

    @Test func allProblemsAreReportedInOneRun() throws {
        let result = try failingBuild([
            "Content/en/02-governance.md": "---\ntitle: [x\n---\n",
            "Content/fr/03-financing.md": "---\ntitle: Financement\n---\n",
            "Content/es/01-introduction.md": "---\ntitle: Introducción\n---\n",
        ])
        #expect(result.errors.count >= 3)
        let files = Set(result.errors.compactMap { $0.location?.file })
        let expected: Set<String> = ["Content/en/02-governance.md", "Content/fr/03-financing.md", "Content/es"]
        #expect(files.isSuperset(of: expected))
    }

    @Test func unknownFrontMatterKeyWarnsWithSuggestion() throws {
        var files = FixtureProject.basicFiles
        files["Content/en/02-governance.md"] = "---\ntitle: Governance\nsumary: A typo.\n---\nText.\n"
        let project = try FixtureProject(files: files)
        defer { project.cleanUp() }
        let result = project.build()
        #expect(result.succeeded)
        let warning = try #require(result.diagnostic(containing: "unknown key 'sumary'"))
        #expect(warning.severity == .warning)
        #expect(warning.message.contains("did you mean 'summary'?"))
        #expect(warning.location == SourceLocation(file: "Content/en/02-governance.md", line: 3, column: 1))
    }

    @Test func byteOrderMarkAndCRLFAreAccepted() throws {
        var bytes = Data([0xEF, 0xBB, 0xBF])
        bytes.append(Data("---\r\ntitle: Governance\r\n---\r\n## Who decides\r\n\r\nText.\r\n".utf8))
        let project = try FixtureProject()
        defer { project.cleanUp() }
        try project.write("Content/en/02-governance.md", bytes)
        let result = project.build()
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(try project.page("en/governance/index.html").value("//h1") == "Governance")
    }

    @Test func failedBuildLeavesThePreviousSiteUntouched() throws {
        let project = try FixtureProject()
        defer { project.cleanUp() }
        #expect(project.build().succeeded)
        let before = try project.read("en/governance/index.html")
        try project.write("Content/en/02-governance.md", "---\ntitle: [broken\n---\nNew text.\n")
        let result = project.build()
        #expect(!result.succeeded)
        #expect(try project.read("en/governance/index.html") == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: project.root.path).filter { $0.hasPrefix(".Public") }
        #expect(leftovers.isEmpty, "staging folders left behind: \(leftovers)")
    }
}

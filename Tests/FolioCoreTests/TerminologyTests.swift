import Foundation
import Testing
@testable import FolioCore

/// The glossary (`Content/terms.yml`): loaded with its problems at their lines, and translations held
/// to it by the checks (the approved form missing at the section's heading, a forbidden variant at its line).
@Suite struct TerminologyTests {
    static let glossary = """
    terms:
      - term: smart sustainable city
        forms: [smart sustainable cities]
        fr:
          approved: ville intelligente et durable
          accepted: [villes intelligentes et durables]
          forbidden: [ville intelligente durable]
      - term: key performance indicator
        fr: indicateur clef de performance
    """

    private func project(french: String, glossary: String = TerminologyTests.glossary) throws -> FixtureProject {
        var files = FixtureProject.basicFiles
        files["Content/en/01-introduction.md"] = """
        ---
        title: Introduction
        ---
        ## What is a smart sustainable city?

        A smart sustainable city uses ICT to improve the quality of life.

        ## Measuring progress

        Each city reports one key performance indicator per domain.
        """
        files["Content/fr/01-introduction.md"] = french
        files["Content/terms.yml"] = glossary
        return try FixtureProject(files: files)
    }

    private func terminologyWarnings(_ project: FixtureProject) -> [String] {
        project.check(pdf: .skip).diagnostics
            .filter { $0.message.contains("forbidden") || $0.message.contains("uses the term") || $0.location?.file == Glossary.path }
            .map { "\($0.location?.description ?? ""): \($0.severity): \($0.message)" }
    }

    @Test func missingApprovedFormsAndForbiddenVariantsAreWarnedAtTheirLines() throws {
        let project = try project(french: """
        ---
        title: Introduction
        ---
        ## Qu'est-ce qu'une ville intelligente durable ?

        Une ville intelligente durable utilise les TIC.

        ## Mesurer les progrès

        Les villes communiquent des indicateurs de résultats.
        """)
        defer { project.cleanUp() }
        let found = terminologyWarnings(project)
        #expect(found == [
            "Content/fr/01-introduction.md:4:1: warning: 'ville intelligente durable' is a forbidden French variant of 'smart sustainable city': write 'ville intelligente et durable'",
            "Content/fr/01-introduction.md:4:1: warning: the source section “What is a smart sustainable city?” uses the term 'smart sustainable city'; this section has none of its approved French forms ('ville intelligente et durable', 'villes intelligentes et durables', Content/terms.yml line 2)",
            "Content/fr/01-introduction.md:6:1: warning: 'ville intelligente durable' is a forbidden French variant of 'smart sustainable city': write 'ville intelligente et durable'",
            "Content/fr/01-introduction.md:8:1: warning: the source section “Measuring progress” uses the term 'key performance indicator'; this section has none of its approved French forms ('indicateur clef de performance', Content/terms.yml line 8)",
        ], "\(found)")
    }

    @Test func approvedAndAcceptedFormsSatisfyTheCheck() throws {
        let project = try project(french: """
        ---
        title: Introduction
        ---
        ## Qu'est-ce qu'une ville intelligente et durable ?

        Les Villes  intelligentes et durables utilisent les TIC.

        ## Mesurer les progrès

        Les villes communiquent leurs indicateurs (un indicateur clef de performance par domaine).
        """)
        defer { project.cleanUp() }
        #expect(terminologyWarnings(project).isEmpty)
    }

    @Test func glossaryProblemsAreReportedAtTheirLines() throws {
        let project = try project(french: "---\ntitle: Introduction\n---\nTexte.\n", glossary: """
        terms:
          - forms: [x]
            fr: y
          - term: city
            de: Stadt
            fr: {accepted: [villes]}
          - term: City
            fr: ville
        """)
        defer { project.cleanUp() }
        let found = terminologyWarnings(project)
        #expect(found == [
            "Content/terms.yml:2:5: error: the entry's source term is missing: add a 'term:' line",
            "Content/terms.yml:5:5: warning: unknown key 'de' in a glossary entry: expected term, forms, note or a language of the publication (en, fr) (did you mean 'en'?)",
            "Content/terms.yml:6:9: error: the approved fr form of 'city' is missing: add a 'approved:' line",
            "Content/terms.yml:7:5: warning: the term 'City' is already in the glossary at line 4: this entry is left out",
        ], "\(found)")
    }

    @Test func termsAreMatchedAsWordsWhateverTheCaseSpacesAndApostrophes() {
        let text = TermMatcher.Text("L’Union\u{A0}européenne et les VILLES intelligentes et durables ; молодёжи")
        #expect(text.contains("l'union européenne"))
        #expect(text.contains("villes intelligentes et durables"))
        #expect(!text.contains("ville intelligente"))
        #expect(text.contains("молодежи"))
        #expect(!text.contains("union europ"))
    }

    /// The bundled publication's French and Russian follow its own glossary.
    @Test func bundledTranslationsFollowTheGlossary() throws {
        let project = try FixtureProject(files: [:])
        defer { project.cleanUp() }
        try FileManager.default.copyItem(at: FixtureProject.repository.appendingPathComponent("Content"),
                                         to: project.root.appendingPathComponent("Content"))
        let glossary = try #require(GlossaryLoader.load(project: project.root, languages: ["en", "fr", "ru"], diagnostics: DiagnosticCollector()))
        #expect(glossary.entries.count >= 15)
        #expect(glossary.entries.allSatisfy { $0.translations["fr"] != nil && $0.translations["ru"] != nil })
        #expect(terminologyWarnings(project).isEmpty)
    }

    @Test func tbxConceptsAreAddedAndTheGlossaryKeepsItsOwnEntries() throws {
        let project = try project(french: "---\ntitle: Introduction\n---\nTexte.\n")
        defer { project.cleanUp() }
        try project.write("Content/publication.yml", "title: {en: Cities}\nsource-language: en\nlanguages: [en, fr, ru]\n")
        let before = try String(contentsOf: project.root.appendingPathComponent(Glossary.path), encoding: .utf8)
        let tbx = FixtureProject.repository.appendingPathComponent("Tests/Fixtures/tbx/unterm-sample.tbx")
        let outcome = TBXImporter.importFile(tbx, displayPath: "unterm-sample.tbx", project: project.root)
        #expect(outcome.succeeded)
        #expect(outcome.added == ["circular economy"])
        #expect(outcome.kept == ["smart sustainable city"])
        #expect(outcome.diagnostics.map { "\($0.location?.file ?? ""):\($0.location?.line ?? 0): \($0.message)" }
                == ["unterm-sample.tbx:29: this concept has no en term: left out"])
        let after = try String(contentsOf: project.root.appendingPathComponent(Glossary.path), encoding: .utf8)
        #expect(after.hasPrefix(before))  // appended: the file's own text and comments are kept
        let glossary = try #require(GlossaryLoader.load(project: project.root, languages: ["en", "fr", "ru"], diagnostics: DiagnosticCollector()))
        let entry = try #require(glossary.entries.first { $0.term == "circular economy" })
        #expect(entry.note == "An economy in which products and materials keep their value as long as possible.")
        #expect(entry.translations["fr"]?.approved == "économie circulaire")
        #expect(entry.translations["ru"] == Glossary.Translation(approved: "экономика замкнутого цикла", accepted: ["циркулярная экономика"],
                                                                 forbidden: ["круговая экономика"], note: nil))
        // A TBX file with a document type declaration is refused like any exchange file.
        let hostile = project.root.appendingPathComponent("x.tbx")
        try Data("<?xml version=\"1.0\"?>\n<!DOCTYPE martif SYSTEM \"TBXcoreStructV02.dtd\">\n<martif/>".utf8).write(to: hostile)
        let refused = TBXImporter.importFile(hostile, displayPath: "x.tbx", project: project.root)
        #expect(!refused.succeeded)
        #expect(refused.diagnostics.first?.location == SourceLocation(file: "x.tbx", line: 2, column: 1))
    }

    @Test func eachLanguageHasATerminologyPage() throws {
        let project = try project(french: """
        ---
        title: Introduction
        ---
        ## Qu'est-ce qu'une ville intelligente et durable ?

        Une ville intelligente et durable.

        ## Mesurer les progrès

        Un indicateur clef de performance.
        """)
        defer { project.cleanUp() }
        let result = project.build()
        #expect(result.succeeded, "\(result.diagnostics)")
        let french = try project.read("fr/terms/index.html")
        #expect(french.contains("<h1>Terminologie</h1>"))
        #expect(french.contains("<th scope=\"row\" lang=\"en\">smart sustainable city</th><td class=\"term-approved\">ville intelligente et durable</td>"
                                + "<td>villes intelligentes et durables</td><td class=\"term-forbidden\"><del>ville intelligente durable</del> </td>"))
        let english = try project.read("en/terms/index.html")
        #expect(english.contains("<th scope=\"col\" lang=\"fr\">Français</th>"))
        #expect(english.contains("<th scope=\"row\" lang=\"en\">key performance indicator</th><td lang=\"fr\">indicateur clef de performance</td>"))
        #expect(try project.read("fr/index.html").contains("<a href=\"../fr/terms/index.html\">Terminologie</a>")
                || project.read("fr/index.html").contains("terms/index.html\">Terminologie</a>"))
    }

    /// The dashboard's translations table ends with what each language still needs.
    @Test func dashboardShowsWordsAndUnitsToTranslate() throws {
        var files = FixtureProject.basicFiles
        files["Content/publication.yml"]! += "\nstages:\n  - {id: draft, due: 2020-01-31}\n  - {id: published, due: 2021-04-21}\n"
        let project = try FixtureProject(files: files)
        defer { project.cleanUp() }
        #expect(project.build().succeeded)
        let status = try project.read("status/index.html")
        let publication = try #require(ContentLoader.load(project: project.root, diagnostics: DiagnosticCollector()))
        let report = TranslationReport(publication: publication, only: "fr")
        let words = report.entries.reduce(0) { $0 + $1.state.words }
        let units = TranslationExporter.export(project: project.root, language: "fr", format: .po, scope: .stale).units
        #expect(words > 0 && units > 0)
        #expect(status.contains("<tfoot><tr><th scope=\"row\">To translate</th><td class=\"translation-progress\">–</td>"
                                + "<td class=\"translation-progress\">\(words) words, \(units) units; \(report.percentTranslated(words)) % translated</td></tr></tfoot>"))
    }
}

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
}

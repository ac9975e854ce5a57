import Foundation
import Testing
@testable import FolioCore

/// The translators' workflow: marking, stale detection, the source diff, reader notices, parity checks.
@Suite struct TranslationTests {
    static let source = """
    ---
    title: Introduction
    ---
    Opening words of the chapter.

    ## Cities and the 2030 Agenda

    The 2030 Agenda provides an ambitious framework for 17 goals.
    It was adopted in 2015.

    ## Measuring progress

    The U4SSC set has 91 indicators.[^1]

    [^1]: ITU-T Y.4903.

    """

    static let french = """
    ---
    title: Introduction (FR)
    ---
    Premiers mots du chapitre.

    ## Les villes et le Programme 2030

    Le Programme 2030 offre un cadre ambitieux pour 17 objectifs.
    Il a été adopté en 2015.

    ## Mesurer les progrès

    L'ensemble U4SSC compte 91 indicateurs.[^1]

    [^1]: UIT-T Y.4903.

    """

    private func project() throws -> FixtureProject {
        var files = FixtureProject.basicFiles
        files["Content/publication.yml"]! += "\nstages:\n  - {id: draft, due: 2020-01-31}\n  - {id: published, due: 2021-04-21}\n"
        files["Content/en/01-introduction.md"] = Self.source
        files["Content/fr/01-introduction.md"] = Self.french
        return try FixtureProject(files: files)
    }

    private func state(_ project: FixtureProject) throws -> TranslationState {
        let publication = try #require(ContentLoader.load(project: project.root, diagnostics: DiagnosticCollector()))
        return try #require(TranslationReport(publication: publication, only: "fr").entries.first { $0.chapter.slug == "introduction" }).state
    }

    @Test func sectionsAreSplitAtHeadingsAndIgnoreReflowing() throws {
        let project = try project()
        defer { project.cleanUp() }
        let publication = try #require(ContentLoader.load(project: project.root, diagnostics: DiagnosticCollector()))
        let sections = try #require(publication.chapter(slug: "introduction", language: "en")).sections
        #expect(sections.map(\.id) == ["_intro", "cities-and-the-2030-agenda", "measuring-progress"])
        #expect(sections.map(\.line) == [4, 6, 11])
        #expect(SectionFingerprint.fingerprint("a  b\nc") == SectionFingerprint.fingerprint("a b c"))
        #expect(SectionFingerprint.fingerprint("a b c") != SectionFingerprint.fingerprint("a b d"))
        #expect(SectionFingerprint.wordCount("智慧城市 smart") == 5)
    }

    /// Words and whitespace in every script of the six languages, beyond ASCII (answered from a table).
    @Test func wordsAndWhitespaceBeyondASCII() {
        #expect(SectionFingerprint.wordCount("Умные города — المدن الذكية ١٢٣ 𠀀 – ²") == 7)
        // No-break, ideographic and em spaces are whitespace; a soft hyphen or joiner is not.
        #expect(SectionFingerprint.fingerprint("a\u{A0}b\u{3000}c\u{2003}d") == SectionFingerprint.fingerprint("a b c d"))
        #expect(SectionFingerprint.fingerprint("a\u{AD}b") != SectionFingerprint.fingerprint("a b"))
        #expect(SectionFingerprint.wordCount("l’Europe, 2030 年") == 3)
    }

    @Test func unmarkedThenCurrentAfterMarking() throws {
        let project = try project()
        defer { project.cleanUp() }
        #expect(try state(project) == .unmarked)
        let outcome = TranslationMarker.mark(project: project.root, files: ["fr/01-introduction.md"], allLanguage: nil)
        #expect(outcome.succeeded)
        #expect(outcome.marked == ["Content/fr/01-introduction.md"])
        #expect(try state(project) == .current)
        // The record is in the front matter; the rest of the file is as it was.
        let text = try String(contentsOf: project.root.appendingPathComponent("Content/fr/01-introduction.md"), encoding: .utf8)
        #expect(text.hasPrefix("---\ntitle: Introduction (FR)\ntranslation:\n"))
        #expect(text.hasSuffix("---\nPremiers mots du chapitre.\n\n## Les villes et le Programme 2030\n\nLe Programme 2030 offre un cadre ambitieux pour 17 objectifs.\nIl a été adopté en 2015.\n\n## Mesurer les progrès\n\nL'ensemble U4SSC compte 91 indicateurs.[^1]\n\n[^1]: UIT-T Y.4903.\n"))
        // Marking again replaces the record instead of adding a second one.
        #expect(TranslationMarker.mark(project: project.root, files: ["fr/01-introduction.md"], allLanguage: nil).succeeded)
        let again = try String(contentsOf: project.root.appendingPathComponent("Content/fr/01-introduction.md"), encoding: .utf8)
        #expect(again.components(separatedBy: "translation:").count == 2)
        #expect(again == text)
    }

    @Test func editingASentenceMakesTheTranslationStaleNamingTheSection() throws {
        let project = try project()
        defer { project.cleanUp() }
        #expect(TranslationMarker.mark(project: project.root, files: [], allLanguage: "fr").succeeded)
        try project.write("Content/en/01-introduction.md", Self.source.replacingOccurrences(of: "provides an ambitious", with: "offers an ambitious"))
        guard case .stale(let changes, let words) = try state(project) else {
            Issue.record("expected stale")
            return
        }
        #expect(changes.map(\.summary) == ["“Cities and the 2030 Agenda” changed"])
        #expect(changes.first?.line == 6)
        #expect(words == 20)
        // Reflowing a paragraph of another section changes nothing more.
        try project.write("Content/en/01-introduction.md", Self.source
            .replacingOccurrences(of: "provides an ambitious", with: "offers an ambitious")
            .replacingOccurrences(of: "The U4SSC set has 91 indicators.", with: "The U4SSC set\nhas   91\nindicators."))
        guard case .stale(let reflowed, _) = try state(project) else {
            Issue.record("expected stale")
            return
        }
        #expect(reflowed.count == 1)
        // The page tells readers, in their language, and links to the revised original.
        #expect(project.build().succeeded)
        let page = try project.page("fr/introduction/index.html")
        #expect(try page.value("//div[contains(@class,'notice-stale')]/p[1]")?.contains("a été révisé depuis cette traduction") == true)
        #expect(try page.value("//div[contains(@class,'notice-stale')]//a/@href") == "../../en/introduction/index.html")
        #expect(try project.page("status/index.html").values("//table[@class='status-matrix']/tbody/tr[1]/td/@class")
                == ["translation-source", "translation-stale"])
    }

    @Test func addedAndRemovedSectionsAreNamed() throws {
        let project = try project()
        defer { project.cleanUp() }
        #expect(TranslationMarker.mark(project: project.root, files: ["fr/01-introduction.md"], allLanguage: nil).succeeded)
        try project.write("Content/en/01-introduction.md", Self.source.replacingOccurrences(of: "## Measuring progress", with: "## Monitoring"))
        guard case .stale(let changes, _) = try state(project) else {
            Issue.record("expected stale")
            return
        }
        #expect(changes.map(\.kind) == [.added, .removed])
        #expect(changes.map(\.id) == ["monitoring", "measuring-progress"])
    }

    @Test func diffWithGitShowsTheWordsThatChanged() throws {
        let project = try project()
        defer { project.cleanUp() }
        #expect(TranslationMarker.mark(project: project.root, files: ["fr/01-introduction.md"], allLanguage: nil).succeeded)
        try git(["init", "-q"], in: project.root)
        try git(["-c", "user.email=t@example.org", "-c", "user.name=T", "add", "-A"], in: project.root)
        try git(["-c", "user.email=t@example.org", "-c", "user.name=T", "commit", "-qm", "marked"], in: project.root)
        try project.write("Content/en/01-introduction.md", Self.source.replacingOccurrences(of: "provides an ambitious", with: "offers an ambitious"))
        try git(["-c", "user.email=t@example.org", "-c", "user.name=T", "commit", "-qam", "edit"], in: project.root)
        let publication = try #require(ContentLoader.load(project: project.root, diagnostics: DiagnosticCollector()))
        let diff = try TranslationReport.diff(project: project.root, publication: publication, file: "fr/01-introduction.md").get()
        #expect(diff.contains("(marked against commit "))
        #expect(diff.contains("Content/en/01-introduction.md:6: “Cities and the 2030 Agenda” changed"))
        #expect(diff.contains("The 2030 Agenda [-provides-] {+offers+} an ambitious framework for 17\ngoals. It was …"))
    }

    @Test func diffWithoutGitShowsTheChangedSectionsAsTheyAreNow() throws {
        let project = try project()
        defer { project.cleanUp() }
        #expect(TranslationMarker.mark(project: project.root, files: ["fr/01-introduction.md"], allLanguage: nil).succeeded)
        try project.write("Content/en/01-introduction.md", Self.source.replacingOccurrences(of: "provides an ambitious", with: "offers an ambitious"))
        let publication = try #require(ContentLoader.load(project: project.root, diagnostics: DiagnosticCollector()))
        let diff = try TranslationReport.diff(project: project.root, publication: publication, file: "fr/01-introduction.md").get()
        #expect(diff.contains("not in git history"))
        #expect(diff.contains("The 2030 Agenda offers an ambitious framework for 17 goals."))
        #expect(!diff.contains("Measuring progress"))
    }

    @Test func markPreservesCRLFAndByteOrderMark() throws {
        let project = try project()
        defer { project.cleanUp() }
        var bytes = Data([0xEF, 0xBB, 0xBF])
        bytes.append(Data(Self.french.replacingOccurrences(of: "\n", with: "\r\n").utf8))
        try project.write("Content/fr/01-introduction.md", bytes)
        #expect(TranslationMarker.mark(project: project.root, files: ["fr/01-introduction.md"], allLanguage: nil).succeeded)
        let written = try Data(contentsOf: project.root.appendingPathComponent("Content/fr/01-introduction.md"))
        #expect(written.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: written.dropFirst(3), as: UTF8.self)
        #expect(text.contains("translation:\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(try state(project) == .current)
    }

    @Test func markingTheSourceOrAnUnknownFileIsAnError() throws {
        let project = try project()
        defer { project.cleanUp() }
        let source = TranslationMarker.mark(project: project.root, files: ["en/01-introduction.md"], allLanguage: nil)
        #expect(!source.succeeded)
        #expect(source.diagnostics.first?.message == "Content/en/01-introduction.md is in the source language: mark translations, not sources")
        let unknown = TranslationMarker.mark(project: project.root, files: ["fr/09-none.md"], allLanguage: nil)
        #expect(unknown.diagnostics.first?.message.contains("no chapter Content/fr/09-none.md") == true)
    }

    @Test func wordDiffShowsChangesWithContext() {
        #expect(WordDiff.render(old: "a b c d", new: "a x c d") == "a [-b-] {+x+} c d")
        let long = (1...30).map(String.init).joined(separator: " ")
        let changed = long.replacingOccurrences(of: " 15 ", with: " fifteen ")
        #expect(WordDiff.render(old: long, new: changed, context: 2) == "… 13 14 [-15-] {+fifteen+} 16 17 …")
        #expect(WordDiff.render(old: "same words", new: "same\nwords") == "")
    }

    private func git(_ arguments: [String], in folder: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = folder
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}

@Suite struct ParityTests {
    private func warnings(source: String, translation: String) throws -> SiteBuilder.Result {
        var files = FixtureProject.basicFiles
        files["Content/en/01-introduction.md"] = source
        files["Content/fr/01-introduction.md"] = translation
        let project = try FixtureProject(files: files)
        defer { project.cleanUp() }
        return project.check()
    }

    static let source = "---\ntitle: S\n---\n## One\n\nIn 2020, 91 KPIs.[^1] See [UNECE](https://unece.org).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n## Two\n\nText.\n\n[^1]: Note.\n"

    @Test func matchingTranslationHasNoParityWarning() throws {
        let translation = "---\ntitle: T\n---\n## Un\n\nEn 2020, 91 ICP.[^1] Voir [CEE](https://unece.org).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n## Deux\n\nTexte.\n\n[^1]: Note.\n"
        let result = try warnings(source: Self.source, translation: translation)
        let french = result.warnings.filter { $0.location?.file == "Content/fr/01-introduction.md" }
        #expect(french.isEmpty, "\(french)")
    }

    @Test func missingHeadingIsReported() throws {
        let translation = "---\ntitle: T\n---\n## Un\n\nEn 2020, 91 ICP.[^1] Voir [CEE](https://unece.org).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nTexte.\n\n[^1]: Note.\n"
        let warning = try #require(try warnings(source: Self.source, translation: translation).diagnostic(containing: "level-2 heading"))
        #expect(warning.message == "1 level-2 heading here, 2 in the source Content/en/01-introduction.md")
        #expect(warning.location == SourceLocation(file: "Content/fr/01-introduction.md", line: 4))
    }

    @Test func footnoteTableAndImageCounts() throws {
        let translation = "---\ntitle: T\n---\n## Un\n\nEn 2020, 91 ICP. Voir [CEE](https://unece.org).\n\n## Deux\n\n![Carte](https://unece.org/map.png)\n"
        let result = try warnings(source: Self.source, translation: translation)
        #expect(result.diagnostic(containing: "0 footnotes here, 1 in the source")?.location?.file == "Content/fr/01-introduction.md")
        #expect(result.diagnostic(containing: "0 tables here, 1 in the source") != nil)
        #expect(result.diagnostic(containing: "1 image here, 0 in the source")?.location?.line == 10)
    }

    @Test func linksToDifferentTargets() throws {
        let translation = "---\ntitle: T\n---\n## Un\n\nEn 2020, 91 ICP.[^1] Voir [CEE](https://unece.org/fr).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n## Deux\n\nTexte.\n\n[^1]: Note.\n"
        let result = try warnings(source: Self.source, translation: translation)
        #expect(result.diagnostic(containing: "the source links to 'https://unece.org', the translation does not") != nil)
        #expect(result.diagnostic(containing: "the translation links to 'https://unece.org/fr', the source does not")?.location?.line == 6)
    }

    @Test func aMistypedYearIsCaught() throws {
        let translation = "---\ntitle: T\n---\n## Un\n\nEn 2002, 91 ICP.[^1] Voir [CEE](https://unece.org).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n## Deux\n\nTexte.\n\n[^1]: Note.\n"
        let warning = try #require(try warnings(source: Self.source, translation: translation).diagnostic(containing: "of the source is not in the translation"))
        #expect(warning.message == "number 2020 of the source is not in the translation (this section)")
        #expect(warning.location == SourceLocation(file: "Content/fr/01-introduction.md", line: 4))
        #expect(warning.severity == .warning)
    }

    @Test func numbersCompareAcrossDecimalAndGroupingConventions() {
        #expect(ParityChecker.Shape.numbers(in: "96.67 % and 18,800 and 100 000 in 2020.") == ["9667", "18800", "100000", "2020"])
        #expect(ParityChecker.Shape.numbers(in: "96,67 % et 18 800 et 100\u{00A0}000 en 2020.") == ["9667", "18800", "100000", "2020"])
    }
}

@Suite struct LanguageSelectionTests {
    @Test func buildingOneLanguageRendersItAndTheSource() throws {
        var files = FixtureProject.basicFiles
        files["Content/publication.yml"] = "title: {en: T}\nsource-language: en\nlanguages: [en, fr, ru]\n"
        let project = try FixtureProject(files: files)
        defer { project.cleanUp() }
        let result = SiteBuilder.build(SiteBuilder.Options(project: project.root, onlyLanguages: ["fr"]))
        #expect(result.succeeded)
        #expect(project.exists("fr/introduction/index.html"))
        #expect(project.exists("en/introduction/index.html"))
        #expect(!project.exists("ru/index.html"))
        let wrong = SiteBuilder.build(SiteBuilder.Options(project: project.root, onlyLanguages: ["fe"]))
        #expect(wrong.diagnostic(containing: "--lang fe: not one of the publication's languages")?.message.contains("did you mean 'fr'?") == true)
    }
}

import Foundation
import Testing
@testable import FolioCore
import FolioFuzzing

/// `folio translations export` and `import`: round trips on the bundled publication, every import
/// diagnostic at its file and line, hostile XML refused, and real clients (gettext, Translate Toolkit)
/// reading the exported files.
@Suite(.serialized) struct TranslationExchangeTests {
    /// The bundled publication (Content/ of this repository) in a temporary folder.
    private func bundled() throws -> FixtureProject {
        let project = try FixtureProject(files: [:])
        try FileManager.default.copyItem(at: FixtureProject.repository.appendingPathComponent("Content"),
                                         to: project.root.appendingPathComponent("Content"))
        return project
    }

    private func text(_ project: FixtureProject, _ path: String) throws -> String {
        try String(contentsOf: project.root.appendingPathComponent(path), encoding: .utf8)
    }

    private func body(_ text: String) -> String {
        guard case .success(let split) = FrontMatter.split(text) else { return text }
        return split.body
    }

    private func export(_ project: FixtureProject, _ language: String, _ format: TranslationExporter.Format,
                        _ scope: TranslationExporter.Scope = .all) throws -> String {
        let outcome = TranslationExporter.export(project: project.root, language: language, format: format, scope: scope)
        #expect(outcome.succeeded, "\(outcome.diagnostics)")
        return try #require(outcome.text)
    }

    @discardableResult
    private func importText(_ project: FixtureProject, _ text: String, name: String) throws -> TranslationImporter.Outcome {
        let file = project.root.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return TranslationImporter.importFile(file, displayPath: name, project: project.root)
    }

    /// Every `msgstr` set to its `msgid`: a translation equal to the source.
    private func poWithTargetsEqualToSources(_ po: String) -> String {
        var lines = po.components(separatedBy: "\n")
        for index in lines.indices.dropFirst() where lines[index].hasPrefix("msgstr ") && lines[index - 1].hasPrefix("msgid \"") {
            if lines[index - 1] != "msgid \"\"" { lines[index] = "msgstr " + lines[index - 1].dropFirst("msgid ".count) }
        }
        return lines.joined(separator: "\n").replacingOccurrences(of: "#, fuzzy\n", with: "")
    }

    // MARK: - Round trips

    @Test func exportThenImportWithTargetEqualToSourceGivesTheSourceChapters() throws {
        let project = try bundled()
        defer { project.cleanUp() }
        try FileManager.default.removeItem(at: project.root.appendingPathComponent("Content/fr"))
        try FileManager.default.createDirectory(at: project.root.appendingPathComponent("Content/fr"), withIntermediateDirectories: true)
        let po = try export(project, "fr", .po)
        let outcome = try importText(project, poWithTargetsEqualToSources(po), name: "fr.po")
        #expect(outcome.succeeded, "\(outcome.diagnostics)")
        // Every part of the book, in book order: front matter, chapters, annexes.
        let loaded = try #require(ContentLoader.load(project: project.root, diagnostics: DiagnosticCollector()))
        let sources = loaded.sourceChapters.map(\.fileName)
        #expect(sources.contains("foreword.md") && sources.contains("annex-1-methodology.md"))
        #expect(outcome.written.map(\.path) == sources.map { "Content/fr/\($0)" })
        for name in sources {
            #expect(body(try text(project, "Content/fr/\(name)")) == body(try text(project, "Content/en/\(name)")), "\(name)")
        }
        #expect(outcome.written.allSatisfy { $0.translated == $0.units && $0.sectionsCurrent == $0.sections })
        // It builds: no error, no parity warning, every French chapter current.
        let check = project.check(pdf: .skip)
        #expect(check.succeeded, "\(check.diagnostics.filter { $0.severity == .error })")
        #expect(!check.diagnostics.contains { $0.location?.file.hasPrefix("Content/fr/") == true && $0.message.contains("in the source") })
        let publication = try #require(ContentLoader.load(project: project.root, diagnostics: DiagnosticCollector()))
        #expect(TranslationReport(publication: publication, only: "fr").entries.allSatisfy { $0.state == .current })
    }

    @Test func editingOneUnitChangesExactlyThatText() throws {
        let project = try bundled()
        defer { project.cleanUp() }
        // The existing French comes back as the units' targets. Imported as it is, it gives the baseline
        // (the French rebuilt on its source's structure); imported with one target changed, that line only.
        let xliff = try export(project, "fr", .xliff)
        #expect(try importText(project, xliff, name: "same.xlf").succeeded)
        let before = try text(project, "Content/fr/01-introduction.md")
        #expect(try importText(project, xliff, name: "same.xlf").succeeded)
        #expect(try text(project, "Content/fr/01-introduction.md") == before)  // importing twice changes nothing
        let target = "<target state=\"translated\">Les politiques doivent reposer sur des données probantes."
        #expect(xliff.contains(target))
        let edited = xliff.replacingOccurrences(of: target, with: "<target state=\"translated\">Toute politique exige des données probantes.")
        let outcome = try importText(project, edited, name: "fr.xlf")
        #expect(outcome.succeeded, "\(outcome.diagnostics)")
        let after = try text(project, "Content/fr/01-introduction.md")
        let changed = zip(body(before).components(separatedBy: "\n"), body(after).components(separatedBy: "\n")).filter { $0 != $1 }
        #expect(changed.count == 1)
        #expect(changed.first?.1.hasPrefix("Toute politique exige des données probantes. La publication s'appuie donc") == true)
        #expect(changed.first?.0.hasPrefix("Les politiques doivent reposer sur des données probantes. La publication s'appuie donc") == true)
        #expect(body(before).components(separatedBy: "\n").count == body(after).components(separatedBy: "\n").count)
    }

    @Test func staleExportCarriesThePreviousSourceAndTheCurrentTranslation() throws {
        let project = try bundled()
        defer { project.cleanUp() }
        // Without git history the previous source is unknown: the changed section's units come as fuzzy.
        let path = "Content/en/01-introduction.md"
        let source = try text(project, path)
        try project.write(path, source.replacingOccurrences(of: "Policies need evidence.", with: "Policies need sound evidence."))
        let po = try export(project, "fr", .po, .stale)
        #expect(po.contains("msgid \"Policies need sound evidence. The publication therefore draws"))
        #expect(po.contains("#, fuzzy\nmsgctxt \"en/01-introduction.md|measuring-progress/p1\""))
        #expect(po.contains("msgstr \"Les politiques doivent reposer sur des données probantes."))
        // Units of unchanged sections are not exported; chapters never translated are, whole.
        #expect(!po.contains("msgid \"Cities and the 2030 Agenda\""))
        #expect(po.contains("msgctxt \"en/04-urban-planning.md|_meta/title\""))
        // The glossary's terms are in the notes.
        #expect(po.contains("#. Glossary: key performance indicator → indicateur clef de performance"))
    }

    /// With git history, a stale unit carries the source its translation was made from.
    @Test func staleExportWithGitHistoryCarriesThePreviousSource() throws {
        let project = try bundled()
        defer { project.cleanUp() }
        func git(_ arguments: String...) throws {
            let result = try run(["git", "-C", project.root.path, "-c", "user.email=test@example.org", "-c", "user.name=Test"] + arguments)
            #expect(result.status == 0, "\(result.output)")
        }
        try git("init", "-q")
        try git("add", "-A")
        try git("commit", "-qm", "translations marked")
        let path = "Content/en/01-introduction.md"
        try project.write(path, try text(project, path)
            .replacingOccurrences(of: "Policies need evidence.", with: "Policies need sound evidence.")
            .replacingOccurrences(of: "## Key messages\n\n", with: "## Key messages\n\nFour messages stand out.\n\n"))
        try git("commit", "-qam", "source revised")
        let po = try export(project, "fr", .po, .stale)
        // The changed paragraph: fuzzy, its previous source, its current French.
        #expect(po.contains("""
        #, fuzzy
        #| msgctxt "en/01-introduction.md|measuring-progress/p1"
        #| msgid "Policies need evidence. The publication therefore draws
        """))
        #expect(po.contains("msgid \"Policies need sound evidence."))
        #expect(po.contains("msgstr \"Les politiques doivent reposer sur des données probantes."))
        // The paragraph added to "Key messages" is new; the section's list items, unchanged, are not exported.
        #expect(po.contains("msgctxt \"en/01-introduction.md|key-messages/p1\"\nmsgid \"Four messages stand out.\"\nmsgstr \"\""))
        #expect(!po.contains("key-messages/li1"))
        // The units of the other paragraph of "Measuring progress" did not change: not exported.
        #expect(!po.contains("measuring-progress/p2"))
    }

    /// Every inline construct (emphasis of both kinds, strikethrough, code spans, links with titles,
    /// autolinks, images, footnotes, escapes, entities, hard breaks of both kinds, soft breaks in list
    /// items, quotes and boxes, table cells with an escaped pipe, a caption, review marks, a KPI title):
    /// exported, imported as the source gives the source; each unit with Markdown characters added gives a
    /// chapter of the same structure where every unit says them as text.
    @Test(arguments: [TranslationExporter.Format.po, .xliff])
    func everyInlineConstructSurvivesTheRoundTrip(_ format: TranslationExporter.Format) throws {
        let chapter = try String(contentsOf: FixtureProject.repository.appendingPathComponent("Tests/Fixtures/exchange/01-tricky.md"),
                                 encoding: .utf8)
        let project = try FixtureProject(files: ["Content/publication.yml": "title: {en: Tricky, fr: Épineux}\nsource-language: en\nlanguages: [en, fr]\n",
                                                 "Content/en/01-tricky.md": chapter])
        defer { project.cleanUp() }
        let outcome = TranslationExporter.export(project: project.root, language: "fr", format: .po, scope: .all)
        #expect(outcome.diagnostics.isEmpty, "\(outcome.diagnostics)")  // no block left unexported
        #expect(outcome.units == 21)
        let po = try #require(outcome.text)
        let added = " (FR) *x* [y](z) <b> &amp; _u_ ~~s~~ 1. # \\\\ |"
        var lines = po.components(separatedBy: "\n")
        var edited = lines
        for index in lines.indices.dropFirst() where lines[index].hasPrefix("msgstr ") && lines[index - 1].hasPrefix("msgid \"") {
            guard lines[index - 1] != "msgid \"\"" else { continue }
            lines[index] = "msgstr " + lines[index - 1].dropFirst("msgid ".count)
            edited[index] = "msgstr " + lines[index - 1].dropFirst("msgid ".count).dropLast() + added + "\""
        }
        let same = try importText(project, lines.joined(separator: "\n"), name: "same.po")
        #expect(same.succeeded, "\(same.diagnostics)")
        #expect(body(try text(project, "Content/fr/01-tricky.md")) == body(chapter))

        let changed = try importText(project, edited.joined(separator: "\n"), name: "edited.po")
        #expect(changed.succeeded, "\(changed.diagnostics)")
        #expect(changed.written.first?.translated == 21)
        // Read back, every unit is its source followed by the added text, as text.
        let back = TranslationExporter.export(project: project.root, language: "fr", format: format, scope: .all)
        let read = TranslationImporter.parse(Data(try #require(back.text).utf8), path: "back")
        #expect(read.units.count == 21)
        for unit in read.units {
            let source = try #require(unit.source)
            #expect(unit.target == source + added.replacingOccurrences(of: "&amp;", with: "&amp;").replacingOccurrences(of: "\\\\", with: "\\"),
                    "\(unit.id)")
        }
        // It builds: the only finding is the link to the source heading's anchor (a documented limit).
        let check = project.check(pdf: .skip)
        #expect(check.succeeded)
        #expect(check.diagnostics.filter { $0.location?.file == "Content/fr/01-tricky.md" }.map(\.message)
                == ["no anchor '#a-heading-with-code-and-a-link' on the page of Content/fr/01-tricky.md"])
    }

    /// Every chapter in the repository, in any language, exported as a source and imported back with
    /// its own text, comes back byte for byte (the exchange-roundtrip fuzz target's property).
    @Test func everyChapterOfTheRepositoryRoundTrips() throws {
        let harness = try FuzzTarget.exchangeRoundTrip.makeHarness(repository: FixtureProject.repository)
        let roots = ["Content", "Tests/Fixtures"].map { FixtureProject.repository.appendingPathComponent($0) }
        var chapters: [URL] = []
        for root in roots {
            let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
            while let url = walker?.nextObject() as? URL {
                if url.pathExtension == "md", !url.path.contains("fuzz-regressions"), !url.lastPathComponent.hasPrefix("_") { chapters.append(url) }
            }
        }
        #expect(chapters.count > 40)
        for chapter in chapters.sorted(by: { $0.path < $1.path }) {
            let violations = harness.violations(for: try Data(contentsOf: chapter))
            #expect(violations.isEmpty, "\(chapter.path): \(violations)")
        }
    }

    // MARK: - Diagnostics

    @Test func mismatchedUnitsAreRefusedOneDiagnosticEachAndNothingIsWritten() throws {
        let project = try bundled()
        defer { project.cleanUp() }
        let before = try text(project, "Content/fr/01-introduction.md")
        // The nexus paragraph as the current source has it (emphasis <1>, and a call <2/> at its end).
        let exported = try export(project, "fr", .po).components(separatedBy: "\n")
        let context = "msgctxt \"en/01-introduction.md|the-unece-nexus-sustainable-and-smart-cities-for-all-ages/p2\""
        let nexus = try #require(exported.firstIndex(of: context).map { exported[$0 + 1] })
        let po = """
        msgid ""
        msgstr ""
        "Language: fr\\n"
        "Content-Type: text/plain; charset=UTF-8\\n"

        msgctxt "en/01-introduction.md|no-such-section/p9"
        msgid "Anything"
        msgstr "Rien"

        \(context)
        \(nexus)
        msgstr "L'objectif du nexus : des villes plus intelligentes, sans la note."

        msgctxt "en/01-introduction.md|what-is-a-smart-sustainable-city/h1"
        msgid "What is a smart sustainable city?"
        msgstr "Qu'est-ce qu'une <3>ville intelligente et durable</3> ?"

        msgctxt "en/01-introduction.md|cities-and-the-2030-agenda/h1"
        msgid "Cities and the Agenda"
        msgstr "Les villes et le Programme"

        msgctxt "en/09-missing.md|x/p1"
        msgid "A"
        msgstr "B"

        """
        let outcome = try importText(project, po, name: "bad.po")
        #expect(!outcome.succeeded)
        #expect(outcome.written.isEmpty)
        let found = outcome.diagnostics.map { "\($0.location?.file ?? ""):\($0.location?.line ?? 0): \($0.message)" }
        #expect(found.count == 5, "\(found)")
        #expect(found.contains { $0.hasPrefix("bad.po:6: unknown unit id 'no-such-section/p9': Content/en/01-introduction.md has no such unit") })
        #expect(found.contains { $0.hasPrefix("bad.po:10: unit 'the-unece-nexus-sustainable-and-smart-cities-for-all-ages/p2': missing placeholders <1>…</1> (*…*), <2/> (") })
        #expect(found.contains { $0.hasPrefix("bad.po:14: unit 'what-is-a-smart-sustainable-city/h1': placeholders added: <3>, </3> (the source has no such tag)") })
        #expect(found.contains { $0.hasPrefix("bad.po:18: the source of unit 'cities-and-the-2030-agenda/h1' changed since the export") })
        #expect(found.contains { $0.hasPrefix("bad.po:22: the file translates 'en/09-missing.md', which is not a source chapter") })
        #expect(try text(project, "Content/fr/01-introduction.md") == before)
    }

    @Test func xliffTagProblemsAndLanguageAreReportedAtTheirLines() throws {
        let project = try bundled()
        defer { project.cleanUp() }
        let xliff = """
        <?xml version="1.0" encoding="UTF-8"?>
        <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
          <file original="en/01-introduction.md" source-language="en" target-language="fr" datatype="x-markdown">
            <body>
              <trans-unit id="the-unece-nexus-sustainable-and-smart-cities-for-all-ages/p2">
                <target>Texte <ept id="1">*</ept>mal<bpt id="1">*</bpt> imbriqué<ph id="2">[^1]</ph>.</target>
              </trans-unit>
              <trans-unit id="what-is-a-smart-sustainable-city/h1">
                <target>Texte <ph id="x1">?</ph></target>
              </trans-unit>
            </body>
          </file>
        </xliff>
        """
        let outcome = try importText(project, xliff, name: "bad.xlf")
        let found = outcome.diagnostics.map { "\($0.location?.file ?? ""):\($0.location?.line ?? 0): \($0.message)" }
        #expect(found.count == 2, "\(found)")
        #expect(found.contains { $0.hasPrefix("bad.xlf:5: unit 'the-unece-nexus-sustainable-and-smart-cities-for-all-ages/p2': </1> comes before <1>; <1> is never closed") })
        #expect(found.contains { $0.hasPrefix("bad.xlf:8: unit 'what-is-a-smart-sustainable-city/h1': the tag <ph id=\"x1\"> is not one of this unit's placeholders (placeholder added)") })

        let other = try importText(project, xliff.replacingOccurrences(of: "target-language=\"fr\"", with: "target-language=\"de\""), name: "de.xlf")
        #expect(other.diagnostics.contains { $0.message == "the file's target language 'de' is not a translation language of this publication (fr, ru)"
            && $0.location == SourceLocation(file: "de.xlf", line: 1, column: 1) })
    }

    @Test func poSyntaxErrorsAreReportedAtTheirLineAndColumn() throws {
        let project = try bundled()
        defer { project.cleanUp() }
        let outcome = try importText(project, "msgid \"\"\nmsgstr \"Language: fr\\n\"\n\nmsgctxt \"en/01-introduction.md|x\"\nmsgid \"a\\q\"\nmsgstr \"b\n", name: "syntax.po")
        let found = outcome.diagnostics.map { "\($0.location?.description ?? ""): \($0.message)" }
        #expect(found == ["syntax.po:5:9: unknown escape '\\q' in a string",
                          "syntax.po:6:8: the string is not closed: add a '\"' at the end of the line"], "\(found)")
    }

    // MARK: - Hostile XML

    @Test func externalEntitiesAreRefusedBeforeAnythingIsRead() throws {
        let project = try bundled()
        defer { project.cleanUp() }
        // A named pipe: reading it would block until a writer comes, so a parser that tried would hang.
        let pipe = project.root.appendingPathComponent("secret.fifo").path
        #expect(mkfifo(pipe, 0o600) == 0)
        let xxe = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE xliff [<!ENTITY e SYSTEM "file://\(pipe)">]>
        <xliff version="1.2"><file original="en/01-introduction.md" source-language="en" target-language="fr"><body>
        <trans-unit id="_meta/title"><source>Introduction</source><target>&e;</target></trans-unit></body></file></xliff>
        """
        let start = ContinuousClock.now
        let outcome = try importText(project, xxe, name: "xxe.xlf")
        #expect(ContinuousClock.now - start < .seconds(2))
        #expect(outcome.written.isEmpty)
        #expect(outcome.diagnostics.count == 1)
        #expect(outcome.diagnostics.first?.location == SourceLocation(file: "xxe.xlf", line: 2, column: 1))
        #expect(outcome.diagnostics.first?.message.hasPrefix("a document type declaration (<!DOCTYPE) is not accepted") == true)
        // Nobody opened the pipe for reading: opening it for writing without blocking finds no reader.
        let writer = open(pipe, O_WRONLY | O_NONBLOCK)
        #expect(writer == -1 && errno == ENXIO)
        if writer >= 0 { close(writer) }
    }

    @Test func billionLaughsIsRefusedQuickly() throws {
        let file = FixtureProject.repository.appendingPathComponent("Tests/Fixtures/fuzz-regressions/exchange-import/billion-laughs.xlf")
        let start = ContinuousClock.now
        let (units, diagnostics) = TranslationImporter.parse(try Data(contentsOf: file), path: "billion-laughs.xlf")
        #expect(ContinuousClock.now - start < .seconds(1))
        #expect(units.isEmpty)
        #expect(diagnostics.map(\.location) == [SourceLocation(file: "billion-laughs.xlf", line: 2, column: 1)])
        // Even an entity declared without a DOCTYPE line of its own, or in another case, is refused.
        let sneaky = Data("<?xml version=\"1.0\"?>\n<!doctype x [<!ENTITY a \"b\">]><x>&a;</x>".utf8)
        #expect(TranslationImporter.parse(sneaky, path: "s.xlf").diagnostics.first?.message.contains("document type declaration") == true)
        let utf16 = Data([0xFF, 0xFE]) + "<x/>".data(using: .utf16LittleEndian)!
        #expect(TranslationImporter.parse(utf16, path: "u.xlf").diagnostics.map(\.message) == ["the file is UTF-16 or UTF-32: save it as UTF-8"])
    }

    // MARK: - Real clients

    private static let venvPython = FixtureProject.repository.appendingPathComponent(".tools/venv/bin/python").path

    private func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func gettextAndTranslateToolkitReadTheExports() throws {
        let project = try bundled()
        defer { project.cleanUp() }
        let outcome = TranslationExporter.export(project: project.root, language: "ru", format: .po, scope: .all)
        let po = try #require(outcome.text)
        let poFile = project.root.appendingPathComponent("ru.po")
        try Data(po.utf8).write(to: poFile)
        let xliffFile = project.root.appendingPathComponent("ru.xlf")
        try Data(try export(project, "ru", .xliff).utf8).write(to: xliffFile)

        let msgfmt = try run(["msgfmt", "--check", "--output-file=/dev/null", poFile.path])
        #expect(msgfmt.status == 0, "\(msgfmt.output)")

        // pocount: every unit counted once, in both formats.
        let pocount = FixtureProject.repository.appendingPathComponent(".tools/venv/bin/pocount").path
        for file in [poFile, xliffFile] {
            let counted = try run([pocount, "--csv", file.path])
            #expect(counted.status == 0, "\(counted.output)")
            let row = try #require(counted.output.split(separator: "\n").last { $0.hasPrefix(file.path) })
            let fields = row.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            // Filename, Translated Messages, Translated Source Words, Translated Target Words, Fuzzy Messages, Fuzzy Source
            // Words, Untranslated Messages, Untranslated Source Words, Total Message, …
            let total = (Int(fields[1]) ?? -1) + (Int(fields[4]) ?? -1) + (Int(fields[6]) ?? -1)
            #expect(Int(fields[8]) == outcome.units)
            #expect(total == outcome.units, "\(file.lastPathComponent): \(row)")
        }
        // Translate Toolkit's own parsers: the units, their ids and the placeholders as XLIFF elements.
        let script = """
        import sys
        from translate.storage import factory
        for path in sys.argv[1:]:
            store = factory.getobject(path)
            units = [u for u in store.units if u.istranslatable()]
            print(path.rsplit(".", 1)[1], len(units), sum(1 for u in units if u.istranslated()))
        """
        let parsed = try run([Self.venvPython, "-c", script, poFile.path, xliffFile.path])
        #expect(parsed.status == 0, "\(parsed.output)")
        // Translated: a target that is neither empty nor fuzzy (folio's reader counts them the same way).
        let translatedRussian = TranslationImporter.parse(Data(po.utf8), path: "ru.po").units.filter { $0.target != nil }.count
        #expect(parsed.output.split(separator: "\n").map(String.init) == ["po \(outcome.units) \(translatedRussian)",
                                                                          "xlf \(outcome.units) \(translatedRussian)"])
    }

    /// OmegaT (Debian's, headless, console mode) translates a project made from the XLIFF with a
    /// translation memory; folio imports what OmegaT wrote.
    @Test func omegatTranslatesAProjectMadeFromTheExport() throws {
        let project = try FixtureProject(fixture: "six-languages")
        defer { project.cleanUp() }
        for name in try FileManager.default.contentsOfDirectory(atPath: project.root.appendingPathComponent("Content/fr").path) {
            try project.remove("Content/fr/\(name)")
        }
        let omegat = project.root.appendingPathComponent("omegat")
        for folder in ["source", "target", "tm", "glossary", "dictionary", "omegat"] {
            try FileManager.default.createDirectory(at: omegat.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try Data(try export(project, "fr", .xliff).utf8).write(to: omegat.appendingPathComponent("source/fr.xlf"))
        try Data("""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <omegat><project version="1.0"><source_dir>source</source_dir><source_dir_excludes/><target_dir>target</target_dir>
        <tm_dir>tm</tm_dir><glossary_dir>glossary</glossary_dir><glossary_file>glossary/glossary.txt</glossary_file>
        <dictionary_dir>dictionary</dictionary_dir><source_lang>EN</source_lang><target_lang>FR</target_lang>
        <source_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</source_tok><target_tok>org.omegat.tokenizer.LuceneFrenchTokenizer</target_tok>
        <sentence_seg>false</sentence_seg><support_default_translations>true</support_default_translations><remove_tags>false</remove_tags>
        </project></omegat>
        """.utf8).write(to: omegat.appendingPathComponent("omegat.project"))
        // The project's translation memory: two headings of chapter 1.
        try Data("""
        <?xml version="1.0" encoding="UTF-8"?>
        <tmx version="1.4"><header creationtool="folio-test" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext" segtype="paragraph" srclang="EN"/>
        <body>
        <tu><tuv xml:lang="EN"><seg>Why cities matter</seg></tuv><tuv xml:lang="FR"><seg>Pourquoi les villes comptent</seg></tuv></tu>
        <tu><tuv xml:lang="EN"><seg>What makes a city smart and sustainable</seg></tuv><tuv xml:lang="FR"><seg>Ce qui rend une ville intelligente et durable</seg></tuv></tu>
        </body></tmx>
        """.utf8).write(to: omegat.appendingPathComponent("omegat/project_save.tmx"))
        let run = try run(["java", "-Djava.awt.headless=true", "-jar", "/usr/share/omegat/OmegaT.jar", omegat.path, "--mode=console-translate"])
        #expect(run.status == 0, "\(run.output)")
        let translated = omegat.appendingPathComponent("target/fr.xlf")
        let outcome = TranslationImporter.importFile(translated, displayPath: "target/fr.xlf", project: project.root)
        #expect(outcome.succeeded, "\(outcome.diagnostics)")
        #expect(outcome.written.map(\.path) == ["Content/fr/01-cities-and-the-2030-agenda.md"])
        #expect(outcome.written.first?.translated == 2)
        let chapter = try text(project, "Content/fr/01-cities-and-the-2030-agenda.md")
        #expect(chapter.contains("## Pourquoi les villes comptent {#sec-why-cities-matter}\n"))
        #expect(chapter.contains("\n## Ce qui rend une ville intelligente et durable\n"))
    }
}

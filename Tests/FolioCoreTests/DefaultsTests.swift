import Foundation
import Testing
@testable import FolioCore

/// The built-in defaults, `folio templates list/eject` and `folio new`.
@Suite struct DefaultsTests {
    @Test func everyFileOfTheRepositorysTemplatesIsADefault() throws {
        let folder = FixtureProject.repository.appendingPathComponent("Templates")
        let own = TemplateSource(folder: folder).ownFiles()
        #expect(!own.isEmpty)
        #expect(own == BuiltInFiles.templatePaths, "Templates/ and the compiled defaults differ: rebuild")
        for relative in own {
            #expect(BuiltInFiles.data("Templates/\(relative)") == FileManager.default.contents(atPath: folder.appendingPathComponent(relative).path),
                    "\(relative)")
        }
        #expect(BuiltInFiles.data("Content/kpis.yml") == FileManager.default.contents(
            atPath: FixtureProject.repository.appendingPathComponent("Content/kpis.yml").path))
        #expect(!FolioVersion.commit.isEmpty)
    }

    @Test func aPublicationsOwnFileTakesThePlaceOfTheDefaultFileByFile() throws {
        let project = try FixtureProject()
        defer { project.cleanUp() }
        try project.write("Templates/i18n/en.yml", try project.defaultTemplate("i18n/en.yml")
            .replacingOccurrences(of: "contents: Contents", with: "contents: Table of contents"))
        try project.write("Templates/assets/folio.css", "body { color: black }\n")
        let result = project.build()
        #expect(result.succeeded, "\(result.errors)")
        #expect(try project.read("en/index.html").contains("Table of contents"))
        // French is still folio's default.
        #expect(try project.read("fr/index.html").contains("Sommaire") || !(try project.read("fr/index.html").contains("Table of contents")))
        let css = try #require(try FileManager.default.contentsOfDirectory(atPath: project.output.appendingPathComponent("assets").path)
            .first { $0.hasPrefix("folio.") && $0.hasSuffix(".css") })
        #expect(try project.read("assets/\(css)") == "body { color: black }\n")
        #expect(project.exists("en/kpis/index.html"), "the built-in catalogue gives the KPI index")
    }

    @Test func listMarksOverridesAndADefaultNewerThanTheOverride() throws {
        let project = try FixtureProject()
        defer { project.cleanUp() }
        let inventory = TemplateInventory(project: project.root)
        let ejected = inventory.eject(["layout", "i18n/fr.yml"])
        #expect(ejected.diagnostics.isEmpty)
        #expect(ejected.written == ["Templates/layout.mustache", "Templates/i18n/fr.yml"])
        try project.write("Templates/i18n/fr.yml", try project.defaultTemplate("i18n/fr.yml") + "# ours\n")
        try project.write("Templates/partials/extra.mustache", "<p>extra</p>\n")
        func state(_ list: [TemplateInventory.Entry], _ path: String) -> TemplateInventory.State? {
            list.first { $0.path == path }?.state
        }
        let now = inventory.list()
        #expect(state(now, "Templates/layout.mustache") == .sameAsDefault)
        #expect(state(now, "Templates/i18n/fr.yml") == .overridden)
        #expect(state(now, "Templates/home.mustache") == .default)
        #expect(state(now, "Templates/partials/extra.mustache") == .own)
        #expect(state(now, "Content/kpis.yml") == .default)
        // A later folio whose default French strings changed: the publication's copy is now older.
        var newer = BuiltInFiles.all
        newer["Templates/i18n/fr.yml"] = Data(((try project.defaultTemplate("i18n/fr.yml")) + "new_key: nouveau\n").utf8)
        let later = TemplateInventory(project: project.root, defaults: newer).list()
        #expect(state(later, "Templates/i18n/fr.yml") == .defaultIsNewer)
        #expect(state(later, "Templates/layout.mustache") == .sameAsDefault)
    }

    @Test func ejectRefusesUnknownNamesAndKeepsExistingFiles() throws {
        let project = try FixtureProject()
        defer { project.cleanUp() }
        let inventory = TemplateInventory(project: project.root)
        let unknown = inventory.eject(["layuot"])
        #expect(unknown.written.isEmpty)
        #expect(unknown.diagnostics.first?.message == "'layuot' is not one of folio's default files (did you mean 'layout'?) (`folio templates list` shows them)")
        #expect(inventory.eject(["i18n"]).written.count == 6)
        try project.write("Templates/i18n/en.yml", "contents: Mine\n")
        let again = inventory.eject(["i18n/en.yml"])
        #expect(again.written.isEmpty)
        #expect(again.diagnostics.first?.message == "Templates/i18n/en.yml exists already: edit it, or eject again with --force to replace it with the default")
        #expect(try String(contentsOf: project.root.appendingPathComponent("Templates/i18n/en.yml"), encoding: .utf8) == "contents: Mine\n")
        #expect(inventory.eject(["kpis.yml"]).written == ["Content/kpis.yml"])
    }

    @Test func newMakesAPublicationThatBuildsAtOnce() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("folio-new-\(UUID().uuidString)/pub")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let today = try #require(CalendarDate(iso: "2026-12-07"))
        #expect(Scaffold.create(.init(folder: folder, title: "Cities \"for all\"", languages: ["en", "fr"], today: today)).isEmpty)
        let config = try String(contentsOf: folder.appendingPathComponent("Content/publication.yml"), encoding: .utf8)
        #expect(config.contains("title: {en: \"Cities \\\"for all\\\"\"}"))
        #expect(config.contains("- id: unece-review"))
        #expect(config.contains("due: 2026-12-06"), "the first review ended yesterday")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(".gitignore").path))
        let result = SiteBuilder.build(SiteBuilder.Options(project: folder, asOf: today, pdf: .skip, search: .off))
        #expect(result.succeeded, "\(result.errors)")
        #expect(result.warnings.map(\.message) == ["'introduction' is not yet translated into French (Content/fr/): the English text is shown with a notice"])
        let page = try String(contentsOf: folder.appendingPathComponent("Public/en/introduction/index.html"), encoding: .utf8)
        #expect(page.contains("EC: ICT: ICT: 1C") || page.contains("fig-1.1"))
    }

    @Test func newRefusesANonEmptyFolderAndUnknownLanguages() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("folio-new-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        let refused = Scaffold.create(.init(folder: folder))
        #expect(refused.map(\.message) == ["\(folder.path) is not empty (it holds notes.txt): folio new makes a publication only in a new or empty folder"])
        #expect(refused.first?.location == nil)
        let languages = Scaffold.create(.init(folder: folder.appendingPathComponent("new"), languages: ["en", "fre"]))
        #expect(languages.first?.message == "--languages: 'fre' is not one of the six UN languages (ar, zh, en, fr, ru, es) (did you mean 'fr'?)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("new").path))
    }
}

import Foundation
import Testing
@testable import FolioCore

/// The preview engine re-renders only what a change affects, and keeps the last good site on errors.
@Suite struct IncrementalBuildTests {
    private func engine() throws -> (FixtureProject, IncrementalBuilder) {
        let project = try FixtureProject()
        return (project, IncrementalBuilder(options: SiteBuilder.Options(project: project.root)))
    }

    private func page(_ engine: IncrementalBuilder, _ path: String) -> String {
        engine.file(path).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    @Test func firstBuildRendersEverythingThenNothingWhenNothingChanged() throws {
        let (project, engine) = try engine()
        defer { project.cleanUp() }
        let first = engine.rebuild()
        #expect(first.succeeded)
        #expect(first.reusedPages == 0)
        // Chooser, 2 homes, 2 × 2 chapters, 2 KPI indexes (the built-in catalogue), 2 imprints, 404.html, robots.txt.
        #expect(first.renderedPages == 13)
        let second = engine.rebuild()
        #expect(second.renderedPages == 0)
        #expect(second.generation == first.generation + 1)
    }

    @Test func aBodyEditReRendersThatChapterOnly() throws {
        let (project, engine) = try engine()
        defer { project.cleanUp() }
        engine.rebuild()
        try project.write("Content/en/02-governance.md", "---\ntitle: Governance\n---\n## Who decides\n\nA new sentence.\n")
        let outcome = engine.rebuild()
        #expect(outcome.renderedPages == 2) // the English page and the French fallback page
        #expect(page(engine, "en/governance/index.html").contains("A new sentence."))
        #expect(page(engine, "fr/governance/index.html").contains("A new sentence."))
    }

    @Test func aTitleEditReRendersTheNavigationOfItsLanguage() throws {
        let (project, engine) = try engine()
        defer { project.cleanUp() }
        engine.rebuild()
        try project.write("Content/fr/01-introduction.md", FixtureProject.basicFiles["Content/fr/01-introduction.md"]!
            .replacingOccurrences(of: "title: Introduction (FR)", with: "title: Avant-propos"))
        let outcome = engine.rebuild()
        // The French home, both French chapter pages and the French KPI index (navigation), not the English
        // ones or the chooser.
        #expect(outcome.renderedPages == 4)
        #expect(page(engine, "fr/governance/index.html").contains("Avant-propos"))
    }

    @Test func aTemplateEditReRendersEveryPage() throws {
        let (project, engine) = try engine()
        defer { project.cleanUp() }
        engine.rebuild()
        let home = try project.defaultTemplate("home.mustache")
        try project.write("Templates/home.mustache", home + "\n")
        #expect(engine.rebuild().renderedPages == 13)
    }

    @Test func errorsKeepTheLastGoodSite() throws {
        let (project, engine) = try engine()
        defer { project.cleanUp() }
        engine.rebuild()
        let before = page(engine, "en/governance/index.html")
        try project.write("Content/en/02-governance.md", "---\ntitle: [broken\n---\nText.\n")
        let failed = engine.rebuild()
        #expect(!failed.succeeded)
        #expect(failed.diagnostics.contains { $0.location?.file == "Content/en/02-governance.md" && $0.severity == .error })
        #expect(page(engine, "en/governance/index.html") == before)
        #expect(engine.diagnostics.contains { $0.severity == .error })
        try project.write("Content/en/02-governance.md", "---\ntitle: Governance\n---\nFixed.\n")
        #expect(engine.rebuild().succeeded)
        #expect(page(engine, "en/governance/index.html").contains("Fixed."))
        #expect(!engine.diagnostics.contains { $0.severity == .error })
    }

    @Test func theSnapshotMatchesAFullBuild() throws {
        let (project, engine) = try engine()
        defer { project.cleanUp() }
        engine.rebuild()
        try project.write("Content/en/02-governance.md", "---\ntitle: Governance\n---\nChanged.\n")
        engine.rebuild()
        #expect(project.build().succeeded)
        for path in ["index.html", "en/index.html", "fr/index.html", "en/governance/index.html", "fr/governance/index.html",
                     "en/introduction/index.html", "fr/introduction/index.html"] {
            #expect(page(engine, path) == (try project.read(path)), "\(path)")
        }
    }

    /// The checks' findings are kept per chapter between rebuilds; what is reported must still be what a
    /// full check finds, also in chapters that did not change (an anchor, a number or a link target
    /// that an edit elsewhere broke or fixed).
    @Test func theDiagnosticsMatchAFullCheckAfterEachEdit() throws {
        let (project, engine) = try engine()
        defer { project.cleanUp() }
        func reported(_ text: String) -> Bool {
            engine.rebuild()
            let full = SiteBuilder.check(SiteBuilder.Options(project: project.root, pdf: .skip)).diagnostics
            #expect(engine.diagnostics == full)
            return engine.diagnostics.contains { $0.message.contains(text) }
        }
        let governance = "---\ntitle: Governance\n---\n"
        #expect(reported("not yet translated"))
        // The introduction links to #who-decides in the governance chapter.
        try project.write("Content/en/02-governance.md", governance + "## Who votes\n")
        #expect(reported("no anchor '#who-decides'"))
        try project.write("Content/en/02-governance.md", governance + "## Who decides\n\nThe council.\n")
        #expect(!reported("no anchor '#who-decides'"))
        // A number new in the source is missing from the unchanged translation.
        let introduction = FixtureProject.basicFiles["Content/en/01-introduction.md"] ?? ""
        try project.write("Content/en/01-introduction.md", introduction.replacingOccurrences(of: "Cities matter.", with: "Cities matter in 1987."))
        #expect(reported("number 1987 of the source is not in the translation"))
        // A link to a chapter that does not exist yet, then the chapter.
        try project.write("Content/en/01-introduction.md", introduction + "\n\nSee [housing](03-housing.md).\n")
        #expect(!reported("number 1987"))
        #expect(reported("broken link"))
        try project.write("Content/en/03-housing.md", "---\ntitle: Housing\n---\nHomes.\n")
        #expect(!reported("broken link"))
    }
}

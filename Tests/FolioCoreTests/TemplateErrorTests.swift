import Foundation
import Testing
@testable import FolioCore

@Suite struct TemplateErrorTests {
    @Test func templateSyntaxErrorIsReportedAtTheTemplateLine() throws {
        let project = try FixtureProject()
        defer { project.cleanUp() }
        try project.write("Templates/home.mustache", "{{<layout}}\n{{$main}}\n<main>\n{{#chapters}}\n<p>{{title}}</p>\n{{/chapter}}\n</main>\n{{/main}}\n{{/layout}}\n")
        let result = project.build()
        #expect(!result.succeeded)
        let diagnostic = try #require(result.diagnostic(containing: "template syntax error"))
        #expect(diagnostic.location?.file == "Templates/home.mustache")
        #expect(diagnostic.location?.line == 6)
    }

    @Test func unknownPartialIsAnError() throws {
        let project = try FixtureProject()
        defer { project.cleanUp() }
        let layout = try project.defaultTemplate("layout.mustache")
        let partialLine = try #require(layout.components(separatedBy: "\n").firstIndex { $0.contains("{{> partials/language-switcher}}") }) + 1
        try project.write("Templates/layout.mustache", layout.replacingOccurrences(
            of: "{{> partials/language-switcher}}", with: "{{> partials/language-switch}}"))
        let result = project.build()
        #expect(!result.succeeded)
        let diagnostic = try #require(result.diagnostic(containing: "uses the partial 'partials/language-switch', which does not exist"))
        #expect(diagnostic.message.contains("did you mean 'partials/language-switcher'?"))
        #expect(diagnostic.location?.file == "Templates/layout.mustache")
        #expect(diagnostic.location?.line == partialLine)
    }

    @Test func listEntryPartialOfAVariableMustExist() throws {
        // alternateLinksHTML is joined from entries rendered with partials/alternate-link: without it
        // the head would silently lose every hreflang link.
        // folio's defaults always have the partial: a set of defaults without it stands for a design
        // that lost it.
        let project = try FixtureProject()
        defer { project.cleanUp() }
        let layout = try project.defaultTemplate("layout.mustache")
        let line = try #require(layout.components(separatedBy: "\n").firstIndex { $0.contains("{{{alternateLinksHTML}}}") }) + 1
        var defaults = BuiltInFiles.all
        defaults["Templates/partials/alternate-link.mustache"] = nil
        let collector = DiagnosticCollector()
        _ = TemplateSet.load(TemplateSource(folder: project.root.appendingPathComponent("Templates"), defaults: defaults),
                             diagnostics: collector)
        let diagnostic = try #require(collector.diagnostics.first { $0.message.contains( "uses 'alternateLinksHTML', whose entries are rendered with the partial 'partials/alternate-link', which does not exist") })
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.message.hasSuffix("create Templates/partials/alternate-link.mustache"))
        #expect(diagnostic.location?.file == "Templates/layout.mustache")
        #expect(diagnostic.location?.line == line)
        #expect(diagnostic.location?.column == 1)
    }

    @Test func interfaceStringUsedByATemplateMustExist() throws {
        let project = try FixtureProject()
        defer { project.cleanUp() }
        try project.write("Templates/languages.mustache", "{{<layout}}{{$main}}<main id=\"main\">{{t.no_such_string}}</main>{{/main}}{{/layout}}\n")
        let result = project.build()
        let diagnostic = try #require(result.diagnostic(containing: "'t.no_such_string'"))
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.location?.file == "Templates/languages.mustache")
    }

    @Test func missingInterfaceStringFallsBackToSourceWithWarning() throws {
        let project = try FixtureProject()
        defer { project.cleanUp() }
        let french = try project.defaultTemplate("i18n/fr.yml")
        let withoutNotes = french.split(separator: "\n").filter { !$0.hasPrefix("notes:") }.joined(separator: "\n")
        try project.write("Templates/i18n/fr.yml", withoutNotes + "\n")
        let result = project.build()
        #expect(result.succeeded)
        let warning = try #require(result.diagnostic(containing: "interface string 'notes' is missing in 'fr'"))
        #expect(warning.location?.file == "Templates/i18n/fr.yml")
        #expect(try project.page("fr/introduction/index.html").value("//section[@id='footnotes']/h2") == "Notes")
    }
}

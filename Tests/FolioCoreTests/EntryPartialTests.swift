import Foundation
import Mustache
import Testing
@testable import FolioCore

/// The list entries folio fills into partials cut once per build must come out exactly as Mustache
/// renders each one.
@Suite struct EntryPartialTests {
    /// Values that need escaping, non-Latin scripts, a combining mark, a stand-in look-alike, empty text.
    static let trickyValues = ["Mayors & councils <in \"their\" cities>", "Ce qu'il faut savoir", "Москва — «город»",
                               "مدن ذكية", "城市 & 可持续", "e\u{0301}tat", "folio-field-0-not-a-stand-in", ""]

    static func bundledTemplates() throws -> TemplateSet {
        let diagnostics = DiagnosticCollector()
        let templates = try #require(TemplateSet.load(templates: FixtureProject.repository.appendingPathComponent("Templates"),
                                                      diagnostics: diagnostics))
        #expect(diagnostics.diagnostics.isEmpty)
        return templates
    }

    @Test(arguments: EntryPartial.all.map(\.name))
    func bundledPartialIsCutOnceAndFillsAsMustacheRenders(name: String) throws {
        let templates = try Self.bundledTemplates()
        let partial = templates.entryPartial(name)
        let kind = try #require(EntryPartial.all.first { $0.name == name })
        #expect(partial.isStencilled, "the bundled \(name) should not need Mustache for each entry")
        for (offset, value) in Self.trickyValues.enumerated() {
            // Each field gets a different value, so a field filled in the wrong place shows.
            let texts = kind.textFields.indices.map { Self.trickyValues[(offset + $0) % Self.trickyValues.count] + "\($0)" }
            // HTML fields are inserted as they are: markup and text that would need escaping alike.
            let html = kind.htmlFields.indices.map { "<em>\(Self.trickyValues[(offset + $0 + 3) % Self.trickyValues.count])</em>\($0)" }
            for combination in 0..<(1 << kind.flags.count) {
                let flags = kind.flags.indices.map { combination & (1 << $0) != 0 }
                var model: [String: Any] = Dictionary(uniqueKeysWithValues: zip(kind.textFields + kind.htmlFields, texts + html))
                for (flag, on) in zip(kind.flags, flags) { model[flag] = on }
                let expected = templates.render(name, model)
                var rendered = ""
                partial.render(texts, html: html, flags: flags, into: &rendered)
                #expect(rendered == expected, "\(name), flags \(flags), value \(value)")
                // The chapter renderer's path: straight into the page's bytes.
                var buffer = HTMLBuffer()
                partial.render(texts, html: html, flags: flags, into: &buffer)
                #expect(buffer.string == expected, "\(name) into bytes, flags \(flags), value \(value)")
            }
        }
    }

    @Test func partialsThatUseMoreThanTheirFieldsAreRenderedByMustacheWithThePage() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("folio-entry-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        // Only the partial is the publication's own: the other templates are folio's defaults.
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("partials"), withIntermediateDirectories: true)
        let variants = [
            "<li data-lang=\"{{lang}}\"><a href=\"#{{id}}\">{{text}}</a></li>\n",   // a page variable
            "<li><a href=\"#{{id}}\">{{{text}}}</a></li>\n",                        // unescaped
            "<li{{#text}} class=\"t\"{{/text}}>{{id}}</li>\n",                      // a text field as a section
            "<li>{{sub}} {{id}} {{text}}</li>\n",                                  // the flag as text
            "{{=<% %>=}}<li><%id%> <%text%></li>\n",                                // other delimiters
        ]
        for variant in variants {
            try variant.write(to: folder.appendingPathComponent("partials/toc-entry.mustache"), atomically: true, encoding: .utf8)
            let diagnostics = DiagnosticCollector()
            let templates = try #require(TemplateSet.load(templates: folder, diagnostics: diagnostics))
            let partial = templates.entryPartial(TableOfContents.entryTemplate)
            #expect(!partial.isStencilled, "\(variant)")
            let page: [String: Any] = ["lang": "fr"]
            let texts = ["a-b", "A & <b>"]
            let expected = templates.library.render(LayeredModel(entry: ["id": texts[0], "text": texts[1], "sub": true], page: page),
                                                    withTemplate: TableOfContents.entryTemplate)
            #expect(partial.render(texts, flag: true, page: page) == expected, "\(variant)")
        }
    }
}

import Foundation
import Testing
@testable import FolioCore

/// Citations in the Word and EPUB editions' pandoc document: citeproc's one result per language (the
/// one the site and the print edition render), note citations as notes among the chapter's own in
/// reading order, and the reference list; and the reference page's links back to citations. The
/// written DOCX and EPUB are read by real readers in Tests/Editions.
@Suite struct EditionCitationTests {
    /// Builds the site of `files` and makes the `language` edition's document from the same prepared
    /// publication, citeproc's runs shared through `cache` (the edition takes the site's result).
    private func built(_ files: [String: String], language: String = "en", pandoc: Pandoc?? = nil)
        throws -> (project: FixtureProject, result: SiteBuilder.Result, edition: PandocDocument) {
        let project = try FixtureProject(files: files)
        let cache = CiteprocCache()
        var options = SiteBuilder.Options(project: project.root, pdf: .skip, pandoc: pandoc)
        options.citeprocCache = cache
        let result = SiteBuilder.build(options)
        let diagnostics = DiagnosticCollector()
        let prepared = try #require(SiteBuilder.prepare(options, diagnostics: diagnostics), "\(diagnostics.diagnostics)")
        return (project, result, EditionDocument.make(site: prepared.site, language: language).document)
    }

    /// The site's notes of a chapter page, without their links back to the calls.
    private func webNotes(_ project: FixtureProject, _ path: String) throws -> [String] {
        try project.page(path).values("//section[@id='footnotes']//li").map {
            Self.collapsed($0.replacingOccurrences(of: "↩", with: ""))
        }
    }

    @Test func noteCitationsAreNotesWithTheSitesTextInReadingOrder() throws {
        for language in ["en", "fr", "ru"] {
            let (project, result, edition) = try built(CitationTests.files(), language: language)
            defer { project.cleanUp() }
            #expect(result.errors.isEmpty, "\(result.errors)")
            let web = try webNotes(project, "\(language)/introduction/index.html")
            // The citation's note, the narrative citation's, then the author's own footnote.
            #expect(web.count == 3)
            #expect(Self.notes(in: edition.blocks).map(Self.collapsed) == web, "\(language)")
        }
    }

    @Test func citationsLinkToTheEditionsReferenceListWhichIsTheSites() throws {
        let (project, result, edition) = try built(CitationTests.files())
        defer { project.cleanUp() }
        #expect(result.errors.isEmpty, "\(result.errors)")
        let entries = try #require(Self.div(id: "refs", in: edition.blocks))
        let ids = entries.compactMap { block -> String? in if case .div(let attr, _) = block { attr.id } else { nil } }
        #expect(ids == ["ref-huovila-2019", "ref-u4ssc-karmoy-2020"])
        let web = try project.page("en/references/index.html").values("//div[@class='csl-entry']").map(Self.collapsed)
        #expect(entries.map { Self.collapsed(Self.text(of: [$0])) } == web)
        // Entries are in the Word style with a hanging indent; their DOIs are links out.
        #expect(entries.allSatisfy { if case .div(let attr, _) = $0 { attr.attributes.contains { $0 == ("custom-style", "UN Bibliography") } } else { false } })
        #expect(Self.links(in: entries).contains("https://doi.org/10.1016/j.cities.2019.01.029"))
        // The heading opens the EPUB's bibliography section.
        #expect(Self.headers(in: edition.blocks).contains { $0.attr.id == "references" && $0.text == "References"
            && $0.attr.attributes.contains { $0 == ("epub:type", "bibliography") } })
        // The first citation's note links to its entry inside the edition.
        let notes = Self.noteBlocks(in: edition.blocks)
        #expect(Self.links(in: notes.first ?? []).contains("#ref-u4ssc-karmoy-2020"))
    }

    @Test func authorDateCitationsStayInTheText() throws {
        let (project, result, edition) = try built(CitationTests.files(csl: "chicago-author-date"))
        defer { project.cleanUp() }
        #expect(result.errors.isEmpty, "\(result.errors)")
        let web = try project.page("en/introduction/index.html").values("//span[@class='citation']").map(Self.collapsed)
        #expect(web == ["(United for Smart Sustainable Cities 2020, sec. 2)", "Huovila, Bosch, and Airaksinen (2019)"])
        #expect(Self.citationSpans(in: edition.blocks).map(Self.collapsed) == web)
        #expect(Self.notes(in: edition.blocks) == ["An explanatory note."])
    }

    @Test func withoutPandocCitationsAreShownAsWritten() throws {
        let (project, result, edition) = try built(CitationTests.files(), pandoc: .some(nil))
        defer { project.cleanUp() }
        #expect(result.succeeded, "\(result.errors)")
        #expect(Self.citationSpans(in: edition.blocks) == ["[@u4ssc-karmoy-2020, sec. 2]", "@huovila-2019"])
        #expect(Self.notes(in: edition.blocks) == ["An explanatory note."])
    }

    /// "Chapter 1 ², ³": a work cited three times in one chapter links the chapter, then a separate
    /// superscript for each further citation, each named for screen readers.
    @Test func furtherCitationsInAChapterAreSeparateSuperscripts() throws {
        var files = CitationTests.files()
        files["Content/en/01-introduction.md", default: ""] += """


        Verification was repeated [@u4ssc-karmoy-2020, p. 3], and published [@u4ssc-karmoy-2020, p. 4].
        """
        let project = try FixtureProject(files: files)
        defer { project.cleanUp() }
        let result = SiteBuilder.build(SiteBuilder.Options(project: project.root, pdf: .skip))
        #expect(result.errors.isEmpty, "\(result.errors)")
        let page = try project.page("en/references/index.html")
        let cited = "//div[div[@id='ref-u4ssc-karmoy-2020']]/p[@class='reference-cited']"
        let chapter = try #require(try page.value(cited + "/a[@role='doc-backlink']"))
        #expect(try page.values(cited + "/sup/a/@aria-label") == ["\(chapter), citation 2", "\(chapter), citation 3"])
        #expect(try page.values(cited + "/sup/a/@href") == ["../../en/introduction/index.html#cite-3", "../../en/introduction/index.html#cite-4"])
        // Read as text, the numbers stand apart from the chapter's number and from each other.
        let text = try #require(try page.value(cited))
        #expect(text == "Cited in \(chapter)\u{00A0}2,\u{2009}3", "\(text)")
    }

    // MARK: - Reading the pandoc document

    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Plain text of blocks, without their notes (read separately).
    static func text(of blocks: [PandocBlock]) -> String {
        blocks.map { block -> String in
            switch block {
            case .plain(let inlines), .para(let inlines), .header(_, _, let inlines): text(of: inlines)
            case .blockQuote(let content), .div(_, let content), .figure(_, _, let content): text(of: content)
            case .bulletList(let items), .orderedList(_, let items): items.map(text(of:)).joined(separator: " ")
            case .definitionList(let items):
                items.map { text(of: $0.term) + " " + $0.definitions.map(text(of:)).joined(separator: " ") }.joined(separator: " ")
            case .codeBlock(_, let code), .rawBlock(_, let code): code
            case .table, .horizontalRule: ""
            }
        }.joined(separator: " ")
    }

    static func text(of inlines: [PandocInline]) -> String {
        inlines.map { inline -> String in
            switch inline {
            case .str(let text), .code(_, let text): text
            case .space, .softBreak, .lineBreak: " "
            case .emph(let inner), .strong(let inner), .strikeout(let inner), .smallCaps(let inner), .superscript(let inner),
                 .subscript(let inner), .span(_, let inner), .link(_, let inner, _, _):
                text(of: inner)
            case .image, .note, .rawInline: ""
            }
        }.joined()
    }

    /// Every inline of the blocks, depth first, notes included.
    static func inlines(in blocks: [PandocBlock]) -> [PandocInline] {
        var out: [PandocInline] = []
        func visit(_ inline: PandocInline) {
            out.append(inline)
            switch inline {
            case .emph(let inner), .strong(let inner), .strikeout(let inner), .smallCaps(let inner), .superscript(let inner),
                 .subscript(let inner), .span(_, let inner), .link(_, let inner, _, _), .image(_, let inner, _, _):
                inner.forEach(visit)
            case .note(let content): out += inlines(in: content)
            default: break
            }
        }
        for block in blocks {
            switch block {
            case .plain(let content), .para(let content), .header(_, _, let content): content.forEach(visit)
            case .blockQuote(let content), .div(_, let content), .figure(_, _, let content): out += inlines(in: content)
            case .bulletList(let items), .orderedList(_, let items): items.forEach { out += inlines(in: $0) }
            default: break
            }
        }
        return out
    }

    static func noteBlocks(in blocks: [PandocBlock]) -> [[PandocBlock]] {
        inlines(in: blocks).compactMap { if case .note(let content) = $0 { content } else { nil } }
    }

    static func notes(in blocks: [PandocBlock]) -> [String] {
        noteBlocks(in: blocks).map { collapsed(text(of: $0)) }
    }

    static func citationSpans(in blocks: [PandocBlock]) -> [String] {
        inlines(in: blocks).compactMap { inline in
            if case .span(let attr, let content) = inline, attr.classes == ["citation"] { collapsed(text(of: content)) } else { nil }
        }
    }

    static func links(in blocks: [PandocBlock]) -> [String] {
        inlines(in: blocks).compactMap { if case .link(_, _, let url, _) = $0 { url } else { nil } }
    }

    static func headers(in blocks: [PandocBlock]) -> [(attr: PandocAttr, text: String)] {
        blocks.flatMap { block -> [(attr: PandocAttr, text: String)] in
            switch block {
            case .header(_, let attr, let content): [(attr, collapsed(text(of: content)))]
            case .div(_, let content), .blockQuote(let content): headers(in: content)
            default: []
            }
        }
    }

    static func div(id: String, in blocks: [PandocBlock]) -> [PandocBlock]? {
        for block in blocks {
            guard case .div(let attr, let content) = block else { continue }
            if attr.id == id { return content }
            if let found = div(id: id, in: content) { return found }
        }
        return nil
    }
}

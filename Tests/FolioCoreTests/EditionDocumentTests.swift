import Foundation
import Testing
@testable import FolioCore

/// The pandoc document of the Word and EPUB editions, made from the chapter models (no pandoc needed):
/// what the JSON carries for numbers, cross-references, notes, figures and reviewers' edits. The
/// written DOCX and EPUB are read by real readers in Tests/Editions.
@Suite struct EditionDocumentTests {
    static let chapter = """
    ---
    title: Governance
    reviews:
      - {stage: unece-review, by: "UNECE Housing and Land Management", date: 2020-03-18}
    ---
    ## Who decides {#sec-who}

    Cities {~~plan~>decide~~} and {--sometimes--} act{++ together++}.[^1] See @fig-access and @Sec-who.
    {==Data matter.==}{>>Cite a source.<<}

    ```kpi
    kpi: "EC: ICT: ICT: 1C"
    id: fig-access
    chart: bar
    source: U4SSC Verification Report, Karmøy, Norway (September 2020), p. 14
    data:
      - {city: Karmøy, year: 2020, value: 97.0}
      - {city: Moscow, year: 2018, value: 90}
    ```

    > [!BOX] Karmøy in figures {#box-karmoy}
    > A small city that verified its KPIs.

    [^1]: A note with *emphasis*.
    """

    func edition(language: String = "en") throws -> (EditionDocument, String) {
        var files = FixtureProject.basicFiles
        files["Content/en/02-governance.md"] = Self.chapter
        files["Content/publication.yml"] = """
        title: {en: Cities Report, fr: Rapport sur les villes}
        source-language: en
        languages: [en, fr]
        stages:
          - {id: unece-review, starts: 2020-02-01, due: 2020-03-31, review: true}
          - {id: production, due: 2020-12-31, translations: true}
        """
        let project = try FixtureProject(files: files)
        defer { project.cleanUp() }
        let diagnostics = DiagnosticCollector()
        let prepared = try #require(SiteBuilder.prepare(SiteBuilder.Options(project: project.root), diagnostics: diagnostics),
                                    "\(diagnostics.diagnostics)")
        let edition = EditionDocument.make(site: prepared.site, language: language)
        let json = String(decoding: try edition.document.json(), as: UTF8.self)
        return (edition, json)
    }

    @Test func theDocumentIsPandocJSONOfTheCurrentAPI() throws {
        let (_, json) = try edition()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["pandoc-api-version"] as? [Int] == [1, 23, 1, 1])
        #expect(json.contains(#""lang":{"c":"en","t":"MetaString"}"#))
    }

    @Test func reviewersEditsAreTrackedChangesByTheChaptersReviewer() throws {
        let (_, json) = try edition()
        let author = #"[["author","UNECE Housing and Land Management"],["date","2020-03-18T00:00:00Z"]]"#
        #expect(json.contains(#"["",["deletion"],\#(author)],[{"c":"plan","t":"Str"}]"#))
        #expect(json.contains(#"["",["insertion"],\#(author)],[{"c":"decide","t":"Str"}]"#))
        #expect(json.contains(#"["",["deletion"],\#(author)],[{"c":"sometimes","t":"Str"}]"#))
        // The comment covers the highlighted sentence: start (with the comment's text), text, end.
        #expect(json.contains(#"["0",["comment-start"],\#(author)],[{"c":"Cite","t":"Str"},{"t":"Space"},{"c":"a","t":"Str"}"#))
        #expect(json.contains(#"{"c":"matter.","t":"Str"},{"c":[["0",["comment-end"],[]],[]],"t":"Span"}"#))
    }

    @Test func crossReferencesAreInternalLinksWithTheirText() throws {
        let (_, json) = try edition()
        #expect(json.contains(##"{"c":[["",["xref"],[]],[{"c":"figure","t":"Str"},{"t":"Space"},{"c":"2.1","t":"Str"}],["#fig-access",""]],"t":"Link"}"##))
        #expect(json.contains(##"[{"c":"Section","t":"Str"},{"t":"Space"},{"c":"2.1","t":"Str"}],["#h-2-1",""]"##))
        // The heading carries its number and the id the link leads to.
        #expect(json.contains(#"["h-2-1",[],[]],[{"c":[["",["header-section-number"],[]],[{"c":"2.1","t":"Str"}]],"t":"Span"}"#))
    }

    @Test func notesFiguresAndBoxesKeepTheirNumbersAndText() throws {
        let (edition, json) = try edition()
        #expect(json.contains(#"{"c":[{"c":[{"c":"A","t":"Str"},{"t":"Space"},{"c":"note","t":"Str"}"#))
        #expect(json.contains(#""t":"Note""#))
        // The KPI figure: its chart (an image with a text alternative), its data table, its source.
        #expect(edition.assets.charts.map(\.path) == ["charts/fig-access.svg"])
        #expect(json.contains(#"["fig-access",["figure","kpi-figure"],[]]"#))
        #expect(json.contains(#""charts/fig-access.svg",""]"#))
        #expect(json.contains(#"{"c":"Karmøy,","t":"Str"},{"t":"Space"},{"c":"2020:","t":"Str"}"#))
        #expect(json.contains(#""t":"Table""#))
        // The box: its id, its Word style, its numbered title.
        #expect(json.contains(#"["box-karmoy",["box"],[["custom-style","UN Box"]]]"#))
        #expect(json.contains(#"{"c":[{"c":"Box","t":"Str"},{"t":"Space"},{"c":"2.1","t":"Str"}],"t":"Strong"}"#))
    }

    @Test func aChapterShownInTheSourceLanguageSaysSo() throws {
        let (_, json) = try edition(language: "fr")
        #expect(json.contains(#"["",["chapter"],[["lang","en"],["dir","ltr"]]]"#))
        #expect(json.contains(#"["",["notice"],[["custom-style","UN Notice"],["lang","fr"]]]"#))
    }

    @Test func theEPUBShowsCommentsAsNotesWithoutWordsNumericIDs() throws {
        let (edition, _) = try edition()
        let epub = String(decoding: try EPUBEdition.document(edition, strings: UIStrings(language: "en", values: ["epub_accessibility_summary": "Summary."]))
            .json(), as: UTF8.self)
        #expect(!epub.contains("comment-start") && !epub.contains("comment-end"))
        #expect(epub.contains(#"["",["comment"],[["author","UNECE Housing and Land Management"]"#))
        #expect(epub.contains(#""accessibilitySummary":{"c":"Summary.","t":"MetaString"}"#))
    }

    @Test func theEPUBIdentifierIsStableAndPerLanguage() {
        let en = EPUBEdition.identifier(slug: "cities", title: "Cities Report", language: "en")
        #expect(en == EPUBEdition.identifier(slug: "cities", title: "Cities Report", language: "en"))
        #expect(en != EPUBEdition.identifier(slug: "cities", title: "Cities Report", language: "fr"))
        #expect(en.wholeMatch(of: /urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/) != nil)
    }

    @Test func theFormatListIsParsedAndAnUnknownNameIsNamed() throws {
        #expect(try EditionFormat.parse("site, PDF,docx").get() == [.site, .pdf, .docx])
        guard case .failure(let error) = EditionFormat.parse("site,epbu") else {
            Issue.record("an unknown format was accepted")
            return
        }
        #expect(error.message.contains("'epbu' is not a format"))
        #expect(error.message.contains("epub"))
    }
}

import Foundation
import Testing
@testable import FolioCore

/// The Typst markup folio generates for the print edition: escaping, the map back to chapter lines,
/// numbering, and the parsing of Typst's diagnostics. No Typst needed.
@Suite struct TypstMarkupTests {
    // MARK: - Escaping

    @Test func everyMarkupCharacterIsEscaped() {
        #expect(TypstEscaping.markup(#"a\b*c_d`e$f#g<h>i@j[k]l~m/n=o+p-q;r"#)
                == ##"a\\b\*c\_d\`e\$f\#g\<h\>i\@j\[k\]l\~m\/n\=o\+p\-q\;r"##)
        // `//` would start a comment and `https://` an automatic link.
        #expect(TypstEscaping.markup("see https://example.org // here") == #"see https:\/\/example.org \/\/ here"#)
    }

    @Test func plainProseIsLeftAlone() {
        let text = "Cities generate most of the region's economic output, but also its emissions."
        #expect(TypstEscaping.markup(text) == text)
        #expect(TypstEscaping.markup("Города — «умные»") == "Города — «умные»")
    }

    @Test func numberAtALineStartCannotStartAList() {
        #expect(TypstEscaping.markup("2020. A year of change", atLineStart: true) == #"2020\. A year of change"#)
        #expect(TypstEscaping.markup("  12. Twelve", atLineStart: true) == #"  12\. Twelve"#)
        #expect(TypstEscaping.markup("2020. A year of change") == "2020. A year of change")
        #expect(TypstEscaping.markup("2020 was a year", atLineStart: true) == "2020 was a year")
    }

    @Test func textAfterAnEmbeddedExpressionCannotContinueIt() {
        #expect(TypstEscaping.markup("(see above)", afterExpression: true) == #"\(see above)"#)
        #expect(TypstEscaping.markup(".Next", afterExpression: true) == #"\.Next"#)
        #expect(TypstEscaping.markup("; then", afterExpression: true) == #"\; then"#)
        #expect(TypstEscaping.markup(" (see)", afterExpression: true) == " (see)")
    }

    @Test func stringLiteralsEscapeQuotesBackslashesAndControls() {
        #expect(TypstEscaping.string(#"say "hi" \ done"#) == #""say \"hi\" \\ done""#)
        #expect(TypstEscaping.string("two\nlines\tand\u{7}") == #""two\nlines\tand\u{7}""#)
        #expect(TypstEscaping.string(nil as String?) == "none")
    }

    // MARK: - Generated documents

    /// The print edition's source for `language`, generated (not compiled) from a fixture.
    func document(_ files: [String: String], language: String = "en") throws -> (PrintDocument, [Diagnostic]) {
        var all = FixtureProject.basicFiles
        for (path, text) in files { all[path] = text }
        let project = try FixtureProject(files: all)
        defer { project.cleanUp() }
        let diagnostics = DiagnosticCollector()
        let prepared = try #require(SiteBuilder.prepare(SiteBuilder.Options(project: project.root), diagnostics: diagnostics),
                                    "\(diagnostics.diagnostics)")
        let document = PrintDocument.make(site: prepared.site, language: language, diagnostics: diagnostics)
        return (document, diagnostics.diagnostics)
    }

    func lineNumber(of text: String, in document: PrintDocument) -> Int? {
        document.text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(text) }.map { $0 + 1 }
    }

    @Test func userTextNeverLandsInCodePosition() throws {
        let (document, _) = try document(["Content/en/01-introduction.md": """
        ---
        title: 'Evil"), #panic("title'
        summary: "A \\\\ backslash"
        ---
        ## The #panic("heading") = one

        Costs: $5 #panic("boom") <b> @ref // not a comment [x] *real emphasis*.
        """])
        #expect(document.text.contains(#"title: "Evil\"), #panic(\"title", anchor:"#))
        #expect(document.text.contains(##"#section(level: 2, number: "1.1")[The \#panic("heading") \= one]<h-1-1>"##))
        #expect(document.text.contains(##"Costs: \$5 \#panic("boom") \<b\> \@ref \/\/ not a comment \[x\] #emph[real emphasis]\."##))
        #expect(document.text.contains(#"summary: "A \\ backslash""#))
        // Every `#` of the text is escaped: none starts a call.
        #expect(!document.text.contains(" #panic(\"boom\")"))
    }

    @Test func generatedLinesMapBackToTheChapterLines() throws {
        let (document, _) = try document(["Content/en/01-introduction.md": """
        ---
        title: Introduction
        ---
        ## Cities

        Cities matter for the 2030 Agenda,
        and for the region.[^1] They keep growing.

        [^1]: UN-Habitat, World Cities Report 2020.
        """])
        let chapter = "Content/en/01-introduction.md"
        let second = try #require(lineNumber(of: "and for the region.#footnote[", in: document))
        #expect(document.origin(ofLine: second) == SourceLocation(file: chapter, line: 7, column: 1))
        let first = try #require(lineNumber(of: "Cities matter for the 2030 Agenda,", in: document))
        #expect(document.origin(ofLine: first)?.line == 6)
        // The note's text is on a line of its own, from the note's definition.
        let note = try #require(lineNumber(of: "UN\\-Habitat, World Cities Report 2020.", in: document))
        #expect(document.origin(ofLine: note)?.line == 9)
        // The chapter call comes from the chapter's front matter; the book from publication.yml.
        let call = try #require(lineNumber(of: "#chapter(label: \"Chapter 1\"", in: document))
        #expect(document.origin(ofLine: call) == SourceLocation(file: chapter, line: 1))
        let book = try #require(lineNumber(of: "title: \"Cities Report\"", in: document))
        #expect(document.origin(ofLine: book)?.file == "Content/publication.yml")
    }

    @Test func footnotesAreRealNotesAndASecondCallRefersToTheFirst() throws {
        let (document, _) = try document(["Content/en/01-introduction.md": """
        ---
        title: Introduction
        ---
        One.[^a] Two.[^a]

        [^a]: The note.
        """])
        #expect(document.text.contains("One.#footnote[\nThe note.\n]<fn-1-1>"))
        #expect(document.text.contains("Two.#footnote(<fn-1-1>)"))
    }

    @Test func captionedTablesAreNumberedPerChapterAndOthersAreNot() throws {
        let (document, _) = try document(["Content/en/02-governance.md": """
        ---
        title: Governance
        ---
        | City | Value |
        |:-----|------:|
        | Karmøy | 97 |

        Table: Who decides {#tbl-who}

        | A |
        |---|
        | 1 |

        Table: *Unlabelled*, still numbered
        """])
        #expect(document.text.contains(#"#data-table(label: "Table 2.1", anchor: "tbl-who", caption: [Who decides], align: (start, end,),"#))
        #expect(document.text.contains(#"([Karmøy], [97], ),"#))
        #expect(document.text.contains(#"#data-table(label: "Table 2.2", anchor: "tbl-2-2", caption: [#emph[Unlabelled], still numbered], align: (start,),"#))
        #expect(!document.text.contains("Table: "))
    }

    @Test func reviewersEditsBecomeVisibleMarks() throws {
        let (document, _) = try document(["Content/en/01-introduction.md": """
        ---
        title: Introduction
        ---
        {~~Most~>Many~~} plans {++now ++}cover {--all--} cities.{>>Source?<<}
        """])
        #expect(document.text.contains("#review-delete[Most]#review-insert[Many] plans #review-insert[now ]cover #review-delete[all] cities.#review-comment(\"Comment:\")[Source?]"))
    }

    @Test func linkAddressGoesInAFootnoteOnlyWhenNoOtherNoteSharesItsParagraph() throws {
        let (document, _) = try document(["Content/en/01-introduction.md": """
        ---
        title: Introduction
        ---
        See the [UNECE site](https://unece.org).

        See the [UNECE site](https://unece.org) and a note.[^1]

        See [the next chapter](02-governance.md#who-decides).

        [^1]: A note.
        """])
        #expect(document.text.contains(#"#link("https://unece.org")[UNECE site]#link-note("https://unece.org", "https://unece.org")\."#))
        #expect(document.text.contains(#"#link("https://unece.org")[UNECE site] (#link("https://unece.org")[https:\/\/unece.org]) and a note."#))
        // A link to another chapter is a link inside the PDF, with its page. (A full stop right after
        // a call is escaped, or Typst would read it as a method call.)
        #expect(document.text.contains(#"See #xref("h-2-1")[the next chapter]\."#))
    }

    /// An image in a line of text (an image alone in its paragraph is a figure, whose alternative
    /// text the checks require before anything is rendered).
    @Test func anImageWithoutAlternativeTextIsAnErrorAtItsLine() throws {
        let (document, diagnostics) = try document([
            "Content/en/01-introduction.md": "---\ntitle: Introduction\n---\nText.\n\nA map ![](../media/map.png) in a line.\n",
            "Content/media/map.png": "placeholder",
        ])
        let error = try #require(diagnostics.first { $0.message.contains("no alternative text") && $0.severity == .error })
        #expect(error.location == SourceLocation(file: "Content/en/01-introduction.md", line: 6, column: 7))
        #expect(error.message.contains("PDF/UA"))
        #expect(!document.text.contains("/media/map.png"))
    }

    // MARK: - Typst's diagnostics

    @Test func parsesTypstDiagnosticsWithTheirPlacesAndCallSites() {
        let text = """
        error: expected direction or auto, found boolean
            ┌─ Templates/print/folio.typ:248:50
            │
        248 │   set text(dir: if rtl { rtl } else { ltr })
            │                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^

        help: while calling `chapter`
           ┌─ book-ar.typ:17:1
           │
        17 │   #chapter(label: "x")
           = hint: check the direction

        """
        let entries = TypstCompiler.parse(text)
        #expect(entries.count == 1)
        #expect(entries.first?.message == "expected direction or auto, found boolean")
        #expect(entries.first?.location?.path == "Templates/print/folio.typ")
        #expect(entries.first?.location?.line == 248)
        #expect(entries.first?.location?.column == 50)
        #expect(entries.first?.trace.first?.path == "book-ar.typ")
        #expect(entries.first?.trace.first?.line == 17)
        #expect(entries.first?.hints == ["check the direction"])
    }

    @Test func contentDateNeverComesFromTheClock() throws {
        let project = try FixtureProject()
        defer { project.cleanUp() }
        let diagnostics = DiagnosticCollector()
        var publication = try #require(ContentLoader.load(project: project.root, diagnostics: diagnostics))
        #expect(PrintEdition.contentDate(of: publication) == CalendarDate.epoch)
        publication.config.year = "2020"
        #expect(PrintEdition.contentDate(of: publication) == CalendarDate(year: 2020, month: 1, day: 1))
        // The latest review recorded in any chapter comes before the year.
        let languages = publication.chapters.keys.sorted()
        let first = try #require(languages.first), last = try #require(languages.last)
        func review(_ month: Int) -> ReviewRecord {
            ReviewRecord(stage: "unece-review", by: "UNECE", date: CalendarDate(year: 2020, month: month, day: 3), outcome: nil,
                         version: nil, location: SourceLocation(file: "x.md"))
        }
        publication.chapters[first]?[0].reviews = [review(4), review(2)]
        publication.chapters[last]?[0].reviews.append(review(3))
        #expect(PrintEdition.contentDate(of: publication) == CalendarDate(year: 2020, month: 4, day: 3))
        publication.config.statusDate = CalendarDate(year: 2020, month: 5, day: 10)
        #expect(PrintEdition.contentDate(of: publication) == CalendarDate(year: 2020, month: 5, day: 10))
        #expect(PrintEdition.timestamp(CalendarDate(year: 2020, month: 5, day: 10) ?? .epoch) == 1_589_068_800)
    }
}

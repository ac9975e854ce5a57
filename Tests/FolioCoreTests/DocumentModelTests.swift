import Foundation
import FolioMarkdown
import Testing
@testable import FolioCore

/// Cross-references, captioned tables, image figures and boxes: numbered once in the chapter model,
/// shown the same on the web and in print, and every mistake reported where it is.
@Suite struct DocumentModelTests {
    /// A PNG of 640 × 360 pixels (signature and IHDR chunk only: folio reads no further).
    static let png: Data = {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]
        bytes += Array("IHDR".utf8) + [0, 0, 2, 128, 0, 0, 1, 104, 8, 6, 0, 0, 0]
        return Data(bytes)
    }()

    static let kpiBlock = """
    ```kpi
    kpi: "EC: ICT: ICT: 1C"
    id: fig-households
    unit: Percentage
    source: U4SSC Verification Report, Karmøy (2020)
    data:
      - {city: Karmøy, year: 2020, value: 97.0}
    ```
    """

    /// Chapter 2 defines a KPI figure, an image figure, a captioned table, a box and a labelled
    /// section; chapter 1 refers to all of them, and to chapter 2 itself.
    static let files: [String: String] = [
        "Content/publication.yml": """
        title: {en: Cities Report, fr: Rapport sur les villes}
        source-language: en
        languages: [en, fr]
        """,
        "Content/kpis.yml": try! String(contentsOf: FixtureProject.repository.appendingPathComponent("Content/kpis.yml"), encoding: .utf8),
        "Content/en/01-introduction.md": """
        ---
        title: Introduction
        ---
        ## Scope

        @Fig-households shows access; the diagram is [see @fig-structure]. The data are in @tbl-kpis,
        the case in @box-karmoy, the method in @sec-method and everything in @sec-measuring.
        Code stays code: `@fig-households`, and so do addresses: someone@fig-households.org.
        """,
        "Content/en/02-measuring.md": """
        ---
        title: Measuring
        ---
        ## Method {#sec-method}

        \(kpiBlock)

        ![Three dimensions and 91 indicators](../media/structure.png "Structure of the KPIs") {#fig-structure}
        Source: UNECE.

        | Dimension | KPIs |
        |---|--:|
        | Economy | 45 |

        Table: KPIs by dimension {#tbl-kpis}

        | Unnumbered | x |
        |---|---|
        | a | b |

        > [!BOX] Karmøy: verified KPIs {#box-karmoy}
        > A municipality in western Norway, verified in 2020 (@fig-households).
        >
        > - first point
        """,
        "Content/fr/02-measuring.md": """
        ---
        title: Mesurer
        ---
        ## Méthode {#sec-method}

        \(kpiBlock)

        ![Trois dimensions et 91 indicateurs](../media/structure.png "Structure des ICP") {#fig-structure}
        Source : CEE-ONU.

        | Dimension | ICP |
        |---|--:|
        | Économie | 45 |

        Table: ICP par dimension {#tbl-kpis}

        | Sans numéro | x |
        |---|---|
        | a | b |

        > [!BOX] Karmøy : des ICP vérifiés {#box-karmoy}
        > Une commune de l'ouest de la Norvège (@fig-households).
        """,
    ]

    /// The catalogue's English name of the figure's indicator (its caption, as the block has no title).
    static let householdsTitle = "Household Internet Access"

    private func project() throws -> FixtureProject {
        let project = try FixtureProject(files: Self.files)
        try project.write("Content/media/structure.png", Self.png)
        return project
    }

    @Test func elementsAreNumberedInOneSequencePerKindAndReferencesLinkToThem() throws {
        let project = try project()
        defer { project.cleanUp() }
        let result = project.build()
        #expect(result.errors.isEmpty, "\(result.errors)")
        let intro = try project.read("en/introduction/index.html")
        #expect(intro.contains("<a class=\"xref\" href=\"../../en/measuring/index.html#fig-households\">Figure 2.1</a> shows access"))
        #expect(intro.contains("the diagram is see <a class=\"xref\" href=\"../../en/measuring/index.html#fig-structure\">figure 2.2</a>."))
        #expect(intro.contains("<a class=\"xref\" href=\"../../en/measuring/index.html#tbl-kpis\">table 2.1</a>"))
        #expect(intro.contains("<a class=\"xref\" href=\"../../en/measuring/index.html#box-karmoy\">box 2.1</a>"))
        #expect(intro.contains("<a class=\"xref\" href=\"../../en/measuring/index.html#method\">section 2.1</a>"))
        #expect(intro.contains("<a class=\"xref\" href=\"../../en/measuring/index.html\">chapter 2</a>"))
        #expect(intro.contains("<code>@fig-households</code>"))
        #expect(intro.contains("someone@fig-households.org"))

        let page = try project.read("en/measuring/index.html")
        #expect(page.contains("<figure class=\"kpi-figure\" id=\"fig-households\">"))
        #expect(page.contains("<span class=\"figure-label\">Figure 2.1</span>"))
        #expect(page.contains("<figure class=\"image-figure\" id=\"fig-structure\">"))
        #expect(page.contains("<img src=\"../../media/structure.png\" alt=\"Three dimensions and 91 indicators\" width=\"640\" height=\"360\" loading=\"lazy\" />"))
        #expect(page.contains("<span class=\"figure-label\">Figure 2.2</span> <span class=\"figure-title\">Structure of the KPIs</span> <span class=\"figure-credit\">Source: UNECE.</span>"))
        #expect(page.contains("<table id=\"tbl-kpis\">\n<caption id=\"tbl-kpis-caption\"><span class=\"table-label\">Table 2.1</span> KPIs by dimension</caption>"))
        #expect(!page.contains("Table: KPIs"))
        #expect(!page.contains("{#"))
        // A table without a caption is not numbered.
        #expect(page.contains("aria-label=\"Table: Unnumbered, x\"><table>"))
        #expect(!page.contains("Table 2.2"))
        #expect(page.contains("<section class=\"box\" id=\"box-karmoy\" aria-labelledby=\"box-karmoy-title\">"))
        #expect(page.contains("<span class=\"box-label\">Box 2.1</span> Karmøy: verified KPIs</p>"))
        #expect(page.contains("<p>A municipality in western Norway, verified in 2020 (<a class=\"xref\" href=\"#fig-households\">figure 2.1</a>).</p>"))
        #expect(page.contains("<li>first point\n</li>"))
        #expect(!page.contains("[!BOX]"))
        #expect(page.contains("<h2 id=\"method\"><span class=\"section-number\">2.1</span> Method<a"))
    }

    @Test func translationsWordReferencesInTheirLanguageAndLinkWithinTheirSite() throws {
        let project = try project()
        defer { project.cleanUp() }
        #expect(project.build().errors.isEmpty)
        let page = try project.read("fr/measuring/index.html")
        #expect(page.contains("<span class=\"box-label\">Encadré\u{00A0}2.1</span> Karmøy : des ICP vérifiés"))
        #expect(page.contains("(<a class=\"xref\" href=\"#fig-households\">figure\u{00A0}2.1</a>)"))
        #expect(page.contains("<span class=\"table-label\">Tableau\u{00A0}2.1</span> ICP par dimension"))
        // Chapter 1 has no French translation: its English text, on the French site, links to French pages.
        let intro = try project.read("fr/introduction/index.html")
        #expect(intro.contains("<a class=\"xref\" href=\"../../fr/measuring/index.html#box-karmoy\">box 2.1</a>"))
        #expect(intro.contains("href=\"../../fr/measuring/index.html#m%C3%A9thode\"") || intro.contains("href=\"../../fr/measuring/index.html#méthode\""))
    }

    @Test func listsOfFiguresTablesAndBoxesAreOnTheSite() throws {
        let project = try project()
        defer { project.cleanUp() }
        #expect(project.build().errors.isEmpty)
        let page = try project.page("en/lists/index.html")
        let entries = try page.values("//*[@class='element-list-entry']/a")
        #expect(entries == ["Figure 2.1 \(Self.householdsTitle)", "Figure 2.2 Structure of the KPIs",
                            "Table 2.1 KPIs by dimension", "Box 2.1 Karmøy: verified KPIs"])
        #expect(try page.count("//a[@href='../../en/measuring/index.html#box-karmoy']") == 1)
    }

    // MARK: - Diagnostics

    private func errors(_ edit: (FixtureProject) throws -> Void) throws -> SiteBuilder.Result {
        let project = try project()
        defer { project.cleanUp() }
        try edit(project)
        return project.check(pdf: .skip)
    }

    @Test func anUnknownLabelIsAnErrorAtItsLineAndColumnWithASuggestion() throws {
        let result = try errors { try $0.write("Content/en/01-introduction.md", "---\ntitle: Intro\n---\nAs @fig-househols shows.\n") }
        let error = try #require(result.diagnostic(containing: "unknown cross-reference"))
        #expect(error.severity == .error)
        #expect(error.message == "unknown cross-reference '@fig-househols' (did you mean 'fig-households'?)")
        #expect(error.location == SourceLocation(file: "Content/en/01-introduction.md", line: 4, column: 4))
    }

    @Test func aPrefixThatNamesAnotherKindIsAnError() throws {
        let result = try errors { try $0.write("Content/en/01-introduction.md", "---\ntitle: Intro\n---\nSee\n@tbl-households.\n") }
        let error = try #require(result.diagnostic(containing: "refers to a table"))
        #expect(error.message == "'@tbl-households' refers to a table, but 'households' is a figure: write @fig-households")
        #expect(error.location == SourceLocation(file: "Content/en/01-introduction.md", line: 5, column: 1))
    }

    @Test func aLabelOfTheWrongKindIsAnErrorWhereItIsDefined() throws {
        let result = try errors { project in
            try project.write("Content/en/01-introduction.md", "---\ntitle: Intro\n---\n| a |\n|---|\n| 1 |\n\nTable: A table {#fig-table}\n")
        }
        let error = try #require(result.diagnostic(containing: "must start with"))
        #expect(error.message == "the label 'fig-table' of a table must start with 'tbl-': write {#tbl-table}")
        #expect(error.location == SourceLocation(file: "Content/en/01-introduction.md", line: 8, column: 1))
    }

    @Test func aLabelDefinedTwiceNamesBothPlaces() throws {
        let result = try errors { project in
            try project.write("Content/en/01-introduction.md", "---\ntitle: Intro\n---\n## Scope {#sec-method}\n")
        }
        let error = try #require(result.diagnostic(containing: "defined twice"))
        #expect(error.message == "the label 'sec-method' is defined twice: here and at Content/en/01-introduction.md:4:1")
        #expect(error.location == SourceLocation(file: "Content/en/02-measuring.md", line: 4, column: 1))
        #expect(error.related == [SourceLocation(file: "Content/en/01-introduction.md", line: 4, column: 1)])
    }

    @Test func aTranslationWhoseLabelsDifferFromItsSourceIsAnError() throws {
        let result = try errors { project in
            let french = Self.files["Content/fr/02-measuring.md", default: ""].replacingOccurrences(of: "{#box-karmoy}", with: "{#box-karmoy-fr}")
            try project.write("Content/fr/02-measuring.md", french)
        }
        let error = try #require(result.diagnostic(containing: "labels differ"))
        #expect(error.message == "the translation's labels differ from its source chapter Content/en/02-measuring.md: missing 'box-karmoy'; not in the source: 'box-karmoy-fr'")
        let boxLine = try #require(Self.files["Content/fr/02-measuring.md"]?.components(separatedBy: "\n").firstIndex { $0.hasPrefix("> [!BOX]") })
        #expect(error.location == SourceLocation(file: "Content/fr/02-measuring.md", line: boxLine + 1, column: 1))
        #expect(error.related == [SourceLocation(file: "Content/en/02-measuring.md", line: boxLine + 1, column: 1)])
    }

    @Test func aFigureWithoutAlternativeTextIsAnError() throws {
        let result = try errors { project in
            try project.write("Content/en/01-introduction.md", "---\ntitle: Intro\n---\nText.\n\n![](../media/structure.png \"A caption\")\n")
        }
        let error = try #require(result.diagnostic(containing: "no alternative text"))
        #expect(error.severity == .error)
        #expect(error.message == "figure '../media/structure.png' has no alternative text: write ![what the figure shows](../media/structure.png \"caption\")")
        #expect(error.location == SourceLocation(file: "Content/en/01-introduction.md", line: 6, column: 1))
    }

    @Test func aBoxWithoutATitleIsAnError() throws {
        let result = try errors { try $0.write("Content/en/01-introduction.md", "---\ntitle: Intro\n---\n> [!BOX]\n> Body.\n") }
        let error = try #require(result.diagnostic(containing: "a box needs a title"))
        #expect(error.location == SourceLocation(file: "Content/en/01-introduction.md", line: 4, column: 1))
    }

    // MARK: - Parts

    @Test func crossReferencesAreFoundOnlyWhereTheyAreWritten() {
        let at = { (offset: Int) in SourceLocation(file: "x.md", line: 1, column: offset + 1) }
        #expect(InlineSyntax.segments(of: "plain text", locate: at) == nil)
        #expect(InlineSyntax.segments(of: "mail a@fig-x.org", locate: at) == nil)
        #expect(InlineSyntax.segments(of: "@fig-", locate: at) == nil)
        // Citations are not cross-references (found when citations are looked for: see CitationTests).
        #expect(InlineSyntax.segments(of: "@figure-x", citations: false, locate: at) == nil)
        #expect(InlineSyntax.segments(of: "[@u4ssc-karmoy-2020, p. 14]", citations: false, locate: at) == nil)
        #expect(InlineSyntax.segments(of: "(@fig-a.b) and @Tbl-x_1-.", locate: at) == [
            .text("("), .reference(CrossReference(label: "fig-a.b", capitalized: false, location: at(1))),
            .text(") and "), .reference(CrossReference(label: "tbl-x_1", capitalized: true, location: at(15))), .text("-."),
        ])
        #expect(InlineSyntax.segments(of: "[see @box-a; @box-b]!", locate: at) == [
            .text("see "), .reference(CrossReference(label: "box-a", capitalized: false, location: at(5))), .text("; "),
            .reference(CrossReference(label: "box-b", capitalized: false, location: at(13))), .text("!"),
        ])
        #expect(InlineSyntax.trailingLabel(in: "Title {#box-a-1}  ")?.label == "box-a-1")
        #expect(InlineSyntax.trailingLabel(in: "Title {#box-a-1}  ")?.rest == "Title")
        #expect(InlineSyntax.trailingLabel(in: "Title {#}") == nil)
        #expect(InlineSyntax.trailingLabel(in: "Title {box}") == nil)
    }

    @Test func imageSizesAreReadFromTheFiles() {
        #expect(MediaDimensions.png([UInt8](Self.png)) == .init(width: 640, height: 360))
        #expect(MediaDimensions.svg("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"700\" height=\"420px\">")
                == .init(width: 700, height: 420))
        #expect(MediaDimensions.svg("<svg viewBox=\"0 0 800 450.4\" xmlns=\"http://www.w3.org/2000/svg\">") == .init(width: 800, height: 450))
        #expect(MediaDimensions.svg("<svg width=\"100%\">") == nil)
        // A JPEG: SOI, an APP0 segment, then SOF0 with height 480 and width 720.
        let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 11, 8, 1, 0xE0, 2, 0xD0, 3, 1, 0x22, 0]
        #expect(MediaDimensions.jpeg(jpeg) == .init(width: 720, height: 480))
        #expect(MediaDimensions.jpeg([0xFF, 0xD8, 0xFF]) == nil)
        #expect(MediaDimensions.png([0x89, 0x50]) == nil)
    }

    @Test func thePrintEditionGetsTheSameNumbersAndLabels() throws {
        let project = try project()
        defer { project.cleanUp() }
        let diagnostics = DiagnosticCollector()
        let prepared = try #require(SiteBuilder.prepare(.init(project: project.root), diagnostics: diagnostics))
        let document = PrintDocument.make(site: prepared.site, language: "en", diagnostics: diagnostics)
        #expect(document.text.contains("#cross-reference(\"fig-households\", \"Figure 2.1\", page: false)"))
        #expect(document.text.contains("#cross-reference(\"ch-2\", \"chapter 2\", page: false)"))
        #expect(document.text.contains("#image-figure(image(\"/media/structure.png\", alt: \"Three dimensions and 91 indicators\"), label: \"Figure 2.2\""))
        #expect(document.text.contains("#data-table(label: \"Table 2.1\", anchor: \"tbl-kpis\", caption: [KPIs by dimension]"))
        #expect(document.text.contains("#data-table(label: none, anchor: none, caption: none"))
        #expect(document.text.contains("#folio-box(label: \"Box 2.1\", anchor: \"box-karmoy\", title: [Karmøy: verified KPIs])["))
        #expect(document.text.contains("#section(level: 2, number: \"2.1\")[Method]<h-2-1>"))
        #expect(document.text.contains("(title: \"Boxes\", entries: ((\"Box 2.1\", [Karmøy: verified KPIs], \"box-karmoy\"),))"))
    }
}

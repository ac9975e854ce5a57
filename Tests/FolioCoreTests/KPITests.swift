import Foundation
import Testing
@testable import FolioCore

/// KPI blocks: validation at exact lines, localized figures, single-sourced numbers, the KPI index.
@Suite struct KPITests {
    static let catalogue = """
    name: {en: U4SSC KPIs, fr: ICP U4SSC}
    standard: Recommendation ITU-T Y.4903/L.1603
    dimensions:
      - code: EC
        name: {en: Economy, fr: Économie}
        subdimensions:
          - {code: ICT, name: {en: ICT, fr: TIC}}
    units:
      Percentage: {en: "%", fr: "%"}
      "per 100 000 inhabitants": {en: per 100 000 inhabitants, fr: pour 100 000 habitants}
    kpis:
      - code: "EC: ICT: ICT: 1C"
        name: {en: Household Internet Access, fr: Accès des ménages à Internet}
        category: {en: ICT Infrastructure, fr: Infrastructure TIC}
        unit: Percentage
        sdgs: ["17.8.1"]
      - code: "EC: ICT: ICT: 2C"
        name: {en: Fixed Broadband Subscriptions, fr: Abonnements au haut débit fixe}
        category: {en: ICT Infrastructure, fr: Infrastructure TIC}
        unit: Percentage
      - code: "EC: ICT: ICT: 3A"
        name: {en: Wireless Broadband Subscriptions, fr: Abonnements au haut débit mobile}
        category: {en: ICT Infrastructure, fr: Infrastructure TIC}
    """

    static func chapter(_ title: String, _ block: String) -> String {
        "---\ntitle: \(title)\n---\n## Access\n\nText.\n\n```kpi\n\(block)```\n"
    }

    static let goodBlock = """
    kpi: "EC:ICT:ICT:1C"
    unit: Percentage
    source: U4SSC verification reports
    target: 100
    data:
      - {city: Karmøy, year: 2020, value: 99.1}
      - {city: Stavanger, year: 2020, value: 97}
      - {city: Asker, year: 2020, value: 45.25}

    """

    private func project(en: String, fr: String? = nil) throws -> FixtureProject {
        var files = FixtureProject.basicFiles
        files["Content/kpis.yml"] = Self.catalogue
        files["Content/en/02-governance.md"] = en
        if let fr { files["Content/fr/02-governance.md"] = fr }
        return try FixtureProject(files: files)
    }

    /// Builds with one block in English chapter 2 and returns the result.
    private func build(block: String) throws -> SiteBuilder.Result {
        let fixture = try project(en: Self.chapter("Governance", block))
        defer { fixture.cleanUp() }
        return fixture.build()
    }

    /// The block's YAML starts on line 9 of the chapter file (front matter 3 lines, then 5 lines of text, then the fence).
    private func expectError(_ block: String, _ text: String, line: Int, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let result = try build(block: block)
        #expect(!result.succeeded, sourceLocation: sourceLocation)
        let diagnostic = try #require(result.diagnostic(containing: text), "\(result.diagnostics)", sourceLocation: sourceLocation)
        #expect(diagnostic.severity == .error, sourceLocation: sourceLocation)
        #expect(diagnostic.location?.file == "Content/en/02-governance.md", sourceLocation: sourceLocation)
        #expect(diagnostic.location?.line == line, sourceLocation: sourceLocation)
    }

    // MARK: - Rendering

    @Test func rendersANumberedFigureWithChartTableSourceAndTarget() throws {
        let fixture = try project(en: Self.chapter("Governance", Self.goodBlock))
        defer { fixture.cleanUp() }
        let result = fixture.build()
        #expect(result.errors.isEmpty, "\(result.errors)")
        let page = try fixture.page("en/governance/index.html")
        #expect(try page.value("//figure[@class='kpi-figure']/@id") == "fig-2.1")
        #expect(try page.value("//figure//span[@class='figure-label']") == "Figure 2.1")
        #expect(try page.value("//figure//span[@class='figure-title']") == "Household Internet Access (%)")
        #expect(try page.value("//figure//span[@class='kpi-code']") == "EC: ICT: ICT: 1C")
        #expect(try page.value("//figure//*[local-name()='svg']/@role") == "img")
        #expect(try page.value("//figure//*[local-name()='svg']/*[local-name()='title']") == "Figure 2.1: Household Internet Access (%)")
        #expect(try page.value("//figure//*[local-name()='svg']/*[local-name()='desc']")?.contains("Karmøy, 2020: 99.1") == true)
        #expect(try page.values("//figure//table/thead/tr/th/@scope") == ["col", "col", "col"])
        #expect(try page.values("//figure//table/tbody/tr/th[@scope='row']") == ["Karmøy", "Stavanger", "Asker"])
        #expect(try page.values("//figure//table/tbody/tr/td[2]") == ["99.1", "97", "45.25"])
        #expect(try page.value("//figure//p[@class='kpi-source']") == "Source: U4SSC verification reports")
        #expect(try page.value("//figure//p[@class='kpi-target']") == "Target: 100")
    }

    @Test func numbersAreFormattedForThePageLanguage() throws {
        let fixture = try project(en: Self.chapter("Governance", Self.goodBlock),
                                  fr: Self.chapter("Gouvernance", Self.goodBlock))
        defer { fixture.cleanUp() }
        #expect(fixture.build().errors.isEmpty)
        let page = try fixture.page("fr/governance/index.html")
        #expect(try page.value("//figure//span[@class='figure-label']") == "Figure\u{00A0}2.1")
        #expect(try page.value("//figure//span[@class='figure-title']") == "Accès des ménages à Internet (%)")
        let values = try page.values("//figure//table/tbody/tr/td[2]")
        #expect(values[0] == "99,1")
        #expect(values[2] == "45,25")
        #expect(try page.values("//figure//table/tbody/tr/td[1]") == ["2020", "2020", "2020"])
    }

    @Test func largeNumbersAreGroupedAsTheLocaleDoes() throws {
        let block = "kpi: \"EC: ICT: ICT: 3A\"\ndata:\n  - {city: Karmøy, year: 2020, value: 95424.5}\n"
        let fixture = try project(en: Self.chapter("Governance", block), fr: Self.chapter("Gouvernance", block))
        defer { fixture.cleanUp() }
        #expect(fixture.build().errors.isEmpty)
        #expect(try fixture.page("en/governance/index.html").value("//figure//tbody/tr/td[2]") == "95,424.5")
        let french = try #require(try fixture.page("fr/governance/index.html").value("//figure//tbody/tr/td[2]"))
        // French groups thousands with a (narrow) no-break space and uses a decimal comma.
        #expect(french.hasPrefix("95") && french.hasSuffix("424,5") && french.count == 8 && !french.contains("."))
    }

    @Test func seriesRenderAsLines() throws {
        let block = """
        kpi: "EC: ICT: ICT: 2C"
        chart: line
        data:
          - {city: Karmøy, year: 2018, value: 80}
          - {city: Karmøy, year: 2020, value: 84.51}
          - {city: Asker, year: 2018, value: 70}
          - {city: Asker, year: 2020, value: 75}

        """
        let fixture = try project(en: Self.chapter("Governance", block))
        defer { fixture.cleanUp() }
        #expect(fixture.build().errors.isEmpty)
        let page = try fixture.page("en/governance/index.html")
        #expect(try page.count("//figure//*[local-name()='polyline']") == 2)
        #expect(try page.count("//figure//tbody/tr") == 4)
    }

    @Test func tableChartHasNoSVG() throws {
        let fixture = try project(en: Self.chapter("Governance", "kpi: \"EC: ICT: ICT: 3A\"\nchart: table\ndata:\n  - {city: Karmøy, year: 2020, value: 95424}\n"))
        defer { fixture.cleanUp() }
        #expect(fixture.build().errors.isEmpty)
        let page = try fixture.page("en/governance/index.html")
        #expect(try page.count("//figure//*[local-name()='svg']") == 0)
        #expect(try page.value("//figure//tbody/tr/td[2]") == "95,424")
    }

    @Test func kpiIndexListsTheCatalogueAndLinksFigures() throws {
        let fixture = try project(en: Self.chapter("Governance", Self.goodBlock))
        defer { fixture.cleanUp() }
        #expect(fixture.build().errors.isEmpty)
        let index = try fixture.page("en/kpis/index.html")
        #expect(try index.values("//table[@class='kpi-list']/tbody/tr/td/code") == ["EC: ICT: ICT: 1C", "EC: ICT: ICT: 2C", "EC: ICT: ICT: 3A"])
        #expect(try index.values("//tr[@class='used']//a[@class='figure-link']/@href") == ["../../en/governance/index.html#fig-2.1"])
        #expect(try index.values("//span[contains(@class,'kpi-type-')]") == ["Core", "Core", "Advanced"])
        #expect(try index.value("//h2") == "Economy")
        let french = try fixture.page("fr/kpis/index.html")
        #expect(try french.value("//h2") == "Économie")
        #expect(try french.values("//tr[@class='used']//a[@class='figure-link']/@href") == ["../../fr/governance/index.html#fig-2.1"])
    }

    // MARK: - Validation, each at its line

    @Test func unknownCodeSuggestsTheNearest() throws {
        try expectError("kpi: \"EC: ICT: ICT: 4C\"\ndata:\n  - {city: A, year: 2020, value: 1}\n",
                        "unknown KPI code 'EC: ICT: ICT: 4C' (nearest: 'EC: ICT: ICT: 1C'", line: 9)
    }

    @Test func yamlSyntaxErrorInsideTheBlock() throws {
        try expectError("kpi: \"EC: ICT: ICT: 1C\"\ndata:\n  - {city: A, year: 2020, value: 1\n", "YAML syntax error", line: 12)
    }

    @Test func missingData() throws {
        try expectError("kpi: \"EC: ICT: ICT: 1C\"\n", "a kpi block needs `data:`", line: 8)
    }

    @Test func emptyData() throws {
        try expectError("kpi: \"EC: ICT: ICT: 1C\"\ndata: []\n", "`data` is empty", line: 10)
    }

    @Test func nonNumericValue() throws {
        try expectError("kpi: \"EC: ICT: ICT: 1C\"\ndata:\n  - {city: A, year: 2020, value: 97%}\n", "value '97%' is not a number", line: 11)
    }

    @Test func yearOutOfRange() throws {
        try expectError("kpi: \"EC: ICT: ICT: 1C\"\ndata:\n  - {city: A, year: 2020, value: 1}\n  - {city: B, year: 1985, value: 2}\n",
                        "year 1985 is outside 1990–", line: 12)
    }

    @Test func sameCityAndYearTwice() throws {
        try expectError("kpi: \"EC: ICT: ICT: 1C\"\ndata:\n  - {city: A, year: 2020, value: 1}\n  - {city: A, year: 2020, value: 2}\n",
                        "A 2020 is given twice (first at line 11)", line: 12)
    }

    @Test func unitContradictingTheCatalogue() throws {
        try expectError("kpi: \"EC: ICT: ICT: 1C\"\nunit: per 100 000 inhabitants\ndata:\n  - {city: A, year: 2020, value: 1}\n",
                        "unit 'per 100 000 inhabitants' contradicts the catalogue", line: 10)
    }

    @Test func percentageOutOfRange() throws {
        try expectError("kpi: \"EC: ICT: ICT: 1C\"\ndata:\n  - {city: A, year: 2020, value: 101.5}\n",
                        "value 101.5 is outside 0–100", line: 11)
    }

    @Test func unknownKeyWithSuggestion() throws {
        try expectError("kpi: \"EC: ICT: ICT: 1C\"\nsoruce: x\ndata:\n  - {city: A, year: 2020, value: 1}\n",
                        "unknown key 'soruce' in a kpi block (did you mean 'source'?)", line: 10)
    }

    @Test func unknownChartKind() throws {
        try expectError("kpi: \"EC: ICT: ICT: 1C\"\nchart: pie\ndata:\n  - {city: A, year: 2020, value: 1}\n",
                        "unknown chart kind 'pie'", line: 10)
    }

    // MARK: - Single-sourced numbers

    @Test func aTranslationWhoseValueDiffersFailsWithBothLocations() throws {
        let changed = Self.goodBlock.replacingOccurrences(of: "value: 99.1", with: "value: 91.1")
        let fixture = try project(en: Self.chapter("Governance", Self.goodBlock), fr: Self.chapter("Gouvernance", changed))
        defer { fixture.cleanUp() }
        let result = fixture.build()
        #expect(!result.succeeded)
        let diagnostic = try #require(result.diagnostic(containing: "kpi block 1 differs from the source chapter's"))
        #expect(diagnostic.location == SourceLocation(file: "Content/fr/02-governance.md", line: 8))
        #expect(diagnostic.related == [SourceLocation(file: "Content/en/02-governance.md", line: 8)])
        #expect(diagnostic.message.contains("'Karmøy 2020: 91.1' here, 'Karmøy 2020: 99.1' in the source"))
        #expect(diagnostic.message.contains("Content/en/02-governance.md:8"))
    }

    @Test func aBlockRepeatedInATranslationIsCheckedAtEachFilesOwnLines() throws {
        // The same text is parsed once (see KPIBlockCache): positions must still be each file's own.
        let broken = "kpi: \"EC: ICT: ICT: 1C\"\ndata:\n  - {city: A, year: 2020, value: 1}\n  - {city: A, year: 2020, value: 2}\n"
        let french = "---\ntitle: Gouvernance\n---\n## Accès\n\nTexte.\n\nPlus de texte.\n\n```kpi\n\(broken)```\n"
        let fixture = try project(en: Self.chapter("Governance", broken), fr: french)
        defer { fixture.cleanUp() }
        let twice = fixture.build().diagnostics.filter { $0.message.contains("A 2020 is given twice") }
        #expect(twice.map(\.location) == [SourceLocation(file: "Content/en/02-governance.md", line: 12, column: 5),
                                          SourceLocation(file: "Content/fr/02-governance.md", line: 14, column: 5)])
        #expect(twice.map(\.message) == ["A 2020 is given twice (first at line 11)", "A 2020 is given twice (first at line 13)"])

        let good = "---\ntitle: Gouvernance\n---\n## Accès\n\nTexte.\n\nPlus de texte.\n\n```kpi\n\(Self.goodBlock)```\n"
        try fixture.write("Content/en/02-governance.md", Self.chapter("Governance", Self.goodBlock))
        try fixture.write("Content/fr/02-governance.md", good)
        #expect(fixture.build().errors.isEmpty)
        for page in ["en/governance/index.html", "fr/governance/index.html"] {
            #expect(try fixture.page(page).count("//figure[@id='fig-2.1']") == 1)
        }
    }

    @Test func aTranslationMayTranslateTheTitleButNotDropABlock() throws {
        let translated = "title: Accès à Internet\n" + Self.goodBlock
        let fixture = try project(en: Self.chapter("Governance", Self.goodBlock), fr: Self.chapter("Gouvernance", translated))
        defer { fixture.cleanUp() }
        #expect(fixture.build().errors.isEmpty)
        #expect(try fixture.page("fr/governance/index.html").value("//figure//span[@class='figure-title']") == "Accès à Internet (%)")

        try fixture.write("Content/fr/02-governance.md", "---\ntitle: Gouvernance\n---\nSans figure.\n")
        let result = fixture.build()
        let diagnostic = try #require(result.diagnostic(containing: "the translation has 0 kpi blocks"))
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.location?.file == "Content/fr/02-governance.md")
    }
}

import Foundation
import Testing
@testable import FolioCore

/// Dates in citations as each language writes them. The CSL ru-RU locale names months only in the
/// nominative ("25 сентябрь 2015 г." is wrong Russian) and CSL cannot choose the genitive after a day,
/// so the shipped styles write Russian dates as numbers: "25.09.2015", "09.2020".
@Suite struct CitationDateTests {
    static let resolution = """
    @report{unga-2015,
      author    = {{United Nations General Assembly}},
      title     = {Transforming Our World: The 2030 Agenda for Sustainable Development},
      type      = {General Assembly resolution},
      number    = {A/RES/70/1},
      publisher = {United Nations},
      location  = {New York},
      date      = {2015-09-25},
    }

    @report{iawg-2015,
      author    = {{Inter-agency Working Group on a Global Technology Facilitation Platform}},
      title     = {Informal Expert Group Meeting on a UN System Road Map to Support a Global Technology Facilitation Platform},
      type      = {Draft concept note},
      publisher = {United Nations},
      location  = {New York},
      date      = {2015-02},
    }

    """

    static let nominativeMonths = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
                                   "ноябрь", "декабрь"]

    /// A nominative month name in the text, if any.
    static func nominative(_ text: String) -> String? {
        let words = text.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
        return nominativeMonths.first { words.contains($0) }
    }

    @Test func datesReadAsEachLanguageWritesThem() throws {
        var files = CitationTests.files()
        files["Content/references.bib", default: ""] += Self.resolution
        for (language, sentence) in [("en", "The 2030 Agenda frames this work [@unga-2015; @iawg-2015]."),
                                     ("fr", "Le Programme 2030 encadre ce travail [@unga-2015; @iawg-2015]."),
                                     ("ru", "Повестка дня на период до 2030 года задает рамки этой работы [@unga-2015; @iawg-2015].")] {
            files["Content/\(language)/01-introduction.md", default: ""] += "\n\n" + sentence + "\n"
        }
        let project = try FixtureProject(files: files)
        defer { project.cleanUp() }
        let result = SiteBuilder.build(SiteBuilder.Options(project: project.root, pdf: .skip))
        #expect(result.errors.isEmpty, "\(result.errors)")
        func entries(_ language: String) throws -> [String: String] {
            let page = try project.page("\(language)/references/index.html")
            let ids = try page.values("//div[@class='csl-entry']/@id")
            let texts = try page.values("//div[@class='csl-entry']")
            return Dictionary(uniqueKeysWithValues: zip(ids, texts))
        }
        let english = try entries("en")
        #expect(english["ref-unga-2015"]?.contains("September 25, 2015") == true, "\(english)")
        #expect(try entries("fr")["ref-unga-2015"]?.contains("25 septembre 2015") == true)
        let russian = try entries("ru")
        let resolution = try #require(russian["ref-unga-2015"])
        let report = try #require(russian["ref-iawg-2015"])
        // The day's date and the month's: both right, as numbers.
        #expect(resolution.contains("25.09.2015"), "\(resolution)")
        #expect(report.contains("02.2015"), "\(report)")
        #expect(english["ref-iawg-2015"]?.contains("February 2015") == true)
        for text in russian.values { #expect(Self.nominative(text) == nil, "\(text)") }
        // The notes citing them too (the same citeproc run).
        let notes = try project.page("ru/introduction/index.html").values("//section[@id='footnotes']//li")
        #expect(notes.contains { $0.contains("25.09.2015") }, "\(notes)")
        for text in notes { #expect(Self.nominative(text) == nil, "\(text)") }
    }
}

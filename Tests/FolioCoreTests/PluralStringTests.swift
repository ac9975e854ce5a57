import Foundation
import Testing
@testable import FolioCore

/// Interface strings with counts: ICU MessageFormat with the CLDR plural rules of Debian's ICU.
@Suite struct PluralStringTests {
    /// A publication in `language` alone whose three chapters are 1, 2 and 5 days late on 2020-05-10.
    static func lateProject(_ language: String) throws -> FixtureProject {
        let chapters = [("01-one", "s3"), ("02-two", "s2"), ("03-five", "s1")]
        var files = ["Content/publication.yml": """
            title: {\(language): Cities}
            source-language: \(language)
            languages: [\(language)]
            status-date: 2020-05-10
            stages:
              - {id: s1, due: 2020-01-01}
              - {id: s2, due: 2020-05-05}
              - {id: s3, due: 2020-05-08}
              - {id: s4, due: 2020-05-09}
              - {id: s5, due: 2020-12-31}
            """]
        for (file, stage) in chapters {
            files["Content/\(language)/\(file).md"] = "---\ntitle: \(file)\nstage: \(stage)\n---\nText.\n"
        }
        return try FixtureProject(files: files)
    }

    static let expected: [String: [String]] = [
        "en": ["1 day late", "2 days late", "5 days late"],
        "fr": ["1\u{A0}jour de retard", "2\u{A0}jours de retard", "5\u{A0}jours de retard"],
        "ru": ["просрочено на 1 день", "просрочено на 2 дня", "просрочено на 5 дней"],
        "ar": ["التأخير: يوم واحد", "التأخير: يومان", "التأخير: 5 أيام"],
        "zh": ["逾期1天", "逾期2天", "逾期5天"],
    ]

    @Test(arguments: ["en", "fr", "ru", "ar", "zh"])
    func statusPageSaysOneTwoAndFiveDaysLateInTheLanguagesPlural(language: String) throws {
        let project = try Self.lateProject(language)
        defer { project.cleanUp() }
        let result = project.build()
        #expect(result.succeeded, "\(result.errors)")
        let text = try project.read("status/index.html")
        for form in try #require(Self.expected[language]) {
            #expect(text.contains(form), "\(language): '\(form)' not on the status page")
        }
        #expect(!text.contains("{n"), "an unformatted message")
    }

    /// Every category of every UN language, through the default strings: each arm is reached by a
    /// number of its category, as ICU's rules say.
    @Test func everyPluralCategoryOfEveryLanguageHasItsForm() throws {
        let numbers: [String: [(Double, String)]] = [
            "en": [(1, "1 day late"), (2, "2 days late"), (0, "0 days late")],
            "fr": [(0, "0\u{A0}jour de retard"), (1, "1\u{A0}jour de retard"), (2, "2\u{A0}jours de retard")],
            "es": [(1, "1 día de retraso"), (5, "5 días de retraso")],
            "ru": [(1, "просрочено на 1 день"), (21, "просрочено на 21 день"), (3, "просрочено на 3 дня"),
                   (11, "просрочено на 11 дней"), (25, "просрочено на 25 дней"), (1.5, "просрочено на 1,5 дня")],
            "ar": [(0, "التأخير: 0 يوم"), (1, "التأخير: يوم واحد"), (2, "التأخير: يومان"), (3, "التأخير: 3 أيام"),
                   (11, "التأخير: 11 يومًا"), (100, "التأخير: 100 يوم")],
            "zh": [(1, "逾期1天"), (7, "逾期7天")],
        ]
        let collector = DiagnosticCollector()
        let strings = UIStrings.load(TemplateSource(folder: URL(fileURLWithPath: "/nonexistent")), languages: UNLanguage.codes,
                                     source: "en", diagnostics: collector)
        #expect(collector.diagnostics.isEmpty, "\(collector.diagnostics)")
        for (language, cases) in numbers {
            let table = try #require(strings[language])
            for (number, form) in cases {
                #expect(table.format("status_days_late", ["n": "\(number)"], numbers: ["n": number]) == form, "\(language) \(number)")
            }
        }
        #expect(PluralRules.categories("ar") == ["zero", "one", "two", "few", "many", "other"])
        #expect(PluralRules.categories("ru") == ["one", "few", "many", "other"])
        #expect(PluralRules.categories("zh") == ["other"])
        #expect(PluralRules.select(22, language: "ru") == "few")
    }

    @Test func aPluralMissingOneOfTheLanguagesCategoriesIsAnErrorAtItsPlace() throws {
        let project = try FixtureProject()
        defer { project.cleanUp() }
        // French needs one, many, other: this one forgets many. The key is on line 3, the plural at column 20.
        let french = try project.defaultTemplate("i18n/fr.yml").split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("status_days_late:") }.joined(separator: "\n")
        try project.write("Templates/i18n/fr.yml", "# Ours\n\nstatus_days_late: \"en retard {n, plural, one {# jour} other {# jours}}\"\n" + french)
        let result = project.build()
        #expect(!result.succeeded)
        let error = try #require(result.diagnostic(containing: "interface string 'status_days_late': the plural of 'n' has no arm for many"))
        #expect(error.severity == .error)
        #expect(error.message.contains("(French distinguishes one, many, other)"))
        #expect(error.location?.file == "Templates/i18n/fr.yml")
        #expect(error.location?.line == 3)
        #expect(error.location?.column == 30)
    }

    @Test func aMessageICUCannotReadIsAnErrorAtItsPlace() throws {
        let project = try FixtureProject()
        defer { project.cleanUp() }
        try project.write("Templates/i18n/en.yml", try project.defaultTemplate("i18n/en.yml")
            .replacingOccurrences(of: "status_days_left: \"{n, plural, one {# day left} other {# days left}}\"",
                                  with: "status_days_left: \"{n, plural, one {# day left}}\""))
        let line = try project.defaultTemplate("i18n/en.yml").split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.hasPrefix("status_days_left:") }.map { $0 + 1 }
        let result = project.build()
        let error = try #require(result.diagnostic(containing: "interface string 'status_days_left' is not valid ICU MessageFormat: a plural or select argument needs an 'other' arm"))
        #expect(error.severity == .error)
        #expect(error.location?.file == "Templates/i18n/en.yml")
        #expect(error.location?.line == line)
        // At the plural argument, just inside the quotes.
        #expect(error.location?.column == 20)
    }
}

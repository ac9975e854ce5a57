import Foundation

/// `folio new PATH`: a publication that builds at once, on folio's built-in templates and catalogue:
/// `Content/publication.yml` (with the concept note's review timeline, dated from today), one example
/// chapter with a KPI block and a review record, and a `.gitignore` for the built site.
public enum Scaffold {
    public struct Options: Sendable {
        public var folder: URL
        public var title: String?
        public var languages: [String]
        /// The day the timeline is laid out from (today, unless a test fixes it).
        public var today: CalendarDate

        public init(folder: URL, title: String? = nil, languages: [String] = ["en"], today: CalendarDate = Timeline.today()) {
            self.folder = folder
            self.title = title
            self.languages = languages
            self.today = today
        }
    }

    /// Writes the publication; the diagnostics say why it was refused (a non-empty folder, an unknown
    /// language). Nothing is written when there is an error.
    public static func create(_ options: Options) -> [Diagnostic] {
        let fm = FileManager.default
        let folder = options.folder.standardizedFileURL
        var problems: [Diagnostic] = []
        if options.languages.isEmpty {
            problems.append(.error("--languages names no language: give one or more of \(UNLanguage.codes.joined(separator: ", "))", at: nil))
        }
        for code in options.languages where UNLanguage.named(code) == nil {
            problems.append(.error("--languages: '\(code)' is not one of the six UN languages (\(UNLanguage.codes.joined(separator: ", ")))"
                                   + Suggestion.hint(for: code, in: UNLanguage.codes), at: nil))
        }
        if Set(options.languages).count != options.languages.count {
            problems.append(.error("--languages names a language twice", at: nil))
        }
        if let entries = try? fm.contentsOfDirectory(atPath: folder.path), !entries.isEmpty {
            problems.append(.error("\(folder.path) is not empty (it holds \(entries.sorted().prefix(3).joined(separator: ", "))\(entries.count > 3 ? ", …" : "")): folio new makes a publication only in a new or empty folder",
                                   at: nil))
        } else if fm.fileExists(atPath: folder.path), !ContentLoader.isDirectoryEntry(folder) {
            problems.append(.error("\(folder.path) is a file, not a folder", at: nil))
        }
        guard problems.isEmpty, let source = options.languages.first else { return problems }
        let files = [
            ".gitignore": gitignore,
            "Content/publication.yml": publicationYAML(title: options.title ?? "Untitled publication", languages: options.languages,
                                                      today: options.today),
            "Content/\(source)/01-introduction.md": exampleChapter(reviewDate: options.today),
        ]
        do {
            for (path, text) in files.sorted(by: { $0.key < $1.key }) {
                let url = folder.appendingPathComponent(path)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url, options: .withoutOverwriting)
            }
            for language in options.languages.dropFirst() {
                try fm.createDirectory(at: folder.appendingPathComponent("Content/\(language)"), withIntermediateDirectories: true)
            }
            try fm.createDirectory(at: folder.appendingPathComponent("Content/media"), withIntermediateDirectories: true)
        } catch {
            return [.error("cannot write the new publication into \(folder.path): \(ContentLoader.reason(error))", at: nil)]
        }
        return []
    }

    static let gitignore = """
    # What `folio build` writes: the site and its print edition, and the staging folder of a build.
    /Public/
    /.Public.*

    """

    /// The concept note's indicative timeline (section 5) as it stood for the UNECE publication, with
    /// the day the UNECE review ended; a new publication gets it shifted so that today is the day after.
    static let conceptNoteStages: [(id: String, name: String, starts: String?, due: String, review: Bool, translations: Bool)] = [
        ("outline", "Extended, detailed outline", nil, "2019-11-15", false, false),
        ("first-draft", "First draft", nil, "2020-01-31", false, false),
        ("unece-review", "Review by UNECE units and subprogrammes", "2020-02-01", "2020-03-31", true, false),
        ("second-draft", "Second draft", nil, "2020-04-30", false, false),
        ("expert-review", "Review by the expert review group", "2020-05-01", "2020-05-31", true, false),
        ("final-draft", "Final draft", nil, "2020-06-30", false, false),
        ("excom-approval", "Approval of the policy recommendations by ExCom", "2020-07-01", "2020-08-31", true, false),
        ("production", "Copy-editing, translation, layout and printing", "2020-09-01", "2020-12-31", false, true),
        ("published", "Presented to the Commission", nil, "2021-04-21", false, false),
    ]
    static let conceptNoteToday = "2020-04-01"

    static func shifted(_ iso: String, to today: CalendarDate) -> String {
        guard let date = CalendarDate(iso: iso), let anchor = CalendarDate(iso: conceptNoteToday) else { return iso }
        return CalendarDate(dayNumber: date.dayNumber + today.dayNumber - anchor.dayNumber)?.description ?? iso
    }

    static func publicationYAML(title: String, languages: [String], today: CalendarDate) -> String {
        let source = languages.first ?? "en"
        var stages = ""
        for stage in conceptNoteStages {
            stages += "  - id: \(stage.id)\n"
            // The concept note's names are English: another source language shows the ids until named.
            if source == "en" { stages += "    name: {en: \(yamlQuoted(stage.name))}\n" }
            if let starts = stage.starts { stages += "    starts: \(shifted(starts, to: today))\n" }
            stages += "    due: \(shifted(stage.due, to: today))\n"
            if stage.review { stages += "    review: true\n" }
            if stage.translations { stages += "    translations: true\n" }
        }
        return """
        # The publication: its titles, languages and review timeline. Made by `folio new`; the fields are
        # described in folio's README ("Content format"). Dates are YYYY-MM-DD.
        title: {\(source): \(yamlQuoted(title))}
        # subtitle: {\(source): "One line under the title"}
        # publisher: {\(source): United Nations Economic Commission for Europe}
        year: "\(today.year)"
        source-language: \(source)
        # The site lists the languages in this order. A chapter not yet translated is shown in the source
        # language with a notice: add Content/<lang>/ files with the source chapters' file names.
        languages: [\(languages.joined(separator: ", "))]
        # status-date: \(today)   # report the status as of this date instead of today
        # slug: my-publication    # names the PDFs; default: a slug of the title

        # The review timeline: by default the indicative timeline of the UNECE concept note (section 5),
        # dated so that the first review has just ended. Change the dates, rename or remove stages; a
        # chapter's `stage:` names one of these ids, and its `reviews:` record the review stages it passed.
        stages:
        \(stages)
        """
    }

    static func exampleChapter(reviewDate: CalendarDate) -> String {
        """
        ---
        title: Introduction
        summary: What this publication is about, in one sentence.
        authors: [Lead consultant]
        stage: second-draft
        reviews:
          - {stage: unece-review, by: "UNECE secretariat", date: \(reviewDate), outcome: revisions requested}
        ---

        ## Why this publication

        Write each chapter as one Markdown file in this folder: `02-…md` comes next. Footnotes work as
        in GitHub's Markdown.[^1] Link to another chapter by its file name, for example
        `[the next chapter](02-governance.md)`, and to an image by its path, `![A map](../media/map.png)`.

        ## A key performance indicator

        City figures go in `kpi` blocks, checked against the U4SSC catalogue of 91 indicators and
        shown as a numbered figure with a chart and a table.

        ```kpi
        kpi: "EC: ICT: ICT: 1C"
        unit: Percentage
        chart: bar
        source: U4SSC Verification Report, Karmøy, Norway (September 2020), p. 14
        data:
          - {city: Karmøy, year: 2020, value: 97.0}
          - {city: Moscow, year: 2018, value: 90}
        ```

        [^1]: A footnote: it appears at the foot of the page in the print edition.

        """
    }

    private static func yamlQuoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

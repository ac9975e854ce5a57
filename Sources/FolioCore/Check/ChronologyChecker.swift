/// A draft is dated: `status-date` in publication.yml says as of when its status is reported. It cannot
/// cite what was published after that day, so a citation of a source dated later (BibLaTeX `date` or
/// `year`) is a warning at the citation: the status date, the stages or the source is wrong.
enum ChronologyChecker {
    static func check(_ publication: Publication, asOf statusDate: CalendarDate?, diagnostics: DiagnosticCollector) {
        guard let statusDate, let bibliography = publication.bibliography, bibliography.format == .biblatex else { return }
        var dates: [String: (text: String, earliest: CalendarDate)] = [:]
        for entry in BibLaTeXScanner.scan(bibliography.text, file: bibliography.path).entries {
            let field = entry.fields.first { $0.name == "date" } ?? entry.fields.first { $0.name == "year" }
            if let field, let earliest = earliestDay(field.value) { dates[entry.key] = (field.value, earliest) }
        }
        for language in publication.config.languageCodes {
            for chapter in publication.chapters[language] ?? [] {
                for citation in publication.models[chapter.path]?.citations ?? [] {
                    for item in citation.items {
                        guard let date = dates[item.key], date.earliest > statusDate else { continue }
                        diagnostics.warning("'@\(item.key)' is dated \(date.text), after the draft's status date \(statusDate): "
                                            + "a draft cannot cite a source published after it (check status-date, the stages and the source)",
                                            at: item.location)
                    }
                }
            }
        }
    }

    /// The first day a BibLaTeX date can mean: `2020-09` is 1 September 2020, `2022` 1 January 2022;
    /// a range (`2019/2020`) counts from its start.
    static func earliestDay(_ value: String) -> CalendarDate? {
        let start = value.split(separator: "/").first.map(String.init) ?? value
        let parts = start.split(separator: "-").map(String.init)
        guard let year = parts.first, year.count == 4, Int(year) != nil else { return nil }
        let month = parts.count > 1 ? parts[1] : "01"
        let day = parts.count > 2 ? parts[2] : "01"
        return CalendarDate(iso: "\(year)-\(month)-\(day)")
    }
}

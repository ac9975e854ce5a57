/// A draft is dated: `status-date` in publication.yml says as of when its status is reported. It
/// cannot cite what was published after that day, nor show values for a year after it, so each is a
/// warning at its place: the status date, the stages or the source is wrong.
package enum ChronologyChecker {
    static func check(_ publication: Publication, asOf statusDate: CalendarDate?, diagnostics: DiagnosticCollector) {
        guard let statusDate else { return }
        let advice = "(check status-date, the stages and the source)"
        var issued: [String: (text: String, earliest: CalendarDate)] = [:]
        for entry in publication.bibliography?.entries ?? [] {
            if let text = entry.issued, let earliest = earliestDay(text) { issued[entry.key] = (text, earliest) }
        }
        for language in publication.config.languageCodes {
            for chapter in publication.chapters[language] ?? [] {
                guard let model = publication.models[chapter.path] else { continue }
                for citation in model.citations {
                    for item in citation.items {
                        guard let date = issued[item.key], date.earliest > statusDate else { continue }
                        diagnostics.warning("'@\(item.key)' is dated \(date.text), after the draft's status date \(statusDate): "
                                            + "a draft cannot cite a source published after it \(advice)", at: item.location)
                    }
                }
                for block in model.kpiBlocks {
                    for point in block.data where point.year > statusDate.year {
                        diagnostics.warning("\(point.city)'s value for \(point.year) is after the draft's status date \(statusDate): "
                                            + "a draft cannot report a year that has not begun \(advice)", at: point.location)
                    }
                }
            }
        }
    }

    /// The first day a date can mean: `2020-09` is 1 September 2020, `2022` 1 January 2022;
    /// a range (`2019/2020`) counts from its start.
    package static func earliestDay(_ value: String) -> CalendarDate? {
        let start = value.split(separator: "/").first.map(String.init) ?? value
        let parts = start.split(separator: "-").map(String.init)
        guard let year = parts.first, year.count == 4, Int(year) != nil else { return nil }
        let month = parts.count > 1 ? parts[1] : "01"
        let day = parts.count > 2 ? parts[2] : "01"
        return CalendarDate(iso: "\(year)-\(month)-\(day)")
    }
}

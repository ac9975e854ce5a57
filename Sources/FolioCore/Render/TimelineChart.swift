/// The status dashboard's timeline: one row per stage, a bar from its start to its due date, review
/// stages marked, and a vertical line at the status date. Static SVG, text alternative included.
struct TimelineChart {
    let timeline: Timeline
    let asOf: CalendarDate
    /// Stage id → its name in the dashboard's language.
    let names: [String: String]
    let formatDate: (CalendarDate) -> String
    let todayLabel: String

    private let width = 1000.0
    private let labelWidth = 390.0
    private let rowHeight = 26.0

    func render() -> String {
        let spans = stageSpans()
        guard let first = spans.compactMap(\.start).min(), let last = (spans.compactMap(\.end) + [asOf]).max() else { return "" }
        let start = first.dayNumber - 15
        let end = max(last.dayNumber, asOf.dayNumber) + 15
        let plotLeft = labelWidth
        let plotRight = width - 20
        func x(_ date: CalendarDate) -> Double {
            plotLeft + Double(date.dayNumber - start) / Double(max(end - start, 1)) * (plotRight - plotLeft)
        }
        let top = 30.0
        let height = top + Double(spans.count) * rowHeight + 40
        var svg = "<svg class=\"timeline-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" aria-labelledby=\"timeline-title timeline-desc\" font-family=\"Noto Sans, sans-serif\">"
        svg += "<title id=\"timeline-title\">\(HTML.escape(todayLabel)): \(HTML.escape(formatDate(asOf)))</title>"
        let description = spans.map { "\(names[$0.stage.id] ?? $0.stage.id): \($0.end.map(formatDate) ?? "")" }.joined(separator: "; ")
        svg += "<desc id=\"timeline-desc\">\(HTML.escape(description))</desc>"
        // Year boundaries as a light grid.
        var year = CalendarDate(year: (first.year), month: 1, day: 1)
        while let current = year, current.dayNumber <= end {
            if current.dayNumber >= start {
                let position = x(current)
                svg += "<line x1=\"\(f(position))\" y1=\"\(f(top - 8))\" x2=\"\(f(position))\" y2=\"\(f(height - 30))\" stroke=\"#d5dae0\" />"
                svg += "<text x=\"\(f(position + 4))\" y=\"\(f(top - 12))\" font-size=\"12\" fill=\"#4a525c\">\(current.year)</text>"
            }
            year = CalendarDate(year: current.year + 1, month: 1, day: 1)
        }
        for (row, span) in spans.enumerated() {
            let y = top + Double(row) * rowHeight
            let name = names[span.stage.id] ?? span.stage.id
            svg += "<text x=\"\(f(labelWidth - 10))\" y=\"\(f(y + 17))\" font-size=\"12.5\" text-anchor=\"end\" fill=\"#1b1f24\">\(HTML.escape(name))</text>"
            if let from = span.start, let to = span.end {
                let left = x(from)
                let barWidth = max(x(to) - left, 4)
                let fill = span.stage.isReview ? "#7fb2d9" : "#00538b"
                svg += "<rect x=\"\(f(left))\" y=\"\(f(y + 5))\" width=\"\(f(barWidth))\" height=\"16\" rx=\"2\" fill=\"\(fill)\" stroke=\"#1b1f24\" stroke-width=\"0.5\"><title>\(HTML.escape(name)): \(HTML.escape(formatDate(to)))</title></rect>"
            }
        }
        let todayX = x(asOf)
        svg += "<line x1=\"\(f(todayX))\" y1=\"\(f(top - 4))\" x2=\"\(f(todayX))\" y2=\"\(f(height - 26))\" stroke=\"#a32020\" stroke-width=\"2\" stroke-dasharray=\"5 3\" />"
        let anchor = todayX > width - 160 ? "end" : "start"
        let labelX = anchor == "end" ? todayX - 6 : todayX + 6
        svg += "<text x=\"\(f(labelX))\" y=\"\(f(height - 10))\" font-size=\"12\" font-weight=\"600\" text-anchor=\"\(anchor)\" fill=\"#a32020\">\(HTML.escape(todayLabel)): \(HTML.escape(formatDate(asOf)))</text>"
        return svg + "</svg>"
    }

    private struct Span {
        var stage: Stage
        var start: CalendarDate?
        var end: CalendarDate?
    }

    /// A stage runs from its `starts` date, or else from the day after the previous stage was due.
    private func stageSpans() -> [Span] {
        var previousDue: CalendarDate?
        return timeline.stages.map { stage in
            let start = stage.starts ?? previousDue.flatMap { CalendarDate(dayNumber: $0.dayNumber + 1) } ?? stage.due.flatMap {
                CalendarDate(dayNumber: $0.dayNumber - 30)
            }
            defer { previousDue = stage.due ?? previousDue }
            return Span(stage: stage, start: start, end: stage.due)
        }
    }

    private func f(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

extension CalendarDate {
    /// The date of a Julian day number (the inverse of `dayNumber`).
    init?(dayNumber: Int) {
        let a = dayNumber + 32044
        let b = (4 * a + 3) / 146097
        let c = a - 146097 * b / 4
        let d = (4 * c + 3) / 1461
        let e = c - 1461 * d / 4
        let m = (5 * e + 2) / 153
        self.init(year: 100 * b + d - 4800 + m / 10, month: m + 3 - 12 * (m / 10), day: e - (153 * m + 2) / 5 + 1)
    }
}

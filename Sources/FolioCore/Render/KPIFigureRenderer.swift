import FolioMarkdown

/// Renders the `kpi` blocks of one chapter page as numbered figures ("Figure 3.2"): caption, code and
/// dimension, a static SVG chart, the data as a real table, the source and the target. The same markup
/// serves screen and print; numbers and years are formatted for the page's language.
final class KPIFigureRenderer: FenceRenderer {
    private let blocks: [Int: KPIBlock]
    private let catalogue: KPICatalogue?
    private let chapterNumber: Int
    private let language: String
    private let rightToLeft: Bool
    private let strings: UIStrings
    private let formatter: LocaleFormatter
    private var figureCount = 0

    init(blocks: [KPIBlock], catalogue: KPICatalogue?, chapterNumber: Int, language: String, rightToLeft: Bool,
         strings: UIStrings, formatter: LocaleFormatter) {
        self.blocks = Dictionary(blocks.map { ($0.bodyLine, $0) }, uniquingKeysWith: { first, _ in first })
        self.catalogue = catalogue
        self.chapterNumber = chapterNumber
        self.language = language
        self.rightToLeft = rightToLeft
        self.strings = strings
        self.formatter = formatter
    }

    /// The figure id of the n-th KPI figure of a chapter: `fig-3.2` (heading ids never contain a dot).
    static func figureID(chapter: Int, index: Int) -> String { "fig-\(chapter).\(index)" }

    func render(info: String, literal: String, start: SourcePoint) -> String? {
        guard KPIChecker.isKPIFence(info), let block = blocks[start.line] else { return nil }
        figureCount += 1
        let number = "\(formatter.integer(chapterNumber)).\(formatter.integer(figureCount))"
        let id = Self.figureID(chapter: chapterNumber, index: figureCount)
        let definition = catalogue?.kpi(block.code)
        let name = block.title ?? definition?.names.text(in: language) ?? block.code
        let unitKey = block.unit ?? definition?.unit
        let unitLabel = unitKey.map { catalogue?.unitLabel($0, in: language) ?? $0 }
        let figureLabel = strings.format("figure_label", ["n": number])
        let caption = unitLabel.map { "\(name) (\($0))" } ?? name

        var html = "<figure class=\"kpi-figure\" id=\"\(id)\">\n<figcaption>"
        html += "<span class=\"figure-label\">\(HTML.escape(figureLabel))</span> "
        html += "<span class=\"figure-title\">\(HTML.escape(caption))</span>"
        html += "<span class=\"kpi-meta\">\(meta(block: block, definition: definition))</span>"
        html += "</figcaption>\n"
        if block.chart != .table {
            let chart = SVGChart(block: block, idPrefix: id, rightToLeft: rightToLeft, labels: .init(
                title: "\(figureLabel): \(caption)",
                description: description(of: block),
                target: block.target.map { strings.format("kpi_target", ["value": formatter.number($0, fractionDigits: block.targetFractionDigits)]) },
                number: { [formatter] value, digits in formatter.number(value, fractionDigits: digits) }))
            html += "<div class=\"kpi-chart-wrap\" aria-hidden=\"false\">\(chart.render())</div>\n"
        }
        html += table(block: block, caption: "\(figureLabel): \(caption)", unitLabel: unitLabel, id: id)
        if let source = block.source {
            html += "<p class=\"kpi-source\">\(HTML.escape(strings.format("kpi_source", ["source": source])))</p>\n"
        }
        if let target = block.target {
            let value = formatter.number(target, fractionDigits: block.targetFractionDigits)
            html += "<p class=\"kpi-target\">\(HTML.escape(strings.format("kpi_target", ["value": value])))</p>\n"
        }
        return html + "</figure>\n"
    }

    /// `EC: P: IN: 1C · Economy — Productivity · Core`
    private func meta(block: KPIBlock, definition: KPIDefinition?) -> String {
        var parts = ["<span class=\"kpi-code\" dir=\"ltr\">\(HTML.escape(block.code))</span>"]
        if let definition, let catalogue {
            let dimension = catalogue.dimensions.first { $0.code == definition.dimension }
            let sub = dimension?.subdimensions.first { $0.code == definition.subdimension }
            let names = [dimension?.names.text(in: language), sub?.names.text(in: language)].compactMap { $0 }
            if !names.isEmpty { parts.append(HTML.escape(names.joined(separator: " — "))) }
            parts.append(HTML.escape(strings[definition.isCore ? "kpi_core" : "kpi_advanced"]))
        }
        return parts.joined(separator: " · ")
    }

    /// The chart's text alternative: every value, in reading order.
    private func description(of block: KPIBlock) -> String {
        block.data.map { "\($0.city), \($0.year): \(formatter.number($0.value, fractionDigits: $0.fractionDigits))" }
            .joined(separator: "; ")
    }

    private func table(block: KPIBlock, caption: String, unitLabel: String?, id: String) -> String {
        let valueHeader = unitLabel.map { "\(strings["kpi_value"]) (\($0))" } ?? strings["kpi_value"]
        // Scrolls in its own frame on narrow screens: focusable, and named by its caption.
        var html = "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"\(id)-caption\"><table class=\"kpi-table\">\n"
        html += "<caption id=\"\(id)-caption\">\(HTML.escape(caption))</caption>\n<thead><tr>"
        html += "<th scope=\"col\">\(HTML.escape(strings["kpi_city"]))</th>"
        html += "<th scope=\"col\">\(HTML.escape(strings["kpi_year"]))</th>"
        html += "<th scope=\"col\" class=\"align-end\">\(HTML.escape(valueHeader))</th></tr></thead>\n<tbody>\n"
        for point in block.data {
            html += "<tr><th scope=\"row\">\(HTML.escape(point.city))</th><td>\(point.year)</td>"
            html += "<td class=\"align-end\">\(HTML.escape(formatter.number(point.value, fractionDigits: point.fractionDigits)))</td></tr>\n"
        }
        return html + "</tbody>\n</table></div>\n"
    }
}

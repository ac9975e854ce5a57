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
        let id = Self.figureID(chapter: chapterNumber, index: figureCount)
        let content = KPIFigureContent(block: block, catalogue: catalogue, chapterNumber: chapterNumber, index: figureCount,
                                       language: language, strings: strings, formatter: formatter)

        var html = "<figure class=\"kpi-figure\" id=\"\(id)\">\n<figcaption>"
        html += "<span class=\"figure-label\">\(HTML.escape(content.label))</span> "
        html += "<span class=\"figure-title\">\(HTML.escape(content.caption))</span>"
        html += "<span class=\"kpi-meta\">\(meta(content))</span>"
        html += "</figcaption>\n"
        if let chart = content.chart(block: block, idPrefix: id, rightToLeft: rightToLeft, formatter: formatter) {
            html += "<div class=\"kpi-chart-wrap\" aria-hidden=\"false\">\(chart.render())</div>\n"
        }
        html += table(content, id: id)
        if let source = content.source {
            html += "<p class=\"kpi-source\">\(HTML.escape(source))</p>\n"
        }
        if let target = content.target {
            html += "<p class=\"kpi-target\">\(HTML.escape(target))</p>\n"
        }
        return html + "</figure>\n"
    }

    /// `EC: P: IN: 1C · Economy — Productivity · Core`
    private func meta(_ content: KPIFigureContent) -> String {
        var parts = ["<span class=\"kpi-code\" dir=\"ltr\">\(HTML.escape(content.code))</span>"]
        if let dimensions = content.dimensions { parts.append(HTML.escape(dimensions)) }
        if let type = content.type { parts.append(HTML.escape(type)) }
        return parts.joined(separator: " · ")
    }

    private func table(_ content: KPIFigureContent, id: String) -> String {
        // Scrolls in its own frame on narrow screens: focusable, and named by its caption.
        var html = "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"\(id)-caption\"><table class=\"kpi-table\">\n"
        html += "<caption id=\"\(id)-caption\">\(HTML.escape(content.fullCaption))</caption>\n<thead><tr>"
        html += "<th scope=\"col\">\(HTML.escape(strings["kpi_city"]))</th>"
        html += "<th scope=\"col\">\(HTML.escape(strings["kpi_year"]))</th>"
        html += "<th scope=\"col\" class=\"align-end\">\(HTML.escape(content.valueHeader))</th></tr></thead>\n<tbody>\n"
        for row in content.rows {
            html += "<tr><th scope=\"row\">\(HTML.escape(row.city))</th><td>\(row.year)</td>"
            html += "<td class=\"align-end\">\(HTML.escape(row.value))</td></tr>\n"
        }
        return html + "</tbody>\n</table></div>\n"
    }
}

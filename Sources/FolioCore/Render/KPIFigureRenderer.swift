import FolioMarkdown

/// What a KPI figure shows on a page, handed to `elements/kpi-figure`: its number and caption, code
/// and dimension, a static SVG chart, the data as a real table, the source and the target. Numbers
/// and years are formatted for the page's language; the figure's number comes from the chapter model.
public struct KPIFigureRenderer {
    let catalogue: KPICatalogue?
    let language: String
    let rightToLeft: Bool
    let strings: UIStrings
    let formatter: LocaleFormatter

    init(catalogue: KPICatalogue?, language: String, rightToLeft: Bool, strings: UIStrings, formatter: LocaleFormatter) {
        self.catalogue = catalogue
        self.language = language
        self.rightToLeft = rightToLeft
        self.strings = strings
        self.formatter = formatter
    }

    /// `sourceHTML`: the source line as HTML when it cites (else its text, escaped).
    func render(_ block: KPIBlock, element: NumberedElement, template: EntryPartial, sourceHTML: String? = nil, into out: inout HTMLBuffer) {
        let id = element.anchor
        let content = KPIFigureContent(block: block, element: element, catalogue: catalogue, language: language,
                                       strings: strings, formatter: formatter)
        let chart = content.chart(block: block, idPrefix: id, rightToLeft: rightToLeft, formatter: formatter)?.render() ?? ""
        template.render([id, content.label, content.caption, content.source ?? "", content.target ?? ""],
                        html: [meta(content), chart, table(content, id: id), sourceHTML ?? HTML.escape(content.source ?? "")],
                        flags: [content.source != nil, content.target != nil, !chart.isEmpty], into: &out)
    }

    /// `EC: P: IN: 1C · Economy — Productivity · Core`
    private func meta(_ content: KPIFigureContent) -> String {
        var parts = ["<span class=\"kpi-code\" dir=\"ltr\">\(HTML.escape(content.code))</span>"]
        if let dimensions = content.dimensions { parts.append(HTML.escape(dimensions)) }
        if let type = content.type { parts.append(HTML.escape(type)) }
        return parts.joined(separator: " · ")
    }

    /// The data as a table, captioned with the figure's full caption.
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

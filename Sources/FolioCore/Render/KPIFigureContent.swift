/// The words and numbers of one KPI figure in one language: its number, caption, the indicator's code
/// and dimension, the formatted data. The web page and the print edition both build their figure from
/// this, so they show the same number, the same labels and the same figures.
struct KPIFigureContent {
    /// "3.2": the chapter's number and the figure's place among the chapter's KPI figures.
    let number: String
    /// "Figure 3.2", as the interface strings word it.
    let label: String
    /// "Households with Internet access (%)": the block's title (or the catalogue's name) and unit.
    let caption: String
    let code: String
    /// "Economy — ICT", when the catalogue knows the indicator.
    let dimensions: String?
    /// "Core" or "Advanced", when the catalogue knows the indicator.
    let type: String?
    let unitLabel: String?
    /// "Value (%)": the data table's value column.
    let valueHeader: String
    /// The data table's rows, formatted for the language: city, year, value.
    let rows: [(city: String, year: String, value: String)]
    /// Every value in reading order: the chart's text alternative.
    let description: String
    /// "Source: …" and "Target: …", as the interface strings word them.
    let source: String?
    let target: String?

    /// `element`: the figure as the chapter model numbered it.
    init(block: KPIBlock, element: NumberedElement, catalogue: KPICatalogue?, language: String,
         strings: UIStrings, formatter: LocaleFormatter) {
        let labels = ElementLabels(strings: strings, formatter: formatter)
        number = labels.number(element)
        label = labels.caption(element)
        let definition = catalogue?.kpi(block.code)
        let name = block.title ?? definition?.names.text(in: language) ?? block.code
        let unitKey = block.unit ?? definition?.unit
        unitLabel = unitKey.map { catalogue?.unitLabel($0, in: language) ?? $0 }
        caption = unitLabel.map { "\(name) (\($0))" } ?? name
        code = block.code
        if let definition, let catalogue {
            let dimension = catalogue.dimensions.first { $0.code == definition.dimension }
            let sub = dimension?.subdimensions.first { $0.code == definition.subdimension }
            let names = [dimension?.names.text(in: language), sub?.names.text(in: language)].compactMap { $0 }
            dimensions = names.isEmpty ? nil : names.joined(separator: " — ")
            type = strings[definition.isCore ? "kpi_core" : "kpi_advanced"]
        } else {
            dimensions = nil
            type = nil
        }
        valueHeader = unitLabel.map { "\(strings["kpi_value"]) (\($0))" } ?? strings["kpi_value"]
        rows = block.data.map { ($0.city, String($0.year), formatter.number($0.value, fractionDigits: $0.fractionDigits)) }
        description = block.data.map { "\($0.city), \($0.year): \(formatter.number($0.value, fractionDigits: $0.fractionDigits))" }
            .joined(separator: "; ")
        source = block.source.map { strings.format("kpi_source", ["source": $0]) }
        target = block.target.map {
            strings.format("kpi_target", ["value": formatter.number($0, fractionDigits: block.targetFractionDigits)])
        }
    }

    /// "Figure 3.2: Households with Internet access (%)": the chart's title and the table's caption.
    var fullCaption: String { "\(label): \(caption)" }

    /// The chart, or nil when the block asks for the table alone.
    func chart(block: KPIBlock, idPrefix: String, rightToLeft: Bool, formatter: LocaleFormatter) -> SVGChart? {
        guard block.drawsChart else { return nil }
        return SVGChart(block: block, idPrefix: idPrefix, rightToLeft: rightToLeft, labels: .init(
            title: fullCaption, description: description, target: target,
            number: { [formatter] value, digits in formatter.number(value, fractionDigits: digits) }))
    }
}

import Foundation
import Yams

/// Parses the YAML of a fenced `kpi` block and validates it against the catalogue. Every problem is
/// reported at its exact line in the chapter file; a block with errors is never silently dropped (the
/// build fails).
package struct KPIBlockParser {
    static let keys = ["kpi", "id", "title", "unit", "chart", "source", "target", "data"]
    static let rowKeys = ["city", "year", "value"]
    package static let firstYear = 1990

    let catalogue: KPICatalogue?
    let diagnostics: DiagnosticCollector
    /// The last year a figure may be for: next year (published plans and projections).
    package let lastYear: Int

    package init(catalogue: KPICatalogue?, diagnostics: DiagnosticCollector, currentYear: Int = KPIBlockParser.currentYear()) {
        self.catalogue = catalogue
        self.diagnostics = diagnostics
        lastYear = currentYear + 1
    }

    package static func currentYear() -> Int {
        Calendar(identifier: .gregorian).component(.year, from: Date())
    }

    /// `fenceLine` is the fence's line in the file; the YAML starts on the next line.
    package func parse(_ literal: String, file: String, fenceLine: Int, node: Int) -> KPIBlock? {
        let fence = SourceLocation(file: file, line: fenceLine)
        guard let yaml = YAMLMapping.parse(literal, file: file, lineOffset: fenceLine, what: "a kpi block",
                                           diagnostics: diagnostics) else { return nil }
        for key in yaml.keys where !Self.keys.contains(key) {
            diagnostics.error("unknown key '\(key)' in a kpi block" + Suggestion.hint(for: key, in: Self.keys),
                              at: yaml.location(ofKey: key))
        }
        var keyLocations: [String: SourceLocation] = [:]
        for key in yaml.keys { keyLocations[key] = yaml.location(ofKey: key) }

        guard let rawCode = yaml.decode("kpi", as: String.self) else {
            if !yaml.has("kpi") {
                diagnostics.error("a kpi block needs `kpi: \"<code>\"`, the U4SSC code of the indicator", at: fence)
            }
            return nil
        }
        let code = KPICatalogue.normalize(rawCode)
        let definition = catalogue?.kpi(code)
        if let catalogue, definition == nil {
            let nearest = nearestCodes(to: code, in: catalogue)
            diagnostics.error("unknown KPI code '\(rawCode)'" + (nearest.isEmpty ? "" : " (nearest: \(nearest.joined(separator: ", ")))"),
                              at: yaml.location(ofKey: "kpi"))
        } else if catalogue == nil {
            diagnostics.error("kpi blocks need the catalogue Content/kpis.yml, which is missing", at: fence)
        }

        let unit = yaml.decode("unit", as: String.self)
        if let unit, let definition, let expected = definition.unit, unit.lowercased() != expected.lowercased() {
            diagnostics.error("unit '\(unit)' contradicts the catalogue: \(definition.code) is measured in '\(expected)'",
                              at: yaml.location(ofKey: "unit"))
        }
        var chart = KPIChartKind.bar
        if let kind = yaml.decode("chart", as: String.self) {
            if let known = KPIChartKind(rawValue: kind) {
                chart = known
            } else {
                diagnostics.error("unknown chart kind '\(kind)': use bar, line or table"
                                  + Suggestion.hint(for: kind, in: KPIChartKind.allCases.map(\.rawValue)),
                                  at: yaml.location(ofKey: "chart"))
            }
        }
        let effectiveUnit = unit ?? definition?.unit
        let isPercentage = effectiveUnit.map { $0.lowercased() == "percentage" || $0.hasPrefix("%") } ?? false
        var target: (value: Double, digits: Int)?
        if let node = yaml.value("target") {
            target = number(node, in: yaml, what: "target")
            if let value = target?.value, isPercentage, !(0...100).contains(value) {
                diagnostics.error("target \(formatted(value)) is outside 0–100, but the unit is a percentage", at: yaml.location(of: node))
            }
        }
        let data = parseData(yaml, fence: fence, isPercentage: isPercentage)
        if chart != .table, data.count > KPIBlock.maximumChartPoints {
            diagnostics.warning("\(data.count) rows are too many for a chart (at most \(KPIBlock.maximumChartPoints)): the block is shown as its table; write `chart: table` to say so",
                                at: yaml.location(ofKey: "data"))
        }
        return KPIBlock(code: code, title: yaml.decode("title", as: String.self), unit: unit, chart: chart,
                        source: yaml.decode("source", as: String.self), target: target?.value,
                        targetFractionDigits: target?.digits ?? 0, data: data, node: node, label: yaml.decode("id", as: String.self), location: fence,
                        keyLocations: keyLocations)
    }

    private func parseData(_ yaml: YAMLMapping, fence: SourceLocation, isPercentage: Bool) -> [KPIDataPoint] {
        guard let node = yaml.value("data") else {
            diagnostics.error("a kpi block needs `data:`, a list of `{city, year, value}` rows", at: fence)
            return []
        }
        guard let rows = node.sequence else {
            if node.scalar?.string.isEmpty == true || node.null != nil {
                diagnostics.error("`data` is empty: give at least one `{city, year, value}` row", at: yaml.location(ofKey: "data"))
            } else {
                diagnostics.error("`data` must be a list of `{city, year, value}` rows", at: yaml.location(of: node))
            }
            return []
        }
        if rows.isEmpty {
            diagnostics.error("`data` is empty: give at least one `{city, year, value}` row", at: yaml.location(ofKey: "data"))
        }
        var points: [KPIDataPoint] = []
        var seen: [String: SourceLocation] = [:]
        for row in rows {
            guard let mapping = row.mapping else {
                diagnostics.error("a data row must be a mapping like `{city: Karmøy, year: 2020, value: 97}`", at: yaml.location(of: row))
                continue
            }
            let entry = YAMLMapping(node: mapping, file: yaml.file, lineOffset: yaml.lineOffset, diagnostics: diagnostics)
            let location = yaml.location(of: row)
            for key in entry.keys where !Self.rowKeys.contains(key) {
                diagnostics.error("unknown key '\(key)' in a data row" + Suggestion.hint(for: key, in: Self.rowKeys),
                                  at: entry.location(ofKey: key))
            }
            let city = entry.require("city", as: String.self, what: "the row's city")
            let year = entry.require("year", as: Int.self, what: "the row's year")
            var value: (value: Double, digits: Int)?
            if let valueNode = entry.value("value") {
                value = number(valueNode, in: yaml, what: "value")
            } else {
                diagnostics.error("the row's value is missing: add `value: <number>`", at: location)
            }
            if let year, !(Self.firstYear...lastYear).contains(year) {
                diagnostics.error("year \(year) is outside \(Self.firstYear)–\(lastYear)", at: entry.location(ofKey: "year"))
            }
            if let value, isPercentage, !(0...100).contains(value.value) {
                diagnostics.error("value \(formatted(value.value)) is outside 0–100, but the unit is a percentage",
                                  at: entry.value("value").map(entry.location(of:)) ?? location)
            }
            guard let city, let year, let value else { continue }
            let key = "\(city)\u{1F}\(year)"
            if let first = seen[key] {
                diagnostics.error("\(city) \(year) is given twice (first at line \(first.line))", at: location, related: [first])
                continue
            }
            seen[key] = location
            points.append(KPIDataPoint(city: city, year: year, value: value.value, fractionDigits: value.digits, location: location))
        }
        return points
    }

    /// A plain decimal number (`97`, `99.1`, `-3.5`); anything else (`97%`, `1 000`, `n/a`) is an error.
    private func number(_ node: Node, in yaml: YAMLMapping, what: String) -> (value: Double, digits: Int)? {
        guard let scalar = node.scalar else {
            diagnostics.error("\(what) must be a number", at: yaml.location(of: node))
            return nil
        }
        let text = scalar.string.trimmingCharacters(in: .whitespaces)
        guard Self.isDecimal(text), let value = Double(text), value.isFinite else {
            diagnostics.error("\(what) '\(text)' is not a number: write digits with a decimal point, without units or spaces (e.g. 97.5)",
                              at: yaml.location(of: node))
            return nil
        }
        let digits = text.firstIndex(of: ".").map { text.distance(from: $0, to: text.endIndex) - 1 } ?? 0
        return (value, digits)
    }

    static func isDecimal(_ text: String) -> Bool {
        var digits = 0
        var dots = 0
        for (offset, character) in text.enumerated() {
            if character.isASCII, character.isNumber { digits += 1 }
            else if character == "." { dots += 1 }
            else if (character == "-" || character == "+"), offset == 0 { continue }
            else { return false }
        }
        return digits > 0 && dots <= 1
    }

    private func formatted(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// The three catalogue codes closest to an unknown one.
    private func nearestCodes(to code: String, in catalogue: KPICatalogue) -> [String] {
        let target = Array(code.lowercased())
        return catalogue.codes
            .map { ($0, Suggestion.editDistance(target, Array($0.lowercased()))) }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            .prefix(3)
            .map { "'\($0.0)'" }
    }
}

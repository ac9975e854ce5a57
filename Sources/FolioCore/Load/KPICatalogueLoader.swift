import Foundation
import Yams

/// Reads `Content/kpis.yml`, the U4SSC KPI catalogue (folio's built-in copy when the publication has none). Names missing in a publication language fall back to
/// English with one warning per language (listing how many are missing), not 91 warnings.
enum KPICatalogueLoader {
    static let path = "Content/kpis.yml"
    static let kpiKeys = ["code", "name", "category", "unit", "sdgs", "definition"]

    /// The publication's own `Content/kpis.yml`, else the catalogue built into folio.
    static func load(project: URL, languages: [String], diagnostics: DiagnosticCollector) -> KPICatalogue? {
        let url = project.appendingPathComponent(path)
        let own = FileManager.default.fileExists(atPath: url.path)
        guard let data = own ? ContentLoader.readFile(url, path: path, diagnostics: diagnostics) : BuiltInFiles.data(path) else {
            return nil
        }
        guard let text = SourceText.decode(data, path: path, diagnostics: diagnostics) else { return nil }
        guard let yaml = YAMLMapping.parse(text, file: path, lineOffset: 0, what: "kpis.yml", diagnostics: diagnostics) else {
            return nil
        }
        yaml.warnUnknownKeys(known: ["name", "standard", "dimensions", "units", "kpis"], context: "kpis.yml")
        var missingNames: [String: Int] = [:]
        func localized(_ mapping: YAMLMapping, _ key: String, countMissing: Bool = false) -> LocalizedText {
            let text = LocalizedText(PublicationConfigLoader.localized(mapping, key: key, codes: []))
            if countMissing {
                for language in languages where text.values[language] == nil { missingNames[language, default: 0] += 1 }
            }
            return text
        }

        var dimensions: [KPIDimension] = []
        for item in yaml.value("dimensions")?.sequence ?? [] {
            guard let entry = mapping(item, in: yaml) else { continue }
            let subdimensions = (entry.value("subdimensions")?.sequence ?? []).compactMap { node -> KPISubdimension? in
                guard let sub = mapping(node, in: yaml), let code = sub.require("code", as: String.self, what: "a sub-dimension's code") else { return nil }
                return KPISubdimension(code: code, names: localized(sub, "name"))
            }
            guard let code = entry.require("code", as: String.self, what: "a dimension's code") else { continue }
            dimensions.append(KPIDimension(code: code, names: localized(entry, "name"), subdimensions: subdimensions))
        }
        var units: [String: LocalizedText] = [:]
        if let unitMapping = yaml.mapping("units", what: "'units'") {
            for key in unitMapping.keys { units[key] = localized(unitMapping, key) }
        }

        var kpis: [KPIDefinition] = []
        var seen: [String: SourceLocation] = [:]
        for item in yaml.value("kpis")?.sequence ?? [] {
            guard let entry = mapping(item, in: yaml) else { continue }
            entry.warnUnknownKeys(known: kpiKeys, context: "a KPI")
            guard let raw = entry.require("code", as: String.self, what: "the KPI's code") else { continue }
            let code = KPICatalogue.normalize(raw)
            let location = entry.location(ofKey: "code")
            let parts = code.split(separator: ":").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 4, let last = parts.last, last.hasSuffix("C") || last.hasSuffix("A") else {
                diagnostics.error("'\(raw)' is not a U4SSC KPI code (<dimension>: <sub-dimension>: <category>: <n><C|A>)", at: location)
                continue
            }
            if let first = seen[code] {
                diagnostics.error("KPI '\(code)' is listed twice", at: location, related: [first])
                continue
            }
            seen[code] = location
            let unit = entry.decode("unit", as: String.self)
            if let unit, units[unit] == nil {
                diagnostics.error("unit '\(unit)' is not defined under `units`" + Suggestion.hint(for: unit, in: Array(units.keys)),
                                  at: entry.location(ofKey: "unit"))
            }
            kpis.append(KPIDefinition(
                code: code, dimension: parts[0], subdimension: parts[1],
                names: localized(entry, "name", countMissing: true), categories: localized(entry, "category"),
                unit: unit, sdgs: entry.decode("sdgs", as: [String].self) ?? [],
                definitions: localized(entry, "definition"), location: location))
        }
        for (language, count) in missingNames.sorted(by: { $0.key < $1.key }) {
            diagnostics.warning("\(count) KPI name\(count == 1 ? " has" : "s have") no '\(language)' translation: the English name is used",
                                at: SourceLocation(file: path))
        }
        return KPICatalogue(names: localized(yaml, "name"), standard: yaml.decode("standard", as: String.self) ?? "",
                            dimensions: dimensions, units: units, kpis: kpis)
    }

    private static func mapping(_ node: Node, in yaml: YAMLMapping) -> YAMLMapping? {
        guard let mapping = node.mapping else {
            yaml.diagnostics.error("expected a mapping (`key: value` lines)", at: yaml.location(of: node))
            return nil
        }
        return YAMLMapping(node: mapping, file: yaml.file, lineOffset: yaml.lineOffset, diagnostics: yaml.diagnostics)
    }
}

/// Text in several languages (`{en: …, fr: …}`), with the fallback folio applies everywhere.
public struct LocalizedText: Sendable, Hashable {
    public var values: [String: String]

    public init(_ values: [String: String]) {
        self.values = values
    }

    /// The text in `language`, else in English, else any.
    public func text(in language: String) -> String {
        values[language] ?? values["en"] ?? values.values.sorted().first ?? ""
    }
}

/// One U4SSC key performance indicator of the catalogue (`Content/kpis.yml`).
public struct KPIDefinition: Sendable, Hashable {
    /// The official KPI No., normalized: `EC: ICT: ICT: 1C`.
    public var code: String
    public var dimension: String
    public var subdimension: String
    public var names: LocalizedText
    public var categories: LocalizedText
    /// A key of the catalogue's `units` (the canonical English name), or nil when no ITU source gives one.
    public var unit: String?
    public var sdgs: [String]
    public var definitions: LocalizedText
    public var location: SourceLocation

    /// Core KPIs (code ending in C) should be reportable by every city; advanced ones (A) go further.
    public var isCore: Bool { code.hasSuffix("C") }

    /// The number within its category, for sorting (`1C` → 1).
    public var number: Int { Int(code.split(separator: ":").last?.trimmingCharacters(in: .whitespaces).dropLast() ?? "") ?? 0 }
}

public struct KPISubdimension: Sendable, Hashable {
    public var code: String
    public var names: LocalizedText
}

public struct KPIDimension: Sendable, Hashable {
    public var code: String
    public var names: LocalizedText
    public var subdimensions: [KPISubdimension]
}

/// The catalogue every `kpi` block is checked against.
public struct KPICatalogue: Sendable, Equatable {
    public var names: LocalizedText
    public var standard: String
    public var dimensions: [KPIDimension]
    /// Canonical unit name → its label per language (`Percentage` → `%`).
    public var units: [String: LocalizedText]
    /// In catalogue order.
    public var kpis: [KPIDefinition]
    private var index: [String: Int]

    public init(names: LocalizedText, standard: String, dimensions: [KPIDimension], units: [String: LocalizedText],
                kpis: [KPIDefinition]) {
        self.names = names
        self.standard = standard
        self.dimensions = dimensions
        self.units = units
        self.kpis = kpis
        var index: [String: Int] = [:]
        for (position, kpi) in kpis.enumerated() where index[kpi.code] == nil { index[kpi.code] = position }
        self.index = index
    }

    public func kpi(_ code: String) -> KPIDefinition? {
        index[Self.normalize(code)].map { kpis[$0] }
    }

    public var codes: [String] { kpis.map(\.code) }

    /// The unit's label in `language` (`%`, `pour 100 000 habitants`); an unknown unit is shown as written.
    public func unitLabel(_ unit: String, in language: String) -> String {
        units[unit]?.text(in: language) ?? unit
    }

    /// Spacing around `:` is not significant: `EC:ICT:ICT:1C` and `EC: ICT : ICT: 1C` are `EC: ICT: ICT: 1C`.
    public static func normalize(_ code: String) -> String {
        // Codes are ASCII, where the only whitespace is space and tab: trimmed as bytes, as Foundation's
        // trimming builds its character set anew each time on Linux (a percent of a build, per figure).
        guard code.utf8.allSatisfy({ $0 < 0x80 }) else {
            return code.split(separator: ":", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .joined(separator: ": ")
        }
        func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        var normalized: [UInt8] = []
        normalized.reserveCapacity(code.utf8.count + 4)
        for (index, part) in code.utf8.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false).enumerated() {
            if index > 0 { normalized += ": ".utf8 }
            guard let first = part.firstIndex(where: { !isBlank($0) }), let last = part.lastIndex(where: { !isBlank($0) }) else { continue }
            normalized += part[first...last]
        }
        return String(decoding: normalized, as: UTF8.self)
    }
}

/// How a KPI block is drawn.
public enum KPIChartKind: String, Sendable, CaseIterable {
    case bar, line, table
}

/// One row of a KPI block's data: a city's value in a year.
public struct KPIDataPoint: Sendable, Hashable {
    public var city: String
    public var year: Int
    public var value: Double
    /// Decimals as the consultant wrote them (`97.00` keeps two), so no figure is silently rounded.
    public var fractionDigits: Int
    public var location: SourceLocation
}

/// A fenced `kpi` block of a chapter, parsed and validated against the catalogue.
public struct KPIBlock: Sendable {
    public var code: String
    public var title: String?
    public var unit: String?
    public var chart: KPIChartKind
    public var source: String?
    public var target: Double?
    public var targetFractionDigits: Int
    public var data: [KPIDataPoint]
    /// The fence's node in its chapter's Markdown document.
    public var node: Int
    /// The author's label (`id: fig-broadband`), by which the text refers to the figure.
    public var label: String?
    /// The fence's line in the file, for diagnostics.
    public var location: SourceLocation
    /// Where each key stands, for diagnostics that compare blocks across languages.
    public var keyLocations: [String: SourceLocation]

    /// Where the label is written.
    public var labelLocation: SourceLocation? { keyLocations["id"] }

    /// The most marks a chart draws; a larger block is shown as its table only (a chart of
    /// thousands of bars informs nobody, and would weigh megabytes).
    public static let maximumChartPoints = 60

    /// Several years for one city make a series.
    public var isSeries: Bool { cities.count < data.count }

    /// The cities in order of first appearance.
    public var cities: [String] {
        var seen = Set<String>()
        return data.map(\.city).filter { seen.insert($0).inserted }
    }

    public var years: [Int] { Array(Set(data.map(\.year))).sorted() }

    /// The rows of each city, in the block's order.
    public var rowsByCity: [String: [KPIDataPoint]] { Dictionary(grouping: data, by: \.city) }

    /// Whether the block is drawn as a chart (else as its table only).
    public var drawsChart: Bool { chart != .table && data.count <= Self.maximumChartPoints }
}

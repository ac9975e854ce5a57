import Foundation
import FolioCore

/// The KPI block parser, against the real U4SSC catalogue: a block is either returned valid or
/// reported (never dropped in silence), every problem is placed inside the block, and a block without
/// errors holds only finite values of catalogued KPIs, for years in range, each city-year once.
struct KPIBlockHarness: FuzzHarness {
    static let file = "Content/en/01-fuzzed.md"
    static let fenceLine = 12
    let catalogue: KPICatalogue

    init(repository: URL) throws {
        let diagnostics = DiagnosticCollector()
        let project = repository.appendingPathComponent(ChapterPipelineHarness.fixture)
        guard let catalogue = ContentLoader.load(project: project, diagnostics: diagnostics)?.kpiCatalogue else {
            throw FuzzSetupError(description: "the KPI catalogue of \(project.path) does not load: \(diagnostics.diagnostics)")
        }
        self.catalogue = catalogue
    }

    func violations(for input: Data) -> [String] {
        let literal = String(decoding: input, as: UTF8.self)
        let diagnostics = DiagnosticCollector()
        // A fixed year, so that an input found today still means the same next year.
        let parser = KPIBlockParser(catalogue: catalogue, diagnostics: diagnostics, currentYear: 2026)
        let block = parser.parse(literal, file: Self.file, fenceLine: Self.fenceLine, node: 0)
        var found: [String] = []
        let lines = Self.fenceLine...(Self.fenceLine + lastLine(of: literal))
        for diagnostic in diagnostics.diagnostics {
            guard let location = diagnostic.location else {
                found.append("'\(diagnostic.message)' has no location")
                continue
            }
            if location.file != Self.file || !lines.contains(location.line) {
                found.append("'\(diagnostic.message)' at \(location), outside the block (lines \(lines))")
            }
        }
        guard let block else {
            if !diagnostics.hasErrors { found.append("the block was dropped without an error") }
            return found
        }
        guard !diagnostics.hasErrors else { return found }
        if catalogue.kpi(block.code) == nil { found.append("uncatalogued code '\(block.code)' accepted") }
        if block.data.isEmpty { found.append("a block without rows accepted") }
        if let target = block.target, !target.isFinite { found.append("target \(target) accepted") }
        var seen = Set<String>()
        for point in block.data {
            if !point.value.isFinite { found.append("value \(point.value) accepted") }
            if !(KPIBlockParser.firstYear...parser.lastYear).contains(point.year) { found.append("year \(point.year) accepted") }
            if !seen.insert("\(point.city)\u{1F}\(point.year)").inserted { found.append("\(point.city) \(point.year) accepted twice") }
        }
        return found
    }
}

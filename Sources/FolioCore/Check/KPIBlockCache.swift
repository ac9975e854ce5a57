import Foundation

/// Parses each distinct `kpi` block once. Translations carry their source chapter's blocks byte for
/// byte (the check demands it), so a six-language publication held every block six times, and parsing
/// their YAML was most of the time spent checking.
///
/// A block is parsed once as if its fence stood on line 0 of no file. When that parse reports nothing,
/// the block is kept and every occurrence gets a copy moved to its own file and line; a block with
/// problems is parsed again where it stands, so that its diagnostics are exactly as before.
final class KPIBlockCache: @unchecked Sendable {
    private let parser: KPIBlockParser
    private let lock = NSLock()
    /// Literal → the block parsed at line 0, or nil when parsing it reported something.
    private var parsed: [String: KPIBlock?] = [:]

    init(parser: KPIBlockParser) {
        self.parser = parser
    }

    func block(_ literal: String, file: String, fenceLine: Int, bodyLine: Int) -> KPIBlock? {
        if let clean = cleanBlock(literal) {
            return clean.moved(to: file, fenceLine: fenceLine, bodyLine: bodyLine)
        }
        return parser.parse(literal, file: file, fenceLine: fenceLine, bodyLine: bodyLine)
    }

    private func cleanBlock(_ literal: String) -> KPIBlock? {
        switch lock.withLock({ parsed[literal] }) {
        case .some(let known): return known
        case .none: break
        }
        let quiet = DiagnosticCollector()
        let block = KPIBlockParser(catalogue: parser.catalogue, diagnostics: quiet, currentYear: parser.lastYear - 1)
            .parse(literal, file: "", fenceLine: 0, bodyLine: 0)
        let clean = quiet.diagnostics.isEmpty ? block : nil
        lock.withLock { parsed[literal] = clean }
        return clean
    }
}

extension KPIBlock {
    /// The block parsed at line 0 of no file, as parsing it at `file`, `fenceLine` would give it.
    func moved(to file: String, fenceLine: Int, bodyLine: Int) -> KPIBlock {
        func move(_ location: SourceLocation) -> SourceLocation {
            SourceLocation(file: file, line: location.line + fenceLine, column: location.column)
        }
        var block = self
        block.bodyLine = bodyLine
        block.location = SourceLocation(file: file, line: fenceLine)
        block.keyLocations = keyLocations.mapValues(move)
        block.data = data.map { point in
            var moved = point
            moved.location = move(point.location)
            return moved
        }
        return block
    }
}

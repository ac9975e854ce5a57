import Foundation

/// Parses each distinct `kpi` block once. Translations carry their source chapter's blocks byte for
/// byte (the check demands it), so a six-language publication held every block six times, and parsing
/// their YAML was most of the time spent checking.
///
/// A block is parsed once as if its fence stood on line 0 of no file. When that parse reports nothing,
/// the block is kept and every occurrence gets a copy moved to its own file and line; a block with
/// problems is parsed again where it stands, so that its diagnostics are exactly as before.
final class KPIBlockCache: @unchecked Sendable {
    /// What a block's validity depends on besides its text.
    struct Rules: Sendable, Equatable {
        var catalogue: KPICatalogue?
        var currentYear = KPIBlockParser.currentYear()
    }

    let rules: Rules
    private let lock = NSLock()
    /// Literal → the block parsed at line 0, or nil when parsing it reported something.
    private var parsed: [Literal: KPIBlock?] = [:]

    /// A block's text with its hash computed before the lock is taken: hashing a kilobyte of text
    /// inside it kept the other checking thread waiting (a third of the build's context switches).
    private struct Literal: Hashable {
        let text: String
        let hash: Int

        init(_ text: String) {
            self.text = text
            hash = text.hashValue
        }

        func hash(into hasher: inout Hasher) { hasher.combine(hash) }
        static func == (lhs: Literal, rhs: Literal) -> Bool { lhs.hash == rhs.hash && lhs.text == rhs.text }
    }

    init(rules: Rules) {
        self.rules = rules
    }

    /// The block at `file`, `fenceLine`; its problems, if any, are reported to `diagnostics`.
    func block(_ literal: String, file: String, fenceLine: Int, node: Int, diagnostics: DiagnosticCollector) -> KPIBlock? {
        if let clean = cleanBlock(literal) {
            return clean.moved(to: file, fenceLine: fenceLine, node: node)
        }
        return parser(reportingTo: diagnostics).parse(literal, file: file, fenceLine: fenceLine, node: node)
    }

    private func cleanBlock(_ literal: String) -> KPIBlock? {
        let key = Literal(literal)
        switch lock.withLock({ parsed[key] }) {
        case .some(let known): return known
        case .none: break
        }
        let quiet = DiagnosticCollector()
        let block = parser(reportingTo: quiet).parse(literal, file: "", fenceLine: 0, node: 0)
        let clean = quiet.diagnostics.isEmpty ? block : nil
        lock.withLock { parsed[key] = clean }
        return clean
    }

    private func parser(reportingTo diagnostics: DiagnosticCollector) -> KPIBlockParser {
        KPIBlockParser(catalogue: rules.catalogue, diagnostics: diagnostics, currentYear: rules.currentYear)
    }
}

extension KPIBlock {
    /// The block parsed at line 0 of no file, as parsing it at `file`, `fenceLine` would give it.
    func moved(to file: String, fenceLine: Int, node: Int) -> KPIBlock {
        func move(_ location: SourceLocation) -> SourceLocation {
            SourceLocation(file: file, line: location.line + fenceLine, column: location.column)
        }
        var block = self
        block.node = node
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

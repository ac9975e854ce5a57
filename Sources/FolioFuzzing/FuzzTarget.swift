import Foundation
import FolioCore

/// The parts of folio that take contributors' bytes, each with the properties that must hold for any
/// input. `make fuzz` drives them with libFuzzer (Fuzz/); the inputs it found crashing or breaking a
/// property are kept in Tests/Fixtures/fuzz-regressions/<target>/ and replayed by the tests.
public enum FuzzTarget: String, CaseIterable, Sendable {
    case frontMatter = "front-matter"
    case kpiBlock = "kpi-block"
    case criticMarkup = "critic-markup"
    case chapterPipeline = "chapter-pipeline"
    case crossReferences = "cross-references"
    case exchangeImport = "exchange-import"
    case exchangeRoundTrip = "exchange-roundtrip"
    case citations
    case bibliography
    case attribution
    case apparatus

    /// What each input exercises, set up once per process.
    public func makeHarness(repository: URL) throws -> any FuzzHarness {
        switch self {
        case .frontMatter: FrontMatterHarness()
        case .kpiBlock: try KPIBlockHarness(repository: repository)
        case .criticMarkup: CriticMarkupHarness()
        case .chapterPipeline: try ChapterPipelineHarness(repository: repository)
        case .crossReferences: CrossReferenceHarness()
        case .exchangeImport: ExchangeImportHarness()
        case .exchangeRoundTrip: try ExchangeRoundTripHarness(repository: repository)
        case .citations: CitationHarness()
        case .bibliography: BibliographyHarness()
        case .attribution: AttributionHarness()
        case .apparatus: ApparatusHarness()
        }
    }
}

/// Runs one input and answers the properties it broke (empty when all hold). A crash, a hang or a
/// sanitizer report is a finding too; libFuzzer catches those.
public protocol FuzzHarness: Sendable {
    func violations(for input: Data) -> [String]
}

public struct FuzzSetupError: Error, CustomStringConvertible {
    public let description: String
}

/// The highest line a diagnostic about `text` may point at: its line count (any of LF, CR or CRLF
/// ends a line), plus one for "at the end of the file".
func lastLine(of text: String) -> Int {
    var lines = 1
    var previous: UInt8 = 0
    for byte in text.utf8 {
        if byte == UInt8(ascii: "\n"), previous != UInt8(ascii: "\r") { lines += 1 }
        if byte == UInt8(ascii: "\r") { lines += 1 }
        previous = byte
    }
    return lines + 1
}

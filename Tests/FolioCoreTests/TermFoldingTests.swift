import Testing
@testable import FolioCore

/// The glossary check's fast folding against the plain one (a string lowercased per scalar), over
/// every Unicode scalar.
@Suite struct TermFoldingTests {
    @Test func fastFoldingFoldsEveryScalarAsThePlainOne() {
        var mismatches: [String] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            var fast: [Unicode.Scalar] = []
            TermMatcher.fold(scalar, into: &fast)
            if fast != TermMatcher.fold(scalar), mismatches.count < 10 { mismatches.append(String(value, radix: 16)) }
        }
        #expect(mismatches.isEmpty, "folded differently: U+\(mismatches.joined(separator: ", U+"))")
    }
}

import Foundation
import FolioFuzzing

// The libFuzzer entry point (built only by `make fuzz`, with `FOLIO_FUZZ=1`): libFuzzer supplies
// `main`, generates inputs and calls `LLVMFuzzerTestOneInput` with each. FOLIO_FUZZ_TARGET names the
// target (front-matter, kpi-block, critic-markup, chapter-pipeline); a broken property traps, so
// libFuzzer keeps the input as a crash.

/// The repository: this file is at <repository>/Fuzz/FuzzEntry.swift.
private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

private let harness: any FuzzHarness = {
    let name = ProcessInfo.processInfo.environment["FOLIO_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        FileHandle.standardError.write(Data("FOLIO_FUZZ_TARGET must be one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
        exit(2)
    }
    do {
        return try target.makeHarness(repository: repository)
    } catch {
        FileHandle.standardError.write(Data("cannot set up \(name): \(error)\n".utf8))
        exit(2)
    }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafeRawPointer, _ count: Int) -> CInt {
    let violations = harness.violations(for: Data(bytes: bytes, count: count))
    if !violations.isEmpty {
        FileHandle.standardError.write(Data(("property broken:\n" + violations.joined(separator: "\n") + "\n").utf8))
        abort()
    }
    return 0
}

import Foundation
import Testing
@testable import FolioCore

/// The same content gives the same bytes with every tool present: pages, PDFs and the search index.
/// Needs Typst and Pagefind, which `make test` puts on PATH (.tools/venv).
@Suite struct ReproducibleBuildTests {
    /// The six-language fixture: Pagefind wrote its six languages in a new order nearly every run.
    @Test func twoBuildsWithSearchAndPDFsAreByteIdentical() throws {
        let project = try FixtureProject(fixture: "six-languages")
        defer { project.cleanUp() }
        var snapshots: [[String: Data]] = []
        for run in 1...2 {
            let output = project.root.appendingPathComponent("Public-\(run)")
            let result = SiteBuilder.build(SiteBuilder.Options(project: project.root, output: output, pdf: .withSite,
                                                               search: .automatic))
            #expect(result.errors.isEmpty, "\(result.errors)")
            #expect(!result.warnings.contains { $0.message.contains("Pagefind is not installed") },
                    "Pagefind must be on PATH (make test puts it there)")
            snapshots.append(try folderSnapshot(output))
        }
        let first = snapshots[0], second = snapshots[1]
        #expect(first.keys.contains("/pagefind/pagefind-entry.json"))
        #expect(first.keys.filter { $0.hasSuffix(".pdf") }.count == 6)
        #expect(first.keys.sorted() == second.keys.sorted())
        let differing = first.keys.filter { first[$0] != second[$0] }.sorted()
        #expect(differing.isEmpty, "differ between two builds: \(differing)")
    }

    /// The entry Pagefind writes in hash-map order is rewritten with sorted keys, values untouched.
    @Test func pagefindEntryIsRewrittenInAFixedOrder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("folio-entry-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let entry = folder.appendingPathComponent("pagefind-entry.json")
        try #"{"version":"1.5.2","languages":{"ru":{"hash":"ru_1","wasm":"ru","page_count":7},"en":{"hash":"en_2","wasm":"en","page_count":7}},"include_characters":["_","‿"]}"#
            .write(to: entry, atomically: true, encoding: .utf8)
        let diagnostics = DiagnosticCollector()
        SearchIndex.normalizeEntry(in: folder, diagnostics: diagnostics)
        #expect(diagnostics.diagnostics.isEmpty)
        #expect(try String(contentsOf: entry, encoding: .utf8)
                == #"{"include_characters":["_","‿"],"languages":{"en":{"hash":"en_2","page_count":7,"wasm":"en"},"ru":{"hash":"ru_1","page_count":7,"wasm":"ru"}},"version":"1.5.2"}"#)
    }
}

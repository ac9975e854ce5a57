import Foundation
import Testing

/// folio's template shortcuts (Render/TemplateShortcuts.swift) must change nothing but speed: every
/// page built with them is byte for byte the page swift-mustache alone renders
/// (`FOLIO_PLAIN_TEMPLATES=1`).
@Suite struct TemplateShortcutsTests {
    let cli = CommandLineTests()

    /// Every file of a site, by path relative to `folder`.
    static func files(in folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = try #require(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]))
        for case let url as URL in enumerator where try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true {
            files[String(url.path.dropFirst(folder.path.count))] = try Data(contentsOf: url)
        }
        return files
    }

    @Test(arguments: ["Tests/Fixtures/six-languages", "."])
    func pagesAreTheSameWithAndWithoutTheShortcuts(project: String) throws {
        let folder = CommandLineTests.repository.appendingPathComponent(project)
        let outputs = FileManager.default.temporaryDirectory.appendingPathComponent("folio-shortcuts-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: outputs) }
        var sites: [[String: Data]] = []
        for plain in ["0", "1"] {
            var environment = ProcessInfo.processInfo.environment
            environment["FOLIO_PLAIN_TEMPLATES"] = plain
            // The same date for both builds, so that the status pages agree.
            let output = outputs.appendingPathComponent(plain)
            let run = try cli.folio(["build", folder.path, "--no-pdf", "--no-search", "--as-of", "2021-03-19", "--output", output.path],
                                    in: folder, environment: environment)
            #expect(run.status == 0, "\(run.stderr)")
            sites.append(try Self.files(in: output))
        }
        let (shortcuts, plain) = (sites[0], sites[1])
        #expect(shortcuts.count > 20)
        #expect(Set(shortcuts.keys) == Set(plain.keys))
        let pages = shortcuts.keys.filter { $0.hasSuffix(".html") }.sorted()
        #expect(pages.contains("/en/index.html"))
        for page in pages where shortcuts[page] != plain[page] {
            Issue.record("\(project)\(page) differs without the shortcuts")
        }
    }
}

import Foundation
import Testing
@testable import FolioCore

/// The live print view's document is `folio build`'s, made from the preview's last good site; its
/// sections name the labels the Typst document carries and the draft pages they link back to.
@Suite struct PrintPreviewSourceTests {
    @Test func theSectionsLinkTheDocumentsLabelsToTheDraftPages() throws {
        let project = try FixtureProject()
        defer { project.cleanUp() }
        try project.write("Content/en/02-governance.md", "---\ntitle: Governance\n---\n## Who decides\n\nText.\n\n### Cities\n\nMore.\n")
        let engine = IncrementalBuilder(options: SiteBuilder.Options(project: project.root))
        // No good build yet: nothing to typeset, said plainly.
        guard case .failure(let before) = PrintPreviewSource.make(from: engine, language: "en") else {
            Issue.record("a document before the first build")
            return
        }
        #expect(before.diagnostics.first?.message.contains("last good build") == true)
        #expect(engine.rebuild().succeeded)
        let source = try PrintPreviewSource.make(from: engine, language: "en").get()
        #expect(source.fileName.hasSuffix("-en.typ"))
        let sections = source.sections.values.sorted { $0.label < $1.label }
        let chapter = try #require(sections.first { $0.title == "Governance" })
        #expect(chapter.level == 1 && chapter.href == "/en/governance/")
        let section = try #require(sections.first { $0.title == "Who decides" })
        #expect(section.href.hasPrefix("/en/governance/#"))
        let subsection = try #require(sections.first { $0.title == "Cities" })
        #expect(subsection.level == 3)
        for entry in sections {
            // Each label is in the Typst document, and each link's page and anchor exist on the draft site.
            #expect(source.document.text.contains("<\(entry.label)>") || source.document.text.contains("\"\(entry.label)\""), "\(entry.label)")
            let parts = entry.href.dropFirst().split(separator: "#", maxSplits: 1).map(String.init)
            let page = String(decoding: try #require(engine.file(parts[0] + "index.html")), as: UTF8.self)
            if parts.count == 2 { #expect(page.contains("id=\"\(parts[1])\""), "\(entry.href)") }
        }
        guard case .failure(let unknown) = PrintPreviewSource.make(from: engine, language: "xx") else {
            Issue.record("a document for a language the site lacks")
            return
        }
        #expect(unknown.diagnostics.first?.message.contains("no language 'xx'") == true)
    }

    @Test func layingOutAgainLeavesUnchangedFilesAlone() throws {
        let project = try FixtureProject()
        defer { project.cleanUp() }
        let engine = IncrementalBuilder(options: SiteBuilder.Options(project: project.root))
        #expect(engine.rebuild().succeeded)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("folio-preview-layout-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try PrintPreviewSource.make(from: engine, language: "en").get()
        try source.lay(in: folder)
        let document = folder.appendingPathComponent(source.fileName)
        let design = folder.appendingPathComponent("Templates/print/folio.typ")
        let stamp = { (url: URL) in try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date }
        let (documentBefore, designBefore) = (try stamp(document), try stamp(design))
        Thread.sleep(forTimeInterval: 0.05)
        try project.write("Content/en/01-introduction.md", "---\ntitle: Introduction\n---\nA new sentence for the print view.\n")
        #expect(engine.rebuild().succeeded)
        try PrintPreviewSource.make(from: engine, language: "en").get().lay(in: folder)
        #expect(try String(contentsOf: document, encoding: .utf8).contains("A new sentence for the print view."))
        #expect(try stamp(document) != documentBefore)
        #expect(try stamp(design) == designBefore, "the design did not change: its file is not rewritten")
    }
}

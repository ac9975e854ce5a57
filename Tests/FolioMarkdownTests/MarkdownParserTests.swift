import Dispatch
import Foundation
import Testing
@testable import FolioMarkdown

@Suite struct MarkdownParserTests {
    /// A compact dump of the tree: `kind@line:column`, children indented.
    private func dump(_ nodes: [MarkdownNode], depth: Int = 0) -> String {
        nodes.map { node in
            String(repeating: "  ", count: depth) + "\(node.kind)@\(node.start.line):\(node.start.column)\n"
                + dump(node.children, depth: depth + 1)
        }.joined()
    }

    @Test func parsesGFMTablesWithAlignmentAndHeaderRow() {
        let document = MarkdownParser.parse("| A | B |\n|:--|--:|\n| 1 | 2 |\n")
        #expect(dump(document.blocks) == """
        table(alignments: [FolioMarkdown.TableAlignment.left, FolioMarkdown.TableAlignment.right])@1:1
          tableRow(isHeader: true)@1:1
            tableCell@1:2
              text("A")@1:3
            tableCell@1:6
              text("B")@1:7
          tableRow(isHeader: false)@3:1
            tableCell@3:2
              text("1")@3:3
            tableCell@3:6
              text("2")@3:7

        """)
    }

    @Test func footnoteReferencesAndDefinitionsShareNumbersInOrderOfFirstReference() {
        let document = MarkdownParser.parse("A[^b] B[^a] C[^b].\n\n[^a]: Note A.\n[^unused]: Unused.\n[^b]: Note B.\n")
        let paragraph = document.blocks[0]
        let references = paragraph.children.compactMap { node -> String? in
            if case .footnoteReference(let label) = node.kind { return label }
            return nil
        }
        #expect(references == ["1", "2", "1"])
        let definitions = document.blocks.dropFirst().map { node -> String in
            guard case .footnoteDefinition(let label) = node.kind else { return "?" }
            return "\(label):\(node.plainText)"
        }
        #expect(definitions == ["1:Note B.", "2:Note A."])
    }

    @Test func strikethroughAutolinksAndTaskLists() {
        let document = MarkdownParser.parse("~~gone~~ see https://unece.org now\n\n- [x] done\n- [ ] to do\n")
        let inlines = document.blocks[0].children.map(\.kind)
        #expect(inlines.contains(.strikethrough))
        #expect(inlines.contains(.link(destination: "https://unece.org", title: "")))
        let items = document.blocks[1].children.map(\.kind)
        #expect(items == [.item(task: true), .item(task: false)])
    }

    @Test func fencedBlocksKeepTheWholeInfoStringAndLiteral() {
        let document = MarkdownParser.parse("Text\n\n```kpi id=x\nkpi: \"EC: ICT: ICT: 1C\"\n```\n")
        #expect(document.blocks[1].kind == .codeBlock(info: "kpi id=x", literal: "kpi: \"EC: ICT: ICT: 1C\"\n"))
        #expect(document.blocks[1].start == SourcePoint(line: 3, column: 1))
    }

    @Test func deeplyNestedInputIsFlattenedBeyondTheMaximumDepthKeepingItsText() {
        let depth = 5_000
        let document = MarkdownParser.parse(String(repeating: "> ", count: depth) + "deep\n")
        var node = document.blocks.first
        var levels = 0
        while let current = node, current.kind == .blockQuote {
            levels += 1
            node = current.children.first
        }
        // The document is one level; the block quotes fill the rest of the allowed depth.
        #expect(levels == MarkdownParser.maximumDepth - 1)
        #expect(document.blocks.first?.plainText == "deep")
        #expect(document.flattenedNesting == SourcePoint(line: 1, column: 199))
        #expect(MarkdownParser.parse("> shallow\n").flattenedNesting == nil)
    }

    /// Debian's cmark-gfm shares its table of special characters between parses: without
    /// CCmarkConcurrency a parse that ends takes `~` and `:` away from one still running, and its
    /// strikethroughs and autolinks come out as plain text.
    @Test func concurrentParsesGiveTheSameTreesAsSequentialOnes() {
        #expect(MarkdownParser.parsesConcurrently)
        let paragraph = "Some ~~struck~~ words, https://unece.org/housing and www.itu.int, *a* **b** `c` [l](x.md)[^1].\n\n"
        let texts = (0..<48).map { "# Title \($0)\n\n" + String(repeating: paragraph, count: 40 + $0)
            + "| a | b |\n|---|---|\n| \($0) | ~~y~~ |\n\n[^1]: https://www.un.org note\n" }
        let expected = texts.map(MarkdownParser.parse)
        let results = ResultsBox(count: texts.count * 8)
        DispatchQueue.concurrentPerform(iterations: texts.count * 8) { index in
            results.set(index, MarkdownParser.parse(texts[index % texts.count]))
        }
        let values = results.values
        #expect(values.count == texts.count * 8)
        let wrong = values.indices.filter { values[$0] != expected[$0 % texts.count] }.count
        #expect(wrong == 0, "concurrent parses that differ from the sequential ones, of \(values.count)")
    }

    @Test func plainTextJoinsTextAndCodeAndSkipsFootnoteMarkers() {
        let heading = MarkdownParser.parse("## The `KPI` *list*[^1]\n\n[^1]: x\n").blocks[0]
        #expect(heading.plainText == "The KPI list")
    }
}

private final class ResultsBox: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [MarkdownDocument?]
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: MarkdownDocument) { lock.withLock { storage[index] = value } }
    var values: [MarkdownDocument] { lock.withLock { storage.compactMap { $0 } } }
}

import Dispatch
import Foundation
import Testing
@testable import FolioMarkdown

@Suite struct MarkdownParserTests {
    /// A compact dump of the tree: `kind(what it carries)@line:column`, children indented.
    private func dump(_ document: MarkdownDocument, _ nodes: MarkdownDocument.Children, depth: Int = 0) -> String {
        nodes.map { index in
            let node = document[index]
            var carried: [String] = []
            switch node.kind {
            case .heading: carried = ["\(node.level)"]
            case .list: carried = [node.isOrdered ? "ordered" : "bullet", "start \(node.listStart)", node.isTight ? "tight" : "loose"]
            case .item: carried = node.task.map { [$0 ? "checked" : "unchecked"] } ?? []
            case .table: carried = ["\(document.alignments(of: index))"]
            case .tableRow: carried = node.isHeaderRow ? ["header"] : []
            case .text, .code, .htmlInline, .htmlBlock, .footnoteReference, .footnoteDefinition:
                carried = [document.text(of: index).debugDescription]
            case .codeBlock, .link, .image:
                carried = [document.text(of: index).debugDescription, document.detail(of: index).debugDescription]
            default: break
            }
            let label = carried.isEmpty ? "\(node.kind)" : "\(node.kind)(\(carried.joined(separator: ", ")))"
            return String(repeating: "  ", count: depth) + "\(label)@\(node.start.line):\(node.start.column)\n"
                + dump(document, document.children(of: index), depth: depth + 1)
        }.joined()
    }

    @Test func parsesGFMTablesWithAlignmentAndHeaderRow() {
        let document = MarkdownParser.parse("| A | B |\n|:--|--:|\n| 1 | 2 |\n")
        #expect(dump(document, document.blocks) == """
        table([FolioMarkdown.TableAlignment.left, FolioMarkdown.TableAlignment.right])@1:1
          tableRow(header)@1:1
            tableCell@1:2
              text("A")@1:3
            tableCell@1:6
              text("B")@1:7
          tableRow@3:1
            tableCell@3:2
              text("1")@3:3
            tableCell@3:6
              text("2")@3:7

        """)
    }

    @Test func nodesLieInDocumentOrderEachFollowedByItsDescendants() {
        let document = MarkdownParser.parse("# T\n\n> a *b **c***\n>\n> - d\n> - e\n\nf\n")
        #expect(dump(document, document.blocks) == """
        heading(1)@1:1
          text("T")@1:3
        blockQuote@3:1
          paragraph@3:3
            text("a ")@3:3
            emphasis@3:5
              text("b ")@3:6
              strong@3:8
                text("c")@3:10
          list(bullet, start 0, tight)@5:3
            item@5:3
              paragraph@5:5
                text("d")@5:5
            item@6:3
              paragraph@6:5
                text("e")@6:5
        paragraph@8:1
          text("f")@8:1

        """)
        // Every subtree ends where its next sibling (or its parent's next sibling) starts.
        for index in document.nodes.indices {
            let children = Array(document.children(of: index))
            #expect(children.count == document[index].childCount)
            let end = children.last.map(document.skippingChildren(of:)) ?? index + 1
            #expect(end == document.skippingChildren(of: index))
        }
        #expect(document.skippingChildren(of: MarkdownDocument.root) == document.nodes.count)
    }

    @Test func footnoteReferencesAndDefinitionsShareNumbersInOrderOfFirstReference() {
        let document = MarkdownParser.parse("A[^b] B[^a] C[^b].\n\n[^a]: Note A.\n[^unused]: Unused.\n[^b]: Note B.\n")
        let blocks = Array(document.blocks)
        let references = document.children(of: blocks[0]).filter { document[$0].kind == .footnoteReference }.map(document.text(of:))
        #expect(references == ["1", "2", "1"])
        let definitions = blocks.dropFirst().map { index in
            "\(document[index].kind):\(document.text(of: index)):\(document.plainText(of: index))"
        }
        #expect(definitions == ["footnoteDefinition:1:Note B.", "footnoteDefinition:2:Note A."])
    }

    /// Autolinks carry no position of their own: they and their text take the paragraph's.
    @Test func strikethroughAutolinksAndTaskLists() {
        let document = MarkdownParser.parse("~~gone~~ see https://unece.org now\n\n- [x] done\n- [ ] to do\n")
        let blocks = Array(document.blocks)
        #expect(dump(document, document.children(of: blocks[0])) == """
        strikethrough@1:1
          text("gone")@1:3
        text(" see ")@1:9
        link("https://unece.org", "")@1:1
          text("https://unece.org")@1:1
        text(" now")@1:31

        """)
        #expect(document.children(of: blocks[1]).map { document[$0].task } == [true, false])
    }

    @Test func fencedBlocksKeepTheWholeInfoStringAndLiteral() {
        let document = MarkdownParser.parse("Text\n\n```kpi id=x\nkpi: \"EC: ICT: ICT: 1C\"\n```\n")
        let fence = Array(document.blocks)[1]
        #expect(document[fence].kind == .codeBlock)
        #expect(document.detail(of: fence) == "kpi id=x")
        #expect(document.text(of: fence) == "kpi: \"EC: ICT: ICT: 1C\"\n")
        #expect(document[fence].start == SourcePoint(line: 3, column: 1))
    }

    @Test func deeplyNestedInputIsFlattenedBeyondTheMaximumDepthKeepingItsText() {
        let depth = 5_000
        let document = MarkdownParser.parse(String(repeating: "> ", count: depth) + "deep\n")
        var node = document.blocks.first
        var levels = 0
        while let current = node, document[current].kind == .blockQuote {
            levels += 1
            node = document.children(of: current).first
        }
        // The document is one level; the block quotes fill the rest of the allowed depth.
        #expect(levels == MarkdownParser.maximumDepth - 1)
        #expect(document.blocks.first.map(document.plainText(of:)) == "deep")
        #expect(document.flattenedNesting == SourcePoint(line: 1, column: 199))
        #expect(MarkdownParser.parse("> shallow\n").flattenedNesting == nil)
    }

    @Test func textCanBeReplacedWithoutDisturbingTheRest() {
        var document = MarkdownParser.parse("`a` and [b](c.md \"d\")\n")
        let paragraph = Array(document.blocks)[0]
        let inlines = Array(document.children(of: paragraph))
        document.setText(of: inlines[0], to: "{++x++}")
        document.setDetail(of: inlines[2], to: "e")
        #expect(document.text(of: inlines[0]) == "{++x++}")
        #expect(document.text(of: inlines[1]) == " and ")
        #expect(document.text(of: inlines[2]) == "c.md")
        #expect(document.detail(of: inlines[2]) == "e")
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

    /// The definitions the tree keeps no node of, at their lines whatever ends the lines (CR, CRLF, LF),
    /// with a link definition's target as cmark-gfm resolves it; none from code.
    @Test func definitionsWithoutNodesAreFoundAtTheirLines() {
        let text = "Cited.[^a]\r\n\r\n[^a]: Kept.\r\n[^b]: Dropped.\r[^a]: Again.\n\n[Site]: <https://example.org/x> 'T'\n\n```\n[^c]: code\n```\n"
        let found = MarkdownParser.parse(text).definitions
        #expect(found.map { "\($0.kind) \($0.label) \($0.start.line):\($0.start.column) \($0.isInTree)" }
                == ["footnote a 3:1 true", "footnote b 4:1 false", "footnote a 5:1 false", "link Site 7:1 false"])
        #expect(found.last?.destination == "https://example.org/x")
        #expect(found.last?.title == "T")
        #expect(found.last?.normalizedLabel == "site")
        #expect(MarkdownParser.parse("No definitions.\n\n```\n[x]: /y\n```\n").definitions.isEmpty)
    }

    @Test func plainTextJoinsTextAndCodeAndSkipsFootnoteMarkers() {
        let document = MarkdownParser.parse("## The `KPI` *list*[^1]\nand more\n\n[^1]: x\n")
        #expect(document.blocks.first.map(document.plainText(of:)) == "The KPI list")
        let lines = MarkdownParser.parse("one\ntwo  \nthree <b>x</b>\n")
        #expect(lines.blocks.first.map(lines.plainText(of:)) == "one two three x")
    }
}

private final class ResultsBox: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [MarkdownDocument?]
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: MarkdownDocument) { lock.withLock { storage[index] = value } }
    var values: [MarkdownDocument] { lock.withLock { storage.compactMap { $0 } } }
}

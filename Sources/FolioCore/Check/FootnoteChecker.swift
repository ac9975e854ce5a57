import FolioMarkdown

/// Footnotes that cmark-gfm leaves out or shows as plain text: a definition nothing references and a
/// second definition of one label (both dropped from the tree), and a reference without a definition
/// (left in the text as `[^label]`).
enum FootnoteChecker {
    static func check(_ document: MarkdownDocument, locate: (SourcePoint) -> SourceLocation, diagnostics: DiagnosticCollector) {
        let definitions = document.definitions.filter { $0.kind == .footnote }
        // The tree keeps the first definition of a referenced label; of an unreferenced label it keeps none.
        let kept = DroppedContentChecker.firstOfEachLabel(definitions.filter(\.isInTree))
        let first = DroppedContentChecker.firstOfEachLabel(definitions)
        for definition in definitions where !definition.isInTree {
            let label = definition.normalizedLabel
            if let used = kept[label] ?? first[label], used.start != definition.start {
                diagnostics.warning("footnote [^\(definition.label)] is defined twice: this definition is left out "
                                    + "(the one at line \(locate(used.start).line) is \(used.isInTree ? "used" : "the first"))",
                                    at: locate(definition.start))
            } else {
                diagnostics.warning("footnote [^\(definition.label)] is never referenced: its text is left out of the page; "
                                    + "cite it with [^\(definition.label)] or delete it", at: locate(definition.start))
            }
        }
        reportMissingDefinitions(in: document, locate: locate, diagnostics: diagnostics)
    }

    /// cmark-gfm turns a reference whose label has no definition back into the text `[^label]`: it is
    /// looked for in the tree's text (so never in code).
    private static func reportMissingDefinitions(in document: MarkdownDocument, locate: (SourcePoint) -> SourceLocation,
                                                 diagnostics: DiagnosticCollector) {
        document.walk { index, node in
            guard node.kind == .text else { return true }
            document.withText(of: index) { text in
                var offset = 0
                // Text rarely holds a `[`: found with memchr, not byte by byte.
                while let bracket = ByteSearch.firstIndex(of: UInt8(ascii: "["), in: text, from: offset), bracket + 3 < text.count {
                    offset = bracket
                    guard text[offset + 1] == UInt8(ascii: "^"),
                          let close = text[(offset + 2)...].firstIndex(where: { $0 == UInt8(ascii: "]") || $0 <= 0x20 || $0 == UInt8(ascii: "[") }),
                          text[close] == UInt8(ascii: "]"), close > offset + 2 else {
                        offset += 1
                        continue
                    }
                    let label = String(decoding: text[(offset + 2)..<close], as: UTF8.self)
                    let at = SourcePoint(line: node.start.line, column: node.start.column + offset)
                    diagnostics.warning("footnote [^\(label)] has no definition: it is shown as the text '[^\(label)]'; "
                                        + "add its text as a line '[^\(label)]: …'", at: locate(at))
                    offset = close + 1
                }
            }
            return false
        }
    }
}

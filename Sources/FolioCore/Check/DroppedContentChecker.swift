import FolioMarkdown

/// Nothing a contributor wrote disappears without a word: what cmark-gfm parses but the page would not
/// show, or would show otherwise than written, is reported at its line. One concern per checker:
/// footnotes (`FootnoteChecker`), link reference definitions (`LinkDefinitionChecker`) and raw HTML
/// (`RawHTMLChecker`). They read the parsed tree and the definitions the parse found beside it
/// (`MarkdownDocument.definitions`), never the raw Markdown.
enum DroppedContentChecker {
    static func check(_ document: MarkdownDocument, allowRawHTML: Bool, locate: (SourcePoint) -> SourceLocation,
                      diagnostics: DiagnosticCollector) {
        FootnoteChecker.check(document, locate: locate, diagnostics: diagnostics)
        LinkDefinitionChecker.check(document, locate: locate, diagnostics: diagnostics)
        RawHTMLChecker.check(document, allowRawHTML: allowRawHTML, locate: locate, diagnostics: diagnostics)
    }

    /// The first definition of each label among `definitions` (in document order), for "defined twice".
    static func firstOfEachLabel(_ definitions: [MarkdownDefinition]) -> [String: MarkdownDefinition] {
        var first: [String: MarkdownDefinition] = [:]
        for definition in definitions where first[definition.normalizedLabel] == nil {
            first[definition.normalizedLabel] = definition
        }
        return first
    }
}

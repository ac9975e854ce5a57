import FolioMarkdown

/// Link reference definitions (`[label]: /url "title"`) that nothing uses, and second definitions of one
/// label (cmark-gfm keeps the first and ignores the rest). Neither is shown anywhere.
///
/// cmark-gfm resolves a reference link into a plain link and keeps no trace of the label: a definition
/// counts as used when some link or image of the chapter has its destination and title. A definition
/// whose target an inline link repeats therefore counts as used (no false warning, a rare miss).
enum LinkDefinitionChecker {
    static func check(_ document: MarkdownDocument, locate: (SourcePoint) -> SourceLocation, diagnostics: DiagnosticCollector) {
        let definitions = document.definitions.filter { $0.kind == .link }
        guard !definitions.isEmpty else { return }
        var targets: Set<[String]> = []
        document.walk { index, node in
            if node.kind == .link || node.kind == .image { targets.insert([document.text(of: index), document.detail(of: index)]) }
            return true
        }
        let first = DroppedContentChecker.firstOfEachLabel(definitions)
        for definition in definitions {
            if let used = first[definition.normalizedLabel], used.start != definition.start {
                diagnostics.warning("link reference [\(definition.label)] is defined twice: this definition is ignored "
                                    + "(the one at line \(locate(used.start).line) is used)", at: locate(definition.start))
            } else if !targets.contains([definition.destination, definition.title]) {
                diagnostics.warning("link reference definition [\(definition.label)] is never used: no link says [text][\(definition.label)] "
                                    + "or [\(definition.label)]; use it or delete it", at: locate(definition.start))
            }
        }
    }
}

import FolioMarkdown

/// Every internal link's `#anchor` — within a chapter, to another chapter, to another language —
/// must name something on the target page: a heading, a footnote, a KPI figure or a landmark of the
/// templates. A broken anchor is a warning in drafts and an error in the public edition.
enum AnchorChecker {
    static func check(_ publication: Publication, release: Bool, diagnostics: DiagnosticCollector) {
        let resolver = LinkResolver(publication: publication)
        var pageIDs: [String: Set<String>] = [:]
        func ids(of chapter: Chapter, number: Int) -> Set<String> {
            let key = "\(chapter.path)#\(number)"
            if let known = pageIDs[key] { return known }
            let found = anchors(of: chapter, chapterNumber: number, figures: publication.kpiBlocks[chapter.path]?.count ?? 0)
            pageIDs[key] = found
            return found
        }
        let source = publication.config.sourceLanguage
        for (language, chapters) in publication.chapters.sorted(by: { $0.key < $1.key }) {
            for chapter in chapters {
                forEachLink(in: chapter.document) { destination, point in
                    let target: (chapter: Chapter, fragment: String)?
                    switch resolver.resolve(destination, from: language) {
                    case .fragment(let fragment): target = (chapter, fragment)
                    case .chapter(let slug, let targetLanguage, let fragment?):
                        // The page shows the translation, or the source text where there is none yet.
                        let shown = publication.chapter(slug: slug, language: targetLanguage) ?? publication.chapter(slug: slug, language: source)
                        target = shown.map { ($0, fragment) }
                    default: target = nil
                    }
                    guard let (page, fragment) = target, !fragment.isEmpty else { return }
                    let targetNumber = publication.chapter(slug: page.slug, language: source)?.number ?? page.number
                    guard !ids(of: page, number: targetNumber).contains(fragment.removingPercentEncoding ?? fragment) else { return }
                    let message = "no anchor '#\(fragment)' on the page of \(page.path)"
                        + Suggestion.hint(for: fragment, in: Array(ids(of: page, number: targetNumber)))
                    diagnostics.add(Diagnostic(release ? .error : .warning, message, at: chapter.location(of: point)))
                }
            }
        }
    }

    /// The ids a chapter's page carries: headings (numbered as the renderer numbers them: the body,
    /// then the footnotes), footnotes and their references, KPI figures, the templates' landmarks.
    static func anchors(of chapter: Chapter, chapterNumber: Int, figures: Int) -> Set<String> {
        var ids = HeadingIDs()
        var found = HeadingIDs.templateIDs
        let body = chapter.document.blocks.filter { !isFootnote($0) }
        let notes = chapter.document.blocks.filter(isFootnote)
        var stack = Array((body + notes).reversed())
        while let node = stack.popLast() {
            switch node.kind {
            case .heading: found.insert(ids.id(for: CriticMarkup.accepted(node.plainText)))
            case .footnoteDefinition(let label): found.formUnion(["fn:\(label)", "fnref:\(label)"])
            default: break
            }
            stack.append(contentsOf: node.children.reversed())
        }
        if figures > 0 {
            for index in 1...figures { found.insert(KPIFigureRenderer.figureID(chapter: chapterNumber, index: index)) }
        }
        return found
    }

    private static func isFootnote(_ node: MarkdownNode) -> Bool {
        if case .footnoteDefinition = node.kind { return true }
        return false
    }

    /// Links with their position (autolinks carry none: the enclosing block's is used).
    private static func forEachLink(in document: MarkdownDocument, _ visit: (String, SourcePoint) -> Void) {
        var stack: [(MarkdownNode, SourcePoint)] = document.blocks.reversed().map { ($0, $0.start) }
        while let (node, inherited) = stack.popLast() {
            let point = node.start.line > 0 ? node.start : inherited
            if case .link(let destination, _) = node.kind { visit(destination, point) }
            for child in node.children.reversed() { stack.append((child, point)) }
        }
    }
}

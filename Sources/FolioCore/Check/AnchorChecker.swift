import Foundation
import FolioMarkdown

/// Every internal link's `#anchor` — within a chapter, to another chapter, to another language —
/// must name something on the target page: a heading, a footnote, a KPI figure or a landmark of the
/// templates. A broken anchor is a warning in drafts and an error in the public edition.
enum AnchorChecker {
    /// `cache`: the preview server keeps each chapter's anchored links and each page's ids while the
    /// chapter (and the set of chapters links resolve against) is unchanged.
    static func check(_ publication: Publication, release: Bool, diagnostics: DiagnosticCollector, cache: LoadCache? = nil) {
        let resolver = LinkResolver(publication: publication)
        let resolverGeneration = cache.generation(of: resolver, named: "link-resolver")
        let source = publication.config.sourceLanguage
        // Each page's ids are made once, by the first chapter that links into it.
        let pageIDs = PageIDs()
        @Sendable func ids(of chapter: Chapter, number: Int) -> Set<String> {
            let key = "\(chapter.path)#\(number)"
            if let known = pageIDs[key] { return known }
            let figures = publication.kpiBlocks[chapter.path]?.count ?? 0
            let found = cache.reuse("anchors|\(key)", token: LoadCache.token(chapter.revision, "\(figures)"), diagnostics: diagnostics) { _ in
                anchors(of: chapter, chapterNumber: number, figures: figures)
            }
            pageIDs[key] = found
            return found
        }
        // Chapters are independent: checked in parallel (diagnostics are sorted when read).
        let chapters = publication.chapters.sorted(by: { $0.key < $1.key }).flatMap(\.value)
        DispatchQueue.concurrentPerform(iterations: chapters.count) { index in
            let chapter = chapters[index]
            let token = LoadCache.token(chapter.revision, "\(resolverGeneration)")
            let links = cache.reuse("anchored-links|\(chapter.path)", token: token, diagnostics: diagnostics) { _ in
                anchoredLinks(in: chapter, resolver: resolver)
            }
            for link in links {
                var shown: Chapter? = chapter
                if let (slug, targetLanguage) = link.chapter {
                    // The page shows the translation, or the source text where there is none yet.
                    shown = publication.chapter(slug: slug, language: targetLanguage) ?? publication.chapter(slug: slug, language: source)
                }
                guard let page = shown else { continue }
                let targetNumber = publication.chapter(slug: page.slug, language: source)?.number ?? page.number
                let pageIDs = ids(of: page, number: targetNumber)
                guard !pageIDs.contains(link.fragment.removingPercentEncoding ?? link.fragment) else { continue }
                let message = "no anchor '#\(link.fragment)' on the page of \(page.path)"
                    + Suggestion.hint(for: link.fragment, in: Array(pageIDs))
                diagnostics.add(Diagnostic(release ? .error : .warning, message, at: link.location))
            }
        }
    }

    /// The ids found so far, per page, shared by the parallel checks.
    private final class PageIDs: @unchecked Sendable {
        private let lock = NSLock()
        private var storage: [String: Set<String>] = [:]

        subscript(key: String) -> Set<String>? {
            get { lock.withLock { storage[key] } }
            set { lock.withLock { storage[key] = newValue } }
        }
    }

    /// A link with a non-empty `#fragment`, to its own page (`chapter` nil) or to another chapter's.
    struct AnchoredLink: Sendable {
        var chapter: (slug: String, language: String)?
        var fragment: String
        var location: SourceLocation
    }

    static func anchoredLinks(in chapter: Chapter, resolver: LinkResolver) -> [AnchoredLink] {
        var found: [AnchoredLink] = []
        forEachLink(in: chapter.document) { destination, point in
            switch resolver.resolve(destination, from: chapter.language) {
            case .fragment(let fragment) where !fragment.isEmpty:
                found.append(AnchoredLink(chapter: nil, fragment: fragment, location: chapter.location(of: point)))
            case .chapter(let slug, let language, let fragment?) where !fragment.isEmpty:
                found.append(AnchoredLink(chapter: (slug, language), fragment: fragment, location: chapter.location(of: point)))
            default: break
            }
        }
        return found
    }

    /// The ids a chapter's page carries: headings (numbered as the renderer numbers them: the body,
    /// then the footnotes), footnotes and their references, KPI figures, the templates' landmarks.
    static func anchors(of chapter: Chapter, chapterNumber: Int, figures: Int) -> Set<String> {
        let document = chapter.document
        var ids = HeadingIDs()
        var found = HeadingIDs.templateIDs
        let blocks = Array(document.blocks)
        let ordered = blocks.filter { document[$0].kind != .footnoteDefinition } + blocks.filter { document[$0].kind == .footnoteDefinition }
        for block in ordered {
            var index = block
            let end = document.skippingChildren(of: block)
            while index < end {
                let node = document[index]
                switch node.kind {
                case .heading: found.insert(ids.id(for: CriticMarkup.accepted(document.plainText(of: index))))
                case .footnoteDefinition:
                    let label = document.text(of: index)
                    found.formUnion(["fn:\(label)", "fnref:\(label)"])
                default: break
                }
                index = node.kind.canContainBlocks ? index + 1 : document.skippingChildren(of: index)
            }
        }
        if figures > 0 {
            for index in 1...figures { found.insert(KPIFigureRenderer.figureID(chapter: chapterNumber, index: index)) }
        }
        return found
    }

    /// Links with their position (autolinks carry their enclosing block's).
    private static func forEachLink(in document: MarkdownDocument, _ visit: (String, SourcePoint) -> Void) {
        document.walk { index, node in
            if node.kind == .link { visit(document.text(of: index), node.start) }
            return true
        }
    }
}

import Foundation
import FolioMarkdown

/// Every internal link's `#anchor` — within a chapter, to another chapter, to another language —
/// must name something on the target page: a heading, a footnote, a KPI figure or a landmark of the
/// templates. A broken anchor is a warning in drafts and an error in the public edition.
enum AnchorChecker {
    /// Links and ids come from the chapter models, where they are resolved and made once. `cache`: the
    /// preview server keeps each chapter's anchored links while it (and the chapters links resolve
    /// against) is unchanged.
    static func check(_ publication: Publication, release: Bool, diagnostics: DiagnosticCollector, cache: LoadCache? = nil) {
        let source = publication.config.sourceLanguage
        let models = publication.models
        let resolverGeneration = cache.generation(of: publication.linkResolver ?? LinkResolver(publication: publication), named: "link-resolver")
        // Chapters are independent: checked in parallel (diagnostics are sorted when read).
        let chapters = publication.chapters.sorted(by: { $0.key < $1.key }).flatMap(\.value)
        DispatchQueue.concurrentPerform(iterations: chapters.count) { index in
            let chapter = chapters[index]
            guard let model = models[chapter.path] else { return }
            let token = LoadCache.token(chapter.revision, "\(resolverGeneration)")
            let links = cache.reuse("anchored-links|\(chapter.path)", token: token, diagnostics: diagnostics) { _ in
                anchoredLinks(in: chapter, model: model)
            }
            for link in links {
                var shown: Chapter? = chapter
                if let (slug, targetLanguage) = link.chapter {
                    // The page shows the translation, or the source text where there is none yet.
                    shown = publication.chapter(slug: slug, language: targetLanguage) ?? publication.chapter(slug: slug, language: source)
                }
                guard let page = shown, let pageModel = models[page.path] else { continue }
                guard !hasAnchor(link.fragment.removingPercentEncoding ?? link.fragment, in: pageModel) else { continue }
                let message = "no anchor '#\(link.fragment)' on the page of \(page.path)"
                    + Suggestion.hint(for: link.fragment, in: Array(anchors(of: pageModel)))
                diagnostics.add(Diagnostic(release ? .error : .warning, message, at: link.location))
            }
        }
    }

    /// A link with a non-empty `#fragment`, to its own page (`chapter` nil) or to another chapter's.
    struct AnchoredLink: Sendable {
        var chapter: (slug: String, language: String)?
        var fragment: String
        var location: SourceLocation
    }

    static func anchoredLinks(in chapter: Chapter, model: ChapterModel) -> [AnchoredLink] {
        var found: [AnchoredLink] = []
        // In no particular order: the diagnostics made from them are sorted when read.
        for (index, target) in model.targets {
            let anchored: (chapter: (slug: String, language: String)?, fragment: String)
            switch target {
            case .fragment(let fragment) where !fragment.isEmpty: anchored = (nil, fragment)
            case .chapter(let slug, let language, let fragment?) where !fragment.isEmpty: anchored = ((slug, language), fragment)
            default: continue
            }
            let node = model.document[index]
            guard node.kind == .link else { continue }
            found.append(AnchoredLink(chapter: anchored.chapter, fragment: anchored.fragment, location: chapter.location(of: node.start)))
        }
        return found
    }

    /// Whether the page has the id: looked up in the model, as building every page's set of ids for the
    /// few links with a fragment was most of this check.
    static func hasAnchor(_ id: String, in model: ChapterModel) -> Bool {
        if model.heading(withID: id) != nil || HeadingIDs.templateIDs.contains(id) || model.elements.contains(where: { $0.anchor == id }) {
            return true
        }
        let label = id.hasPrefix("fn:") ? id.dropFirst(3) : id.hasPrefix("fnref:") ? id.dropFirst(6) : nil
        guard let label else { return false }
        let document = model.document
        return document.blocks.contains { document[$0].kind == .footnoteDefinition && document.text(of: $0) == label }
    }

    /// The ids a chapter's page carries: its headings, footnotes and their references, its figures,
    /// tables and boxes, and the templates' landmarks.
    static func anchors(of model: ChapterModel) -> Set<String> {
        var found = HeadingIDs.templateIDs
        for heading in model.headings.values { found.insert(heading.id) }
        for element in model.elements { found.insert(element.anchor) }
        let document = model.document
        for block in document.blocks where document[block].kind == .footnoteDefinition {
            let label = document.text(of: block)
            found.formUnion(["fn:\(label)", "fnref:\(label)"])
        }
        return found
    }
}

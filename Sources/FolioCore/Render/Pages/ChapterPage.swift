import Mustache

/// `chapter.mustache`: one chapter of one language's book (Templates/README.md, "chapter").
struct ChapterPage: MustacheParent {
    /// The chapter shown (`{{#chapter}}`).
    struct Header: MustacheParent {
        var numberLabel: String
        var title: String
        var summary: String?
        var authors: String?
        /// What the template shows as `{{{bodyHTML}}}`: the body's slot (see `BodySlot`).
        var bodyHTML: String
        var footnotesHTML: String?
        /// The chapter's own reference list (`reference-list: chapter`).
        var referencesHTML: String?
        var contentLang: String
        var contentDir: String

        func child(named name: String) -> Any? {
            switch name {
            case "numberLabel": sectionText(numberLabel)
            case "title": title
            case "summary": sectionText(summary)
            case "authors": sectionText(authors)
            case "bodyHTML": bodyHTML
            case "footnotesHTML": sectionText(footnotesHTML)
            case "referencesHTML": sectionText(referencesHTML)
            case "contentLang": contentLang
            case "contentDir": contentDir
            default: nil
            }
        }
    }

    /// The draft banner: the chapter is before the timeline's last stage.
    struct DraftMark: MustacheParent {
        var mark: String
        var stage: String
        var due: String?

        func child(named name: String) -> Any? {
            switch name {
            case "mark": mark
            case "stage": stage
            case "due": sectionText(due)
            default: nil
            }
        }
    }

    /// The link to the chapter's changes since its latest review.
    struct ChangesLink: MustacheParent {
        var label: String
        var href: String

        func child(named name: String) -> Any? {
            switch name {
            case "label": label
            case "href": href
            default: nil
            }
        }
    }

    /// The notice on a translation whose source was revised since.
    struct StaleNotice: MustacheParent {
        var notice: String
        var label: String
        var href: String
        var sourceLang: String

        func child(named name: String) -> Any? {
            switch name {
            case "notice": notice
            case "label": label
            case "href": href
            case "sourceLang": sourceLang
            default: nil
            }
        }
    }

    /// The previous or next chapter.
    struct Neighbour: MustacheParent {
        var label: String
        var numberLabel: String
        var title: String
        var titleLang: String
        var href: String

        func child(named name: String) -> Any? {
            switch name {
            case "label": label
            case "numberLabel": numberLabel
            case "title": title
            case "titleLang": titleLang
            case "href": href
            default: nil
            }
        }
    }

    var layout: PageLayout
    var chapter: Header
    var draft: DraftMark?
    var changes: ChangesLink?
    var stale: StaleNotice?
    var fallback: Bool
    var fallbackNotice: String
    var toc: [TableOfContents.Entry]
    var tocHTML: String
    var navSummary: String
    var bookNavHTML: String
    /// The book navigation's entries, for templates that loop over `nav` themselves.
    var nav: [BookNavigation.Entry]
    var previous: Neighbour?
    var next: Neighbour?

    func child(named name: String) -> Any? {
        switch name {
        case "chapter": chapter
        case "draft": sectionObject(draft)
        case "changes": sectionObject(changes)
        case "stale": sectionObject(stale)
        case "fallback": fallback
        case "fallbackNotice": fallbackNotice
        case "hasToc": !toc.isEmpty
        case "toc": toc
        case "tocHTML": tocHTML
        case "navSummary": navSummary
        case "bookNavHTML": bookNavHTML
        case "nav": nav
        case "previous": sectionObject(previous)
        case "next": sectionObject(next)
        default: layout.child(named: name)
        }
    }
}

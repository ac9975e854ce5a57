import Mustache

/// `home.mustache`: the publication's home in one language (Templates/README.md, "home").
struct HomePage: MustacheParent {
    /// One chapter of the contents list.
    struct Chapter: MustacheParent {
        var numberLabel: String
        var title: String
        var titleLang: String
        var summary: String?
        var href: String
        var untranslated: Bool
        var stage: Stage?

        func child(named name: String) -> Any? {
            switch name {
            case "numberLabel": sectionText(numberLabel)
            case "title": title
            case "titleLang": titleLang
            case "summary": sectionText(summary)
            case "href": href
            case "untranslated": untranslated
            case "stage": sectionObject(stage)
            default: nil
            }
        }
    }

    /// The draft stage a chapter is at.
    struct Stage: MustacheParent {
        var name: String
        var id: String

        func child(named name: String) -> Any? {
            switch name {
            case "name": self.name
            case "id": id
            default: nil
            }
        }
    }

    var layout: PageLayout
    var title: String
    var subtitle: String?
    var landingHTML: String?
    var chapters: [Chapter]

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "subtitle": sectionText(subtitle)
        case "landingHTML": sectionText(landingHTML)
        case "chapters": chapters
        default: layout.child(named: name)
        }
    }
}

/// `languages.mustache`: the language chooser at the site's root (Templates/README.md, "languages").
struct LanguageChooserPage: MustacheParent {
    /// One language of the publication.
    struct Entry: MustacheParent {
        var code: String
        var name: String
        var dir: String
        var title: String
        var href: String
        var choose: String

        func child(named name: String) -> Any? {
            switch name {
            case "code": code
            case "name": self.name
            case "dir": dir
            case "title": title
            case "href": href
            case "choose": choose
            default: nil
            }
        }
    }

    var layout: PageLayout
    var entries: [Entry]

    func child(named name: String) -> Any? {
        name == "entries" ? entries : layout.child(named: name)
    }
}

/// `search.mustache`: Pagefind's search interface over one language's index.
struct SearchPage: MustacheParent {
    var layout: PageLayout
    var pagefindCSS: String
    var pagefindJS: String
    var searchScript: String?

    func child(named name: String) -> Any? {
        switch name {
        case "pagefindCSS": pagefindCSS
        case "pagefindJS": pagefindJS
        case "searchScript": sectionText(searchScript)
        default: layout.child(named: name)
        }
    }
}

import Mustache

/// `acronyms.mustache`: one language's acronyms and abbreviations, in its alphabetical order.
struct AcronymsPage: MustacheParent {
    struct Entry: MustacheParent {
        var short: String
        var expansion: String

        func child(named name: String) -> Any? {
            switch name {
            case "short": short
            case "expansion": expansion
            default: nil
            }
        }
    }

    var layout: PageLayout
    var entries: [Entry]

    func child(named name: String) -> Any? {
        switch name {
        case "entries": entries
        default: layout.child(named: name)
        }
    }
}

/// `imprint.mustache`: the publication's imprint in one language: identifiers, "How to cite",
/// copyright, disclaimer and credits.
struct ImprintPage: MustacheParent {
    struct Identifier: MustacheParent {
        var label: String
        var value: String

        func child(named name: String) -> Any? {
            switch name {
            case "label": label
            case "value": value
            default: nil
            }
        }
    }

    var layout: PageLayout
    var title: String
    var subtitle: String?
    var identifiers: [Identifier]
    var copyright: String
    var disclaimer: String
    var credits: String?

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "subtitle": sectionText(subtitle)
        case "identifiers": identifiers
        case "hasIdentifiers": !identifiers.isEmpty
        case "copyright": copyright
        case "disclaimer": disclaimer
        case "credits": sectionText(credits)
        default: layout.child(named: name)
        }
    }
}

/// `not-found.mustache`: `404.html`, for an address that leads nowhere: the publication in each language.
struct NotFoundPage: MustacheParent {
    struct Entry: MustacheParent {
        var code: String
        var dir: String
        var title: String
        var message: String
        var notFound: String
        var href: String

        func child(named name: String) -> Any? {
            switch name {
            case "code": code
            case "dir": dir
            case "title": title
            case "message": message
            case "notFound": notFound
            case "href": href
            default: nil
            }
        }
    }

    var layout: PageLayout
    var entries: [Entry]

    func child(named name: String) -> Any? {
        switch name {
        case "entries": entries
        default: layout.child(named: name)
        }
    }
}

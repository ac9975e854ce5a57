import Mustache

/// `status.mustache`: the coordinator's dashboard, drafts only (Templates/README.md, "status").
struct StatusPage: MustacheParent {
    struct Stage: MustacheParent {
        var name: String
        var id: String
        var isReview: Bool
        var due: String

        func child(named name: String) -> Any? {
            switch name {
            case "name": self.name
            case "id": id
            case "review": isReview
            case "due": due
            default: nil
            }
        }
    }

    struct LanguageHeader: MustacheParent {
        var code: String
        var name: String

        func child(named name: String) -> Any? {
            switch name {
            case "code": code
            case "name": self.name
            default: nil
            }
        }
    }

    /// One source chapter.
    struct Row: MustacheParent {
        var number: String
        var title: String
        var href: String
        var stage: String
        var behind: Bool
        var nextDue: String
        var days: String
        /// `on-time` or `late`.
        var state: String
        var reviews: [Review]
        /// The open reviewers' edits, formatted, and whether there are any.
        var edits: String
        var hasEdits: Bool
        /// The comment threads nobody has answered, formatted, and whether there are any.
        var openComments: String
        var hasOpenComments: Bool
        /// The chapter's changes since its latest review, when the site has that page.
        var changesHref: String?
        var translations: [Translation]

        func child(named name: String) -> Any? {
            switch name {
            case "number": number
            case "title": title
            case "href": href
            case "stage": stage
            case "behind": behind
            case "nextDue": nextDue
            case "days": days
            case "state": state
            case "reviews": reviews
            case "hasReviews": !reviews.isEmpty
            case "edits": edits
            case "hasEdits": hasEdits
            case "openComments": openComments
            case "hasOpenComments": hasOpenComments
            case "changesHref": sectionText(changesHref)
            case "translations": translations
            default: nil
            }
        }
    }

    struct Review: MustacheParent {
        var stage: String
        var by: String
        var date: String
        var outcome: String?

        func child(named name: String) -> Any? {
            switch name {
            case "stage": stage
            case "by": by
            case "date": date
            case "outcome": sectionText(outcome)
            default: nil
            }
        }
    }

    /// A chapter's translation into one language.
    struct Translation: MustacheParent {
        var state: String
        var label: String
        var href: String

        func child(named name: String) -> Any? {
            switch name {
            case "state": state
            case "label": label
            case "href": href
            default: nil
            }
        }
    }

    var layout: PageLayout
    var asOf: String
    var timelineSVG: String
    var stages: [Stage]
    var languageHeaders: [LanguageHeader]
    var rows: [Row]
    /// The list of reviewers' comments.
    var commentsHref: String
    /// Per language of `languageHeaders`: what is left to translate, formatted.
    var progress: [String]

    func child(named name: String) -> Any? {
        switch name {
        case "commentsHref": commentsHref
        case "progress": progress
        case "asOf": asOf
        case "timelineSVG": timelineSVG
        case "stages": stages
        case "languageHeaders": languageHeaders
        case "rows": rows
        default: layout.child(named: name)
        }
    }
}

import Mustache

/// `changes.mustache`: a chapter's changes since its latest review, drafts only
/// (Templates/README.md, "changes").
struct ChangesPage: MustacheParent {
    /// A front-matter field that changed (title, stage, summary).
    struct Field: MustacheParent {
        var name: String
        var old: String
        var new: String

        func child(named name: String) -> Any? {
            switch name {
            case "name": self.name
            case "old": old
            case "new": new
            default: nil
            }
        }
    }

    var layout: PageLayout
    var title: String
    var numberLabel: String
    var chapterTitle: String
    var chapterHref: String
    var backLabel: String
    var summary: String
    var commit: String
    var commitLabel: String
    var fields: [Field]
    var bodyHTML: String
    var kpisHTML: String
    var contentLang: String
    var contentDir: String
    var hasChanges: Bool

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "numberLabel": sectionText(numberLabel)
        case "chapterTitle": chapterTitle
        case "chapterHref": chapterHref
        case "backLabel": backLabel
        case "summary": summary
        case "commit": commit
        case "commitLabel": commitLabel
        case "fields": fields
        case "hasFields": !fields.isEmpty
        case "bodyHTML": bodyHTML
        case "kpisHTML": sectionText(kpisHTML)
        case "contentLang": contentLang
        case "contentDir": contentDir
        case "hasChanges": hasChanges
        default: layout.child(named: name)
        }
    }
}

/// `comments.mustache`: every reviewer's comment thread, drafts only, in the source language
/// (Templates/README.md, "comments").
struct CommentsPage: MustacheParent {
    struct Comment: MustacheParent {
        var author: String
        var date: String
        var isoDate: String
        var text: String
        var line: String

        func child(named name: String) -> Any? {
            switch name {
            case "author": author
            case "date": sectionText(date)
            case "isoDate": isoDate
            case "text": text
            case "line": line
            default: nil
            }
        }
    }

    struct Thread: MustacheParent {
        var chapter: String
        var href: String
        var language: String
        var open: Bool
        var state: String
        var first: Comment
        var replies: [Comment]

        func child(named name: String) -> Any? {
            switch name {
            case "chapter": chapter
            case "href": href
            case "language": language
            case "open": open
            case "state": state
            case "first": first
            case "replies": replies
            case "hasReplies": !replies.isEmpty
            default: nil
            }
        }
    }

    var layout: PageLayout
    var summary: String
    var threads: [Thread]

    func child(named name: String) -> Any? {
        switch name {
        case "summary": summary
        case "threads": threads
        case "hasThreads": !threads.isEmpty
        default: layout.child(named: name)
        }
    }
}

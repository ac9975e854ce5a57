import Mustache

/// `terms.mustache`: the publication's glossary in one language (Templates/README.md, "terms").
struct TermsPage: MustacheParent {
    /// A translation language, as a column of the source language's page.
    struct Column: MustacheParent {
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

    /// A term's approved form in one language (the source language's page).
    struct Form: MustacheParent {
        var code: String
        var approved: String
        var rtl: Bool

        func child(named name: String) -> Any? {
            switch name {
            case "code": code
            case "approved": approved
            case "rtl": rtl
            default: nil
            }
        }
    }

    struct Term: MustacheParent {
        var term: String
        var sourceLang: String
        var approved: String
        var accepted: String
        var forbidden: [String]
        var approvedForms: [Form]
        var note: String
        var noteLang: String

        func child(named name: String) -> Any? {
            switch name {
            case "term": term
            case "sourceLang": sourceLang
            case "approved": approved
            case "accepted": accepted
            case "forbidden": forbidden
            case "approvedForms": approvedForms
            case "note": note
            case "noteLang": noteLang
            default: nil
            }
        }
    }

    var layout: PageLayout
    var isSource: Bool
    var columns: [Column]
    var terms: [Term]

    func child(named name: String) -> Any? {
        switch name {
        case "isSource": isSource
        case "columns": columns
        case "terms": terms
        default: layout.child(named: name)
        }
    }
}

import Mustache

/// What `layout.mustache` shows on every page: the variables of Templates/README.md's "layout" table.
/// Each page's own model adds its variables over these (and falls back to them), as Mustache looks a
/// name up in the page's model, then in the layout's.
struct PageLayout: MustacheParent {
    var lang: String
    var dir: String
    var root: String
    var pageTitle: String
    var siteTitle: String
    var homeHref: String
    var chooserHref: String
    var stylesheet: String
    var publisher: String
    var year: String
    /// The interface strings of the page's language (`{{t.key}}`).
    var strings: [String: String]
    var hasKPIIndex: Bool
    var kpiIndexHref: String
    var hasDashboard: Bool
    var statusHref: String
    var hasLists: Bool
    var listsHref: String
    var hasTerms: Bool
    var termsHref: String
    /// The language's reference list page, when the book cites.
    var hasReferences: Bool
    var referencesHref: String
    var pdfHref: String?
    /// Every edition the build makes of this language, PDF first.
    var editionLinks: [EditionLink]
    var hasSearchBox: Bool
    var searchHref: String
    var scripts: [String]
    var bodyClass = ""
    var noindex = false
    /// The same page in other languages, and the one marked current in the switcher.
    var languages: [LanguageLinks.Link] = []
    var currentLanguage: String?
    /// `languages` rendered with the alternate-link and switcher-entry partials (see `LanguageLinks`).
    var alternateLinksHTML = ""
    var languageEntriesHTML = ""
    /// False where the page has no switcher even with several languages (the status page).
    var showsLanguages = true
    /// The language's list of acronyms, when it has one, and its imprint page.
    var hasAcronyms = false
    var acronymsHref = ""
    var imprintHref = ""
    /// "How to cite" the publication, in the page's language.
    var howToCite = ""
    /// With `base-url`: canonical, hreflang, OpenGraph, citation_* and JSON-LD (`partials/found-and-cited`).
    var foundAndCitedHTML = ""

    func child(named name: String) -> Any? {
        switch name {
        case "lang": lang
        case "dir": dir
        case "root": root
        case "pageTitle": pageTitle
        case "siteTitle": siteTitle
        case "homeHref": homeHref
        case "chooserHref": chooserHref
        case "stylesheet": stylesheet
        case "publisher": publisher
        case "year": year
        case "t": strings
        case "hasKPIIndex": hasKPIIndex
        case "kpiIndexHref": kpiIndexHref
        case "hasDashboard": hasDashboard
        case "statusHref": statusHref
        case "hasLists": hasLists
        case "listsHref": listsHref
        case "hasTerms": hasTerms
        case "termsHref": termsHref
        case "hasReferences": hasReferences
        case "referencesHref": referencesHref
        case "hasPDF": pdfHref != nil
        case "pdfHref": pdfHref ?? ""
        case "editionLinks": editionLinks
        case "hasSearchBox": hasSearchBox
        case "searchHref": searchHref
        case "scripts": scripts
        case "bodyClass": bodyClass
        case "noindex": noindex
        case "languages": languages.map { LanguageLinks.Entry(link: $0, current: $0.code == currentLanguage) }
        case "hasLanguages": showsLanguages && languages.count > 1
        case "alternateLinksHTML": alternateLinksHTML
        case "languageEntriesHTML": languageEntriesHTML
        case "hasAcronyms": hasAcronyms
        case "acronymsHref": acronymsHref
        case "imprintHref": imprintHref
        case "howToCite": howToCite
        case "foundAndCitedHTML": foundAndCitedHTML
        default: nil
        }
    }
}

/// A link to one edition of the publication: the PDF, the Word or the EPUB file.
struct EditionLink: MustacheParent {
    var href: String
    var label: String
    /// The file's MIME type.
    var type: String

    func child(named name: String) -> Any? {
        switch name {
        case "href": href
        case "label": label
        case "type": type
        default: nil
        }
    }
}

/// Text for a `{{#name}}…{{/name}}` section: swift-mustache renders a section for any string, even an
/// empty one, so missing or empty text is given as `false` and the section (a heading, a wrapper) is
/// left out. `false`, not nil: nil would send Mustache looking for the name in the enclosing models.
func sectionText(_ text: String?) -> Any {
    guard let text, !text.isEmpty else { return false }
    return text
}

/// An optional object for a `{{#name}}` section: `false` when missing (see `sectionText`).
func sectionObject(_ object: (any MustacheParent)?) -> Any {
    object ?? false
}

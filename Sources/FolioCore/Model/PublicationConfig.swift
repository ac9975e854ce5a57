import Foundation

/// A language the publication is published in, in the order `publication.yml` lists them.
public struct PublicationLanguage: Sendable, Hashable {
    public var code: String
    /// The language named in itself ("Français"); publication.yml may override the built-in name.
    public var name: String
    public var direction: String
    public var localeIdentifier: String
}

/// A stage of the review timeline (outline → … → published). Parsed and kept now; the review-stage
/// checks use it.
public struct Stage: Sendable, Hashable {
    public var id: String
    /// Names per language code.
    public var names: LocalizedText
    public var starts: CalendarDate?
    public var due: CalendarDate?
    /// Chapters past this stage need a recorded review of it.
    public var isReview: Bool
    /// Translation is planned from this stage on.
    public var startsTranslation: Bool
    public var location: SourceLocation

    /// The stage's name in `language` (else English, else its id).
    public func name(in language: String) -> String {
        names.text(in: language).ifEmpty(id)
    }
}

/// What an untranslated chapter does in a language's site.
public enum UntranslatedChapters: String, Sendable {
    /// The chapter appears in the source language with a notice (default).
    case fallback
    /// The chapter is left out of that language's site.
    case omit
}

/// Where the reference list goes on the web: one page per language, or the end of each chapter.
public enum ReferenceListPlacement: String, Sendable {
    case book
    case chapter
}

/// The publication's bibliography and citation style, as `publication.yml` names them.
public struct BibliographySettings: Sendable, Hashable {
    /// The file under `Content/` (`references.bib`, `references.json`, `references.yaml`).
    public var file: String
    public var fileLocation: SourceLocation
    /// The style's name in `Templates/csl/` (without `.csl`).
    public var style: String
    public var styleLocation: SourceLocation
    public var referenceList: ReferenceListPlacement

    /// The style folio uses when `csl:` names none: a note style, as UN flagship publications cite.
    public static let defaultStyle = "chicago-fullnote-bibliography"
}

/// One entry of `front-matter:` in publication.yml: a part's id and where it is named.
public struct FrontMatterEntry: Sendable, Hashable {
    public var id: String
    public var location: SourceLocation
}

/// `Content/publication.yml`, validated.
public struct PublicationConfig: Sendable {
    public var titles: [String: String]
    public var subtitles: [String: String]
    public var sourceLanguage: String
    public var languages: [PublicationLanguage]
    public var stages: [Stage]
    public var baseURL: String?
    public var allowRawHTML: Bool
    public var untranslated: UntranslatedChapters
    /// Publisher named on the cover and in the footer ("United Nations Economic Commission for Europe").
    public var publisher: [String: String]
    public var year: String?
    /// The date the review status is reported as of, when the content fixes one (a snapshot); else today.
    public var statusDate: CalendarDate?
    /// Names the print edition's files (`<slug>-<lang>.pdf`); nil: a slug of the source title.
    public var slug: String?
    /// Whether the print edition's cross-references add the page they lead to ("figure 2.1, p. 7").
    public var printPageReferences = false
    /// Whether draft PDFs number the lines of the body text in the margin, for reviewers' references
    /// ("p. 12, l. 30"). The public edition never has line numbers.
    public var printLineNumbers = true
    /// `bibliography:`, `csl:` and `reference-list:`, when the publication cites.
    public var bibliography: BibliographySettings?
    /// `front-matter:`: the front-matter parts (`Content/<lang>/<id>.md`), in book order.
    public var frontMatter: [FrontMatterEntry] = []
    /// The identifiers, copyright, disclaimer and credits of the imprint page.
    public var imprint = Imprint()
    /// `expand-acronyms: first-use`: the first use of an acronym in each part is written out.
    public var expandAcronymsOnFirstUse = false

    public var languageCodes: [String] { languages.map(\.code) }

    public func language(_ code: String) -> PublicationLanguage? {
        languages.first { $0.code == code }
    }

    /// The title in `language`, or the source language's when it has none.
    public func title(in language: String) -> String {
        titles[language] ?? titles[sourceLanguage] ?? ""
    }

    public func subtitle(in language: String) -> String? {
        subtitles[language] ?? subtitles[sourceLanguage]
    }

    /// The publication's file-name slug: `slug:` from publication.yml, or the source title's words in
    /// ASCII lowercase joined by hyphens ("Smart Cities for All" → `smart-cities-for-all`).
    public var publicationSlug: String {
        if let slug { return slug }
        var out = ""
        var pendingHyphen = false
        for scalar in title(in: sourceLanguage).lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingHyphen, !out.isEmpty { out += "-" }
                pendingHyphen = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        return out.isEmpty ? "publication" : out
    }
}

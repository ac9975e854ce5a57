import Foundation

/// Where each page of the site lives. Every link is relative (`root` climbs back to the site root) and
/// names `index.html` explicitly, so the site works from `file://` and from any sub-path.
public enum SitePaths {
    public static func chapterFile(slug: String, language: String) -> String { "\(language)/\(slug)/index.html" }
    public static func homeFile(language: String) -> String { "\(language)/index.html" }
    public static let chooserFile = "index.html"
    public static let statusFile = "status/index.html"
    /// The reviewers' comments, beside the dashboard (drafts only).
    public static let commentsFile = "status/comments/index.html"
    /// A chapter's changes since its latest review (drafts only).
    public static func changesFile(slug: String, language: String) -> String { "\(language)/\(slug)/changes/index.html" }
    public static func kpiIndexFile(language: String) -> String { "\(language)/kpis/index.html" }
    /// The lists of figures, tables and boxes of one language.
    public static func listsFile(language: String) -> String { "\(language)/lists/index.html" }
    /// The terminology (the glossary) in one language.
    public static func termsFile(language: String) -> String { "\(language)/terms/index.html" }
    /// The print edition of one language: `en/smart-cities-en.pdf`.
    public static func pdfFile(slug: String, language: String) -> String { "\(language)/\(slug)-\(language).pdf" }
    public static func searchFile(language: String) -> String { "\(language)/search/index.html" }
    /// The reference list of one language (when the bibliography is listed for the whole book).
    public static func referencesFile(language: String) -> String { "\(language)/references/index.html" }
    public static func references(language: String, root: String) -> String { root + referencesFile(language: language) }

    /// The acronyms and abbreviations of one language, and its imprint page.
    public static func acronymsFile(language: String) -> String { "\(language)/acronyms/index.html" }
    public static func imprintFile(language: String) -> String { "\(language)/imprint/index.html" }
    public static func acronyms(language: String, root: String) -> String { root + acronymsFile(language: language) }
    public static func imprint(language: String, root: String) -> String { root + imprintFile(language: language) }
    /// Served by web servers for an unknown address; with the sitemap and robots.txt at the root.
    public static let notFoundFile = "404.html"
    public static let sitemapFile = "sitemap.xml"
    public static let robotsFile = "robots.txt"

    public static func kpiIndex(language: String, root: String) -> String { root + kpiIndexFile(language: language) }
    public static func lists(language: String, root: String) -> String { root + listsFile(language: language) }
    public static func terms(language: String, root: String) -> String { root + termsFile(language: language) }

    public static func chapter(slug: String, language: String, root: String) -> String {
        root + chapterFile(slug: slug, language: language)
    }

    public static func home(language: String, root: String) -> String { root + homeFile(language: language) }

    public static func media(_ file: String, root: String) -> String {
        let encoded = file.split(separator: "/").map {
            $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? String($0)
        }.joined(separator: "/")
        return root + "media/" + encoded
    }

    /// The prefix back to the site root from a file at `path` (`en/governance/index.html` → `../../`).
    public static func root(for path: String) -> String {
        String(repeating: "../", count: path.split(separator: "/").count - 1)
    }
}

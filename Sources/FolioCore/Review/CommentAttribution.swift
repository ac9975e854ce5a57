import Foundation

/// Who wrote a reviewer's comment, and when: `{>>FLHD 2020-03-27: Please cite the report.<<}`.
///
/// The attribution is ordinary text at the start of the comment (an author, a space, an ISO date and a
/// colon), so the comment stays valid CriticMarkup and any other CriticMarkup tool shows it as written.
/// A comment written directly after another (`…<<}{>>Secretariat 2020-04-02: Done.<<}`, nothing between)
/// is a reply to it. A comment without the prefix (`{>>Cite a source.<<}`) has no author or date.
public struct CommentAttribution: Sendable, Hashable {
    public var author: String
    public var date: CalendarDate
    /// How many Unicode scalars of the comment's text the attribution takes, the space after the colon
    /// included: the comment's own words start there.
    public var length: Int
    /// The attribution as written (`FLHD 2020-03-27: `).
    public var written: String

    /// The longest author name taken as one: a longer "name" is a sentence that happens to hold a date.
    static let maximumAuthorLength = 120

    /// The attribution at the start of a comment's text, or nil when it has none.
    public static func parse<S: StringProtocol>(_ text: S) -> CommentAttribution? {
        let scalars = Array(text.unicodeScalars.prefix(maximumAuthorLength + 16))
        for colon in scalars.indices where scalars[colon] == ":" && colon >= 12 {
            // `NAME YYYY-MM-DD:` — the ten scalars before the colon are the date, a space before them.
            guard scalars[colon - 11] == " ",
                  let date = CalendarDate(iso: String(String.UnicodeScalarView(scalars[(colon - 10)..<colon]))) else { continue }
            let author = String(String.UnicodeScalarView(scalars[..<(colon - 11)])).trimmingCharacters(in: .whitespaces)
            guard !author.isEmpty, author.unicodeScalars.count <= maximumAuthorLength,
                  !author.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" }) else { return nil }
            var length = colon + 1
            while length < scalars.count, scalars[length] == " " { length += 1 }
            return CommentAttribution(author: author, date: date, length: length,
                                      written: String(String.UnicodeScalarView(scalars[..<length])))
        }
        return nil
    }
}

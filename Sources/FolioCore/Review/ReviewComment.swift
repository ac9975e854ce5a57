import Foundation

/// A reviewer's comment (`{>>…<<}`) as written in a chapter: its author and date when attributed
/// (see `CommentAttribution`), its words, and whether it answers the comment right before it.
public struct ReviewComment: Sendable, Hashable {
    public var author: String?
    public var date: CalendarDate?
    /// The comment's words, without the attribution.
    public var text: String
    /// Written directly after another comment: a reply to it.
    public var isReply: Bool

    public init(author: String? = nil, date: CalendarDate? = nil, text: String, isReply: Bool) {
        self.author = author
        self.date = date
        self.text = text
        self.isReply = isReply
    }

    /// A comment from its content as written (between `{>>` and `<<}`).
    public init(_ content: String, isReply: Bool) {
        if let attribution = CommentAttribution.parse(content) {
            let words = String(String.UnicodeScalarView(content.unicodeScalars.dropFirst(attribution.length)))
            self.init(author: attribution.author, date: attribution.date, text: words, isReply: isReply)
        } else {
            self.init(text: content.trimmingCharacters(in: .whitespaces), isReply: isReply)
        }
    }
}

import Foundation
import FolioCore

/// The reader of a comment's author and date (`{>>FLHD 2020-03-27: Cite the report.<<}`), on the
/// comment's text: an attribution it finds is written at the text's start, exactly as `written` says,
/// with an author of one line and at most `maximumAuthorLength` scalars, and the date written as folio
/// writes it (`YYYY-MM-DD`, so a list or an edition repeats what the reviewer wrote); written again from
/// its parts, it reads the same; the comment's words are what follows it. The comment index (which
/// reads the file's bytes) and the document model (which reads the encoded text) find the same author.
struct AttributionHarness: FuzzHarness {
    func violations(for input: Data) -> [String] {
        let text = String(decoding: input, as: UTF8.self)
        var found: [String] = []
        let scalars = Array(text.unicodeScalars)
        let comment = ReviewComment(text, isReply: false)
        guard let attribution = CommentAttribution.parse(text) else {
            if comment.author != nil || comment.date != nil { found.append("a comment without an attribution has an author or a date") }
            if comment.text != text.trimmingCharacters(in: .whitespaces) { found.append("a comment without an attribution lost words") }
            return found + agreement(text, expected: nil)
        }
        let written = Array(attribution.written.unicodeScalars)
        if written.count != attribution.length { found.append("the attribution is \(attribution.length) scalars long but \(written.count) are written") }
        if !scalars.starts(with: written) { found.append("the attribution \(attribution.written.debugDescription) is not the text's start") }
        let author = attribution.author
        if author.isEmpty { found.append("an attribution without an author") }
        if author.unicodeScalars.count > 120 { found.append("an author of \(author.unicodeScalars.count) scalars") }
        if author.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" }) { found.append("an author over two lines: \(author.debugDescription)") }
        if author != author.trimmingCharacters(in: .whitespaces) { found.append("an author with spaces around it: \(author.debugDescription)") }
        let dateAndColon = attribution.date.description + ":"
        if !attribution.written.trimmingCharacters(in: .whitespaces).hasSuffix(dateAndColon) {
            found.append("the date \(attribution.date) is not written as \(attribution.written.debugDescription) has it")
        }
        // Written again from its parts, before the same words.
        let words = String(String.UnicodeScalarView(scalars.dropFirst(attribution.length)))
        if let again = CommentAttribution.parse("\(author) \(attribution.date): " + words) {
            if again.author != author || again.date != attribution.date {
                found.append("written again, the attribution reads \(again.author.debugDescription), \(again.date)")
            }
        } else {
            found.append("written again from its parts, the attribution is not found")
        }
        if comment.author != author || comment.date != attribution.date || comment.text != words {
            found.append("the comment's author, date or words differ from its attribution")
        }
        return found + agreement(text, expected: attribution)
    }

    /// The comment in a paragraph: the index's comment (from the file's bytes) and the model's segment
    /// (from the encoded text) have the attribution read from the text alone. Only for text that stays
    /// one comment (no CriticMarkup, line breaks, escapes or code in it).
    private func agreement(_ text: String, expected: CommentAttribution?) -> [String] {
        let breaking: [String] = ["{", "}", "<<", ">>", "~", "\n", "\r", "`", "\\", "&", "\u{0}"]
        guard !breaking.contains(where: { text.contains($0) }),
              !text.unicodeScalars.contains(where: { (0xE100...0xE10A).contains($0.value) }) else { return [] }
        let (encoded, marks) = CriticMarkup.encode("Note.{>>" + text + "<<}")
        var found: [String] = []
        guard let mark = marks.first, marks.count == 1, let indexed = mark.comment else {
            return ["the comment is not one comment in the index (\(marks.count) marks)"]
        }
        if indexed.author != expected?.author || indexed.date != expected?.date {
            found.append("the comment index reads \(indexed.author.debugDescription), not \(expected?.author.debugDescription ?? "no author")")
        }
        let segments = InlineSyntax.segments(of: encoded, locate: { SourceLocation(file: "x.md", line: 1, column: $0 + 1) }) ?? []
        let modelled = segments.compactMap { segment -> CommentAttribution? in
            if case .attribution(let attribution) = segment { attribution } else { nil }
        }
        if modelled.first?.author != expected?.author || modelled.first?.date != expected?.date || modelled.count > 1 {
            found.append("the document model reads \(modelled.map(\.author)), not \(expected?.author.debugDescription ?? "no author")")
        }
        return found
    }
}

import Foundation
import FolioCore
import FolioMarkdown

/// The property "every word of a chapter's prose appears in its rendered page, or a diagnostic names
/// it": nothing a contributor wrote is silently dropped.
///
/// The prose is the text of the body parsed *without* footnotes, where a footnote definition is an
/// ordinary paragraph: a definition cmark-gfm drops from the real parse is still prose here, so a
/// dropped one breaks the property unless a diagnostic names it. Footnote markers (`[^label]`) are left
/// out (the page numbers notes), and so are code, raw HTML and link destinations (not prose).
public enum ProseWords {
    public struct Word: Sendable, Hashable, CustomStringConvertible {
        public var text: String
        /// The file's line of the word, and of the block (paragraph, heading, cell) it is in.
        public var line: Int
        public var blockLine: Int

        public var description: String { "'\(text)' (line \(line))" }
    }

    /// The words of the chapter file `text` (front matter included; its lines are counted).
    public static func words(ofChapter text: String) -> [Word] {
        guard case .success(let split) = FrontMatter.split(text) else { return [] }
        let document = MarkdownParser.parseWithoutFootnotes(split.body)
        var words: [Word] = []
        var blockLine = 0
        document.walk { index, node in
            switch node.kind {
            case .paragraph, .heading, .tableCell:
                blockLine = node.start.line + split.bodyLineOffset
            case .text:
                let line = node.start.line + split.bodyLineOffset
                for word in letterRuns(withoutFootnoteMarkers(document.text(of: index))) {
                    words.append(Word(text: word, line: line, blockLine: blockLine))
                }
            default:
                break
            }
            return true
        }
        return words
    }

    /// The words the page does not show (in its text or its attributes: alternative texts, titles) and
    /// no diagnostic of `file` names, by its line, its block's first line or in its message.
    public static func missing(_ words: [Word], page: String, file: String, diagnostics: [Diagnostic]) -> [Word] {
        let ours = diagnostics.filter { $0.location?.file == file }
        let lines = Set(ours.compactMap { $0.location?.line })
        let messages = ours.map(\.message).joined(separator: "\n")
        let text = withoutTags(page)
        let shown = Set(letterRuns(text))
        return words.filter { word in
            if shown.contains(word.text) || lines.contains(word.line) || lines.contains(word.blockLine) { return false }
            return !text.contains(word.text) && !page.contains(word.text) && !messages.contains(word.text)
        }
    }

    /// Runs of letters (a word split by markup, `wo**rd**`, gives two runs, each found in the page).
    static func letterRuns(_ text: String) -> [String] {
        text.split { !$0.isLetter }.map(String.init)
    }

    /// `text` without `[^label]` markers.
    static func withoutFootnoteMarkers(_ text: String) -> String {
        guard text.contains("[^") else { return text }
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "[^") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: "]") else {
                rest = rest[open.lowerBound...]
                break
            }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// The page's text: everything outside `<…>`.
    static func withoutTags(_ html: String) -> String {
        var out = String.UnicodeScalarView()
        var inTag = false
        for scalar in html.unicodeScalars {
            if scalar == "<" { inTag = true } else if scalar == ">" { inTag = false } else if !inTag { out.append(scalar) }
            if scalar == ">" || scalar == "<" { out.append(" ") }
        }
        return String(out)
    }
}

import FolioMarkdown

/// A section of a chapter: the text under one heading (or before the first heading), with a fingerprint
/// of its Markdown that ignores whitespace and line wrapping. Translations record the fingerprints of
/// the source sections they match, so folio can say exactly which sections changed since.
public struct SectionFingerprint: Sendable, Hashable {
    /// The heading's id (`cities-and-the-2030-agenda`), or `_intro` for text before the first heading.
    public var id: String
    public var heading: String
    public var hash: String
    public var words: Int
    /// The section's first line in the file.
    public var line: Int
    /// The section's Markdown, as written: kept only when asked for (`folio translations --diff`), so
    /// a build does not hold every chapter's text twice.
    public var text: String

    public static let introID = "_intro"

    /// Splits a chapter body at its top-level headings and fingerprints each part.
    /// `lineOffset` is the front matter's line count (body line 1 is file line `lineOffset + 1`).
    public static func sections(body: String, document: MarkdownDocument, lineOffset: Int,
                                keepText: Bool = false) -> [SectionFingerprint] {
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        var starts: [(line: Int, heading: String)] = []
        for block in document.blocks {
            if case .heading = block.kind, block.start.line >= 1 {
                starts.append((block.start.line, CriticMarkup.accepted(block.plainText)))
            }
        }
        var sections: [SectionFingerprint] = []
        var ids = HeadingIDs(reserved: [])
        var boundaries = starts
        if boundaries.first?.line != 1 { boundaries.insert((1, ""), at: 0) }
        for (index, start) in boundaries.enumerated() {
            let end = index + 1 < boundaries.count ? boundaries[index + 1].line - 1 : lines.count
            guard start.line <= end, start.line - 1 < lines.count else { continue }
            let text = lines[(start.line - 1)..<min(end, lines.count)].joined(separator: "\n")
            let isIntro = start.heading.isEmpty && index == 0 && starts.first?.line != 1
            if isIntro, normalized(text).isEmpty { continue }
            sections.append(SectionFingerprint(
                id: isIntro ? introID : ids.id(for: start.heading),
                heading: start.heading,
                hash: fingerprint(text),
                words: wordCount(text),
                line: start.line + lineOffset,
                text: keepText ? text : ""))
        }
        return sections
    }

    /// Whitespace runs (spaces, tabs, line breaks) count as one space, so reflowing a paragraph changes nothing.
    static func normalized(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// FNV-1a, 64 bits, over the normalized text, as 16 hex digits.
    static func fingerprint(_ text: String) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in normalized(text).utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Words to translate: whitespace-separated runs with a letter or digit (Markdown markers such as
    /// `##` or `-` do not count), and each CJK character as one word.
    static func wordCount(_ text: String) -> Int {
        var count = 0
        for token in text.split(whereSeparator: { $0.isWhitespace }) {
            let ideographs = token.unicodeScalars.filter { $0.properties.isIdeographic }.count
            if ideographs > 0 {
                count += ideographs
            } else if token.contains(where: { $0.isLetter || $0.isNumber }) {
                count += 1
            }
        }
        return count
    }
}

/// What `folio translations mark` recorded in a translation: the source sections it matches.
public struct TranslationRecord: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var id: String
        public var hash: String
    }

    public var sections: [Entry]
    public var location: SourceLocation
}

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
        // Line boundaries found over UTF-8 bytes; sections are slices of the body, never copies.
        var lineStarts: [String.Index] = [body.startIndex]
        var cursor = body.utf8.startIndex
        while let newline = body.utf8[cursor...].firstIndex(of: UInt8(ascii: "\n")) {
            cursor = body.utf8.index(after: newline)
            lineStarts.append(cursor)
        }
        let lineCount = lineStarts.count
        func lineEnd(_ line: Int) -> String.Index {
            line < lineStarts.count ? body.utf8.index(before: lineStarts[line]) : body.endIndex
        }
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
            let end = index + 1 < boundaries.count ? boundaries[index + 1].line - 1 : lineCount
            guard start.line <= end, start.line - 1 < lineCount else { continue }
            let text = body[lineStarts[start.line - 1]..<lineEnd(min(end, lineCount))]
            let isIntro = start.heading.isEmpty && index == 0 && starts.first?.line != 1
            if isIntro, !text.unicodeScalars.contains(where: { !isWhitespace($0) }) { continue }
            sections.append(SectionFingerprint(
                id: isIntro ? introID : ids.id(for: start.heading),
                heading: start.heading,
                hash: fingerprint(text),
                words: wordCount(text),
                line: start.line + lineOffset,
                text: keepText ? String(text) : ""))
        }
        return sections
    }

    /// Whitespace runs (spaces, tabs, line breaks) count as one space, so reflowing a paragraph changes nothing.
    static func normalized<S: StringProtocol>(_ text: S) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// FNV-1a, 64 bits, over the text with whitespace runs as one space (trimmed), as 16 hex digits.
    /// Scans Unicode scalars: the same value as hashing `normalized(text)`, without building it.
    static func fingerprint<S: StringProtocol>(_ text: S) -> String {
        var hash = FNV1a()
        var started = false
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if isWhitespace(scalar) {
                pendingSpace = started
                continue
            }
            if pendingSpace { hash.add(0x20) }
            pendingSpace = false
            started = true
            if let encoded = UTF8.encode(scalar) { hash.add(encoded) }
        }
        return hash.hex
    }

    /// Unicode's White_Space, with ASCII answered without any table.
    @inline(__always)
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return value == 0x20 || (0x09...0x0D).contains(value) }
        return ScalarClass.of(scalar) & ScalarClass.whitespace != 0
    }

    /// Words to translate: whitespace-separated runs with a letter or digit (Markdown markers such as
    /// `##` or `-` do not count), and each CJK character as one word.
    static func wordCount<S: StringProtocol>(_ text: S) -> Int {
        var count = 0
        var ideographs = 0
        var hasWordCharacter = false
        var inToken = false
        func endToken() {
            if ideographs > 0 { count += ideographs } else if hasWordCharacter { count += 1 }
            ideographs = 0
            hasWordCharacter = false
            inToken = false
        }
        for scalar in text.unicodeScalars {
            if isWhitespace(scalar) {
                if inToken { endToken() }
                continue
            }
            inToken = true
            let value = scalar.value
            if value < 0x80 {
                // ASCII (most of any text): letters and digits without the Unicode tables.
                if (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) {
                    hasWordCharacter = true
                }
                continue
            }
            let found = ScalarClass.of(scalar)
            if found & ScalarClass.ideographic != 0 {
                ideographs += 1
            } else if found & ScalarClass.wordCharacter != 0 {
                hasWordCharacter = true
            }
        }
        if inToken { endToken() }
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

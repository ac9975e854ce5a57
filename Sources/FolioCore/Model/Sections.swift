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
        let scanned: Void? = body.utf8.withContiguousStorageIfAvailable { bytes in
            for offset in bytes.indices where bytes[offset] == UInt8(ascii: "\n") {
                lineStarts.append(body.utf8.index(body.utf8.startIndex, offsetBy: offset + 1))
            }
        }
        if scanned == nil {  // a bridged string: the slower walk over its view
            for index in body.utf8.indices where body.utf8[index] == UInt8(ascii: "\n") {
                lineStarts.append(body.utf8.index(after: index))
            }
        }
        let lineCount = lineStarts.count
        func lineEnd(_ line: Int) -> String.Index {
            line < lineStarts.count ? body.utf8.index(before: lineStarts[line]) : body.endIndex
        }
        var starts: [(line: Int, heading: String)] = []
        for block in document.blocks where document[block].kind == .heading && document[block].start.line >= 1 {
            starts.append((document[block].start.line, HeadingIDs.text(ofHeading: block, in: document)))
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
            let measured = measure(text)
            sections.append(SectionFingerprint(
                id: isIntro ? introID : ids.id(for: start.heading),
                heading: start.heading,
                hash: measured.hash,
                words: measured.words,
                line: start.line + lineOffset,
                text: keepText ? String(text) : ""))
        }
        return sections
    }

    /// Whitespace runs (spaces, tabs, line breaks) count as one space, so reflowing a paragraph changes nothing.
    static func normalized<S: StringProtocol>(_ text: S) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// FNV-1a, 64 bits, over the text with whitespace runs as one space (trimmed), as 16 hex digits:
    /// the same value as hashing `normalized(text)`, without building it.
    static func fingerprint<S: StringProtocol>(_ text: S) -> String { measure(text).hash }

    /// Words to translate: whitespace-separated runs with a letter or digit (Markdown markers such as
    /// `##` or `-` do not count), and each CJK character as one word.
    static func wordCount<S: StringProtocol>(_ text: S) -> Int { measure(text).words }

    /// The fingerprint and the word count in one pass over the UTF-8 bytes, each character's class
    /// read from `ScalarClass` (every chapter of every language goes through here on every build).
    static func measure<S: StringProtocol>(_ text: S) -> (hash: String, words: Int) {
        var bytes = text.utf8.withContiguousStorageIfAvailable { Measure.run($0) }
        if bytes == nil { bytes = Array(text.utf8).withUnsafeBufferPointer { Measure.run($0) } }
        return bytes ?? (FNV1a().hex, 0)
    }

    private enum Measure {
        static func run(_ bytes: UnsafeBufferPointer<UInt8>) -> (hash: String, words: Int) {
            var hash = FNV1a()
            var started = false
            var pendingSpace = false
            var words = 0
            var ideographs = 0
            var hasWordCharacter = false
            var inToken = false
            var index = 0
            let classes = ScalarClass.Table.shared
            while index < bytes.count {
                let (value, length) = scalar(in: bytes, at: index)
                let found = classes.of(value)
                if found & ScalarClass.whitespace != 0 {
                    pendingSpace = started
                    if inToken {
                        if ideographs > 0 { words += ideographs } else if hasWordCharacter { words += 1 }
                        (ideographs, hasWordCharacter, inToken) = (0, false, false)
                    }
                    index += length
                    continue
                }
                if pendingSpace { hash.add(0x20) }
                pendingSpace = false
                started = true
                for offset in index..<(index + length) { hash.add(bytes[offset]) }
                inToken = true
                if found & ScalarClass.ideographic != 0 {
                    ideographs += 1
                } else if found & ScalarClass.wordCharacter != 0 {
                    hasWordCharacter = true
                }
                index += length
            }
            if inToken { if ideographs > 0 { words += ideographs } else if hasWordCharacter { words += 1 } }
            return (hash.hex, words)
        }

        /// The scalar value starting at `index` of valid UTF-8 (Swift strings are), and its length.
        @inline(__always)
        private static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
            let lead = UInt32(bytes[index])
            if lead < 0x80 { return (lead, 1) }
            func continuation(_ offset: Int) -> UInt32 { UInt32(bytes[index + offset] & 0x3F) }
            if lead < 0xE0 { return ((lead & 0x1F) << 6 | continuation(1), 2) }
            if lead < 0xF0 { return ((lead & 0x0F) << 12 | continuation(1) << 6 | continuation(2), 3) }
            return ((lead & 0x07) << 18 | continuation(1) << 12 | continuation(2) << 6 | continuation(3), 4)
        }
    }

    /// Unicode's White_Space (the section splitter asks it of the intro's text).
    @inline(__always)
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        ScalarClass.of(scalar) & ScalarClass.whitespace != 0
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

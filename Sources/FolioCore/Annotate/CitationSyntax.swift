/// Citations in pandoc's Markdown syntax, found inside text nodes (cmark-gfm leaves them as text):
/// `[@key]`, `[see @a, p. 14; @b]`, `[-@key]` (author suppressed), `@key` and `@key [p. 14]` in running
/// text. Keys start with a letter, a digit or `_` and may hold internal punctuation (`:.#$%&-+?<>~/`),
/// or are written in braces (`@{key}`). Labels of cross-references (`@fig-…`, `@tbl-…`, `@box-…`,
/// `@sec-…`) are never keys. Works over the `ScalarText` `InlineSyntax` already made, never over raw Markdown.
package enum CitationSyntax {
    /// Longer keys are not keys (the scanner stays linear on any input).
    package static let maximumKeyLength = 256
    /// A bracket longer than this is not a citation.
    static let maximumBracketLength = 4_096

    /// `[see @a, p. 14; @b]` opening at `open`: the citation and the index after its `]`.
    static func bracketed(_ scalars: ScalarText, from open: Int, locate: (Int) -> SourceLocation) -> (Citation, Int)? {
        var close = open + 1
        while close < scalars.count, scalars[close] != "]" {
            if scalars[close] == "[" || CriticMarkup.Delimiter(scalars[close]) != nil || close - open > maximumBracketLength { return nil }
            close += 1
        }
        guard close < scalars.count else { return nil }
        var items: [CitationItem] = []
        var partStart = open + 1
        var index = open + 1
        while index <= close {
            if index == close || scalars[index] == ";" {
                guard let item = item(scalars, in: partStart..<index, locate: locate) else { return nil }
                items.append(item)
                partStart = index + 1
            }
            index += 1
        }
        guard !items.isEmpty else { return nil }
        let written = scalars.string(open..<(close + 1))
        return (Citation(items: items, mode: .parenthetical, written: written, location: locate(scalars.offsets[open])), close + 1)
    }

    /// `@key` at `at` (whose `@` may start a key: see `InlineSyntax.startsReference`), with a locator
    /// in brackets right after it (`@key [p. 14]`): the citation and the index after it.
    static func narrative(_ scalars: ScalarText, at: Int, locate: (Int) -> SourceLocation) -> (Citation, Int)? {
        guard let (key, keyEnd) = key(scalars, after: at) else { return nil }
        var end = keyEnd
        var suffix = ""
        // `@key [p. 14]`: the bracket holds the locator, and no other citation.
        var open = keyEnd
        if open < scalars.count, scalars[open] == " " { open += 1 }
        if open < scalars.count, scalars[open] == "[" {
            var close = open + 1
            while close < scalars.count, close - open <= maximumBracketLength,
                  scalars[close] != "]", scalars[close] != "[", scalars[close] != "@", CriticMarkup.Delimiter(scalars[close]) == nil {
                close += 1
            }
            if close < scalars.count, scalars[close] == "]", close > open + 1 {
                suffix = scalars.string((open + 1)..<close)
                end = close + 1
            }
        }
        let item = CitationItem(key: key, suffix: suffix, location: locate(scalars.offsets[at]))
        let written = scalars.string(at..<end)
        return (Citation(items: [item], mode: .narrative, written: written, location: locate(scalars.offsets[at])), end)
    }

    /// One `;`-separated part of a bracket: `prefix @key suffix` or `prefix -@key suffix`.
    private static func item(_ scalars: ScalarText, in range: Range<Int>, locate: (Int) -> SourceLocation) -> CitationItem? {
        var at = range.lowerBound
        while at < range.upperBound {
            if scalars[at] == "@", at == range.lowerBound || isSpace(scalars[at - 1]) || scalars[at - 1] == "-" {
                break
            }
            at += 1
        }
        guard at < range.upperBound, let (key, keyEnd) = key(scalars, after: at), keyEnd <= range.upperBound else { return nil }
        var prefixEnd = at
        var suppress = false
        if at > range.lowerBound, scalars[at - 1] == "-" {
            // `-@key` suppresses the author; a hyphen glued to a word before it is not that.
            guard at - 1 == range.lowerBound || isSpace(scalars[at - 2]) else { return nil }
            suppress = true
            prefixEnd = at - 1
        }
        let prefix = trimmed(scalars.string(range.lowerBound..<prefixEnd))
        let suffix = scalars.string(keyEnd..<range.upperBound)
        return CitationItem(key: key, prefix: prefix, suffix: trimmed(suffix, leading: false), suppressAuthor: suppress,
                            location: locate(scalars.offsets[at]))
    }

    /// The key after the `@` at `at`, and the index after it; nil when none starts there or it names a
    /// cross-reference's label.
    static func key(_ scalars: ScalarText, after at: Int) -> (String, Int)? {
        var cursor = at + 1
        guard cursor < scalars.count else { return nil }
        if scalars[cursor] == "{" {
            // `@{key}`: anything but braces and line ends, as pandoc reads it.
            cursor += 1
            let start = cursor
            while cursor < scalars.count, cursor - start <= maximumKeyLength,
                  scalars[cursor] != "}", scalars[cursor] != "{", scalars[cursor] != "\n", scalars[cursor] != "\r" {
                cursor += 1
            }
            guard cursor < scalars.count, scalars[cursor] == "}", cursor > start else { return nil }
            let key = trimmed(scalars.string(start..<cursor))
            guard !key.isEmpty, !isCrossReference(key) else { return nil }
            return (key, cursor + 1)
        }
        guard isKeyStart(scalars[cursor]) else { return nil }
        let start = cursor
        cursor += 1
        while cursor < scalars.count, cursor - start <= maximumKeyLength {
            let scalar = scalars[cursor]
            if isKeyCharacter(scalar) {
                cursor += 1
            } else if isInternalPunctuation(scalar), cursor + 1 < scalars.count, isKeyCharacter(scalars[cursor + 1]) {
                cursor += 2
            } else {
                break
            }
        }
        guard cursor - start <= maximumKeyLength else { return nil }
        let key = scalars.string(start..<cursor)
        // `@fig-` with no name yet: an unfinished cross-reference, not the key `fig`.
        if cursor < scalars.count, scalars[cursor] == "-", InlineSyntax.prefixes.contains(key.lowercased()) { return nil }
        return isCrossReference(key) ? nil : (key, cursor)
    }

    /// `fig-x`, `Tbl-y`, …: a label of `InlineSyntax`, never a citation key (even when that syntax
    /// rejects it, so that a mistyped reference is not reported as an unknown citation).
    package static func isCrossReference(_ key: String) -> Bool {
        let lower = key.lowercased()
        return InlineSyntax.prefixes.contains { lower.hasPrefix($0 + "-") }
    }

    private static func isKeyStart(_ scalar: Unicode.Scalar) -> Bool {
        // ASCII, nearly every key, answered without looking up Unicode's properties.
        if scalar.isASCII { return InlineSyntax.isLabelCharacter(scalar) && scalar != "-" }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// A letter, a digit, `_`, or a combining mark (so that a key never ends inside a character:
    /// `@valencia-é…` written with e and U+0301 keeps its accent).
    private static func isKeyCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return isKeyStart(scalar) }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return scalar == "\u{200C}" || scalar == "\u{200D}" || (isKeyStart(scalar) && !isSpace(scalar))
        }
    }

    private static func isInternalPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case ":", ".", "#", "$", "%", "&", "-", "+", "?", "<", ">", "~", "/": true
        default: false
        }
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar.properties.isWhitespace
    }

    static func trimmed(_ text: String, leading: Bool = true) -> String {
        var scalars = Substring(text).unicodeScalars
        while leading, let first = scalars.first, isSpace(first) { scalars.removeFirst() }
        while let last = scalars.last, isSpace(last) { scalars.removeLast() }
        return String(scalars)
    }
}

import Foundation

/// Finds terms in text as a reader would: case-insensitively, with any run of spaces (no-break ones
/// included) as one space, typographic apostrophes as `'`, and only at word boundaries (a term is not
/// found inside a longer word: "ville" is not in "villes"). Inflection is not guessed: each form that
/// counts must be listed in the glossary.
enum TermMatcher {
    /// Text prepared once for many searches.
    struct Text {
        let scalars: [Unicode.Scalar]
        /// For each prepared scalar, its offset in the original text's scalars.
        let origins: [Int]

        init(_ text: String) {
            var scalars: [Unicode.Scalar] = []
            var origins: [Int] = []
            var lastWasSpace = true
            for (offset, scalar) in text.unicodeScalars.enumerated() {
                if scalar.properties.isWhitespace {
                    if !lastWasSpace { scalars.append(" "); origins.append(offset) }
                    lastWasSpace = true
                    continue
                }
                lastWasSpace = false
                let before = scalars.count
                TermMatcher.fold(scalar, into: &scalars)
                origins.append(contentsOf: repeatElement(offset, count: scalars.count - before))
            }
            self.scalars = scalars
            self.origins = origins
        }

        func contains(_ term: String) -> Bool { !ranges(of: term).isEmpty }

        /// Where `term` occurs, as ranges of prepared scalars.
        func ranges(of term: String) -> [Range<Int>] {
            let needle = Text(term).scalars
            guard !needle.isEmpty, needle.count <= scalars.count else { return [] }
            var found: [Range<Int>] = []
            var start = 0
            while start + needle.count <= scalars.count {
                if scalars[start] == needle[0], scalars[start..<(start + needle.count)].elementsEqual(needle),
                   TermMatcher.startsWord(scalars, at: start, first: needle[0]),
                   start + needle.count == scalars.count || !TermMatcher.continuesWord(scalars[start + needle.count], last: needle[needle.count - 1]) {
                    found.append(start..<(start + needle.count))
                    start += needle.count
                } else {
                    start += 1
                }
            }
            return found
        }
    }

    /// Lower case, ё as е, apostrophes and hyphens as ASCII.
    static func fold(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        switch scalar {
        case "\u{2019}", "\u{02BC}", "\u{2018}": return ["'"]
        case "\u{2010}", "\u{2011}": return ["-"]
        // Russian writes ё as е in most texts (the United Nations' included): the same letter to a reader.
        case "ё", "Ё": return ["е"]
        default: return Array(String(scalar).lowercased().unicodeScalars)
        }
    }

    /// `fold`, appended to `out` without a string or an array per scalar: the glossary check folds
    /// every scalar of every section (a differential test compares the two over all of Unicode).
    static func fold(_ scalar: Unicode.Scalar, into out: inout [Unicode.Scalar]) {
        switch scalar {
        case "\u{2019}", "\u{02BC}", "\u{2018}": out.append("'")
        case "\u{2010}", "\u{2011}": out.append("-")
        case "ё", "Ё": out.append("е")
        case "A"..."Z": out.append(Unicode.Scalar(UInt8(scalar.value) + 32))
        default:
            if scalar.isASCII || !scalar.properties.changesWhenLowercased {
                out.append(scalar)
            } else {
                out.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            }
        }
    }

    /// Whether a match at `start` begins a word: nothing of its word before it, apart from Arabic's
    /// one-letter proclitics (و، ف، ب، ل، ك: "and", "so", "with", "for", "like"), which join the word.
    /// Chinese and Japanese run words together: a term written in them matches anywhere.
    static func startsWord(_ scalars: [Unicode.Scalar], at start: Int, first: Unicode.Scalar) -> Bool {
        guard start > 0, isWordScalar(scalars[start - 1]), !isIdeograph(first), !isIdeograph(scalars[start - 1]) else { return true }
        guard isArabic(first) else { return false }
        var index = start
        var prefixes = 0
        while index > 0, arabicProclitics.contains(scalars[index - 1]), prefixes < 2 {
            index -= 1
            prefixes += 1
        }
        return prefixes > 0 && (index == 0 || !isWordScalar(scalars[index - 1]))
    }

    static func continuesWord(_ next: Unicode.Scalar, last: Unicode.Scalar) -> Bool {
        isWordScalar(next) && !isIdeograph(next) && !isIdeograph(last)
    }

    static let arabicProclitics: Set<Unicode.Scalar> = ["\u{0648}", "\u{0641}", "\u{0628}", "\u{0644}", "\u{0643}"]

    static func isIdeograph(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isIdeographic || (0x3040...0x30FF).contains(scalar.value)
    }

    static func isArabic(_ scalar: Unicode.Scalar) -> Bool {
        (0x0600...0x06FF).contains(scalar.value) || (0x0750...0x077F).contains(scalar.value)
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar.properties.generalCategory == .nonspacingMark
    }
}

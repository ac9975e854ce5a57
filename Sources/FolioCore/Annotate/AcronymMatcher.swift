/// Finds a language's acronyms in a run of text: whole words only ("ICT" in "ICT" and in the plural
/// "ICTs", never inside "DICTIONARY"), the longest entry first ("ITU-T" before "ITU"). What looks like
/// an acronym but is not in the list (two or more capitals, no lower-case letter, not a roman numeral)
/// is reported back, so that the checks can warn about it.
public struct AcronymMatcher: Sendable {
    public struct Match: Sendable {
        /// UTF-8 offsets of the acronym in the text (without a plural "s").
        public var start: Int
        public var end: Int
        public var acronym: Acronym
        /// Followed by a plural "s" ("SDGs"), which stays outside the match.
        public var plural: Bool
    }

    public struct Unknown: Sendable {
        public var start: Int
        public var word: String
    }

    /// Entries by their first scalar, longest first.
    private let byFirst: [Unicode.Scalar: [(scalars: [Unicode.Scalar], acronym: Acronym)]]

    public init(_ acronyms: [Acronym]) {
        var byFirst: [Unicode.Scalar: [(scalars: [Unicode.Scalar], acronym: Acronym)]] = [:]
        for acronym in acronyms {
            let scalars = Array(acronym.short.unicodeScalars)
            guard let first = scalars.first else { continue }
            byFirst[first, default: []].append((scalars, acronym))
        }
        self.byFirst = byFirst.mapValues { $0.sorted { $0.scalars.count > $1.scalars.count } }
    }

    /// Letters and digits, joined by `-`, `&`, `/`, `.` or a space (`THE PEP`), starting and ending with
    /// a letter or digit, with a capital.
    public static func isWellFormed(_ short: String) -> Bool {
        let scalars = Array(short.unicodeScalars)
        guard let first = scalars.first, isWordScalar(first), let last = scalars.last, isWordScalar(last) else { return false }
        return scalars.allSatisfy { isWordScalar($0) || "-&/. ".unicodeScalars.contains($0) }
            && scalars.contains { $0.properties.isUppercase }
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal
    }

    /// The acronyms of the list in `text`, and the words that look like acronyms but are not in it.
    public func scan(_ text: String) -> (matches: [Match], unknown: [Unknown]) {
        let scalars = Array(text.unicodeScalars)
        let offsets = ScalarText.utf8Offsets(of: scalars)
        var matches: [Match] = []
        var unknown: [Unknown] = []
        var position = 0
        while position < scalars.count {
            let scalar = scalars[position]
            guard Self.isWordScalar(scalar), position == 0 || !Self.isWordScalar(scalars[position - 1]) else {
                position += 1
                continue
            }
            if let found = longestEntry(at: position, in: scalars) {
                let end = position + found.length
                matches.append(Match(start: offsets[position], end: offsets[end], acronym: found.acronym,
                                     plural: end < scalars.count && scalars[end] == "s"))
                position += found.length
                continue
            }
            var end = position
            while end < scalars.count, Self.isWordScalar(scalars[end]) { end += 1 }
            let word = scalars[position..<end]
            // `[!BOX]`, `[!NOTE]`: the marker of a box (GitHub's alert syntax), not an acronym.
            let isAlertMarker = position >= 2 && scalars[position - 1] == "!" && scalars[position - 2] == "["
            if !isAlertMarker, Self.looksLikeAcronym(word) {
                unknown.append(Unknown(start: offsets[position], word: String(String.UnicodeScalarView(word))))
            }
            position = end
        }
        return (matches, unknown)
    }

    private func longestEntry(at position: Int, in scalars: [Unicode.Scalar]) -> (length: Int, acronym: Acronym)? {
        for candidate in byFirst[scalars[position]] ?? [] {
            let end = position + candidate.scalars.count
            guard end <= scalars.count, Array(scalars[position..<end]) == candidate.scalars else { continue }
            // A whole word, or its plural ("ICTs", "SDGs").
            var after = end
            if after < scalars.count, scalars[after] == "s" { after += 1 }
            if after == scalars.count || !Self.isWordScalar(scalars[after]) { return (candidate.scalars.count, candidate.acronym) }
            if end == scalars.count || !Self.isWordScalar(scalars[end]) { return (candidate.scalars.count, candidate.acronym) }
        }
        return nil
    }

    /// Two or more capitals and no lower-case letter; roman numerals (II, XIV) are numbers, not acronyms.
    private static func looksLikeAcronym(_ word: ArraySlice<Unicode.Scalar>) -> Bool {
        let capitals = word.filter { $0.properties.isUppercase }.count
        guard capitals >= 2, !word.contains(where: { $0.properties.isLowercase }) else { return false }
        return !word.allSatisfy { "IVXLCDM".unicodeScalars.contains($0) }
    }
}

/// The Unicode properties that word counts, section fingerprints and heading ids ask of every
/// character of every chapter: White_Space, Ideographic, Alphabetic-or-numeric, marks and Uppercase.
/// The standard library answers them from its property tables one call at a time, which was a fifth of
/// a build of Cyrillic, Arabic and Chinese text; this answers the Basic Multilingual Plane from one table
/// made on first use (64 KB, a few ms).
enum ScalarClass {
    static let whitespace: UInt8 = 1
    static let ideographic: UInt8 = 2
    /// Alphabetic, or with a numeric value.
    static let wordCharacter: UInt8 = 4
    /// A combining mark, spacing or not (kept in heading ids, with the letter it belongs to).
    static let mark: UInt8 = 8
    static let uppercase: UInt8 = 16

    /// Made once and never freed: a hot loop takes it once (`Table.shared`) instead of going through a
    /// global's lazy initialization and a retained array on every character.
    struct Table: @unchecked Sendable {
        private let basicPlane: UnsafeBufferPointer<UInt8>

        static let shared: Table = {
            let storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 0x10000)
            for value in 0..<0x10000 { storage[value] = classify(UInt32(value)) }
            return Table(basicPlane: UnsafeBufferPointer(storage))
        }()

        @inline(__always)
        func of(_ value: UInt32) -> UInt8 {
            value < 0x10000 ? basicPlane[Int(value)] : classify(value)
        }
    }

    @inline(__always)
    static func of(_ scalar: Unicode.Scalar) -> UInt8 { Table.shared.of(scalar.value) }

    /// One category lookup settles most of a character: Unicode defines Alphabetic as the letters (L*),
    /// Nl and Other_Alphabetic, and Uppercase as Lu and Other_Uppercase; White_Space characters are all
    /// Cc, Zs, Zl or Zp, Ideographic ones Lo or Nl. The other properties are asked only where they can
    /// hold: asking all five of each of the 65,536 characters was a tenth of a small build.
    /// `classifyAskingEverything` is the reference a test compares the whole plane with.
    static func classify(_ value: UInt32) -> UInt8 {
        guard let scalar = Unicode.Scalar(value) else { return 0 }  // a surrogate: not a character
        let properties = scalar.properties
        let category = properties.generalCategory
        switch category {
        case .unassigned, .privateUse: return 0
        case .uppercaseLetter: return wordCharacter | uppercase
        case .lowercaseLetter, .titlecaseLetter, .modifierLetter: return wordCharacter
        case .otherLetter: return wordCharacter | (properties.isIdeographic ? ideographic : 0)
        default: break
        }
        var found: UInt8 = 0
        switch category {
        case .control, .spaceSeparator, .lineSeparator, .paragraphSeparator:
            if properties.isWhitespace { found |= whitespace }
        case .letterNumber:
            if properties.isIdeographic { found |= ideographic }
        case .nonspacingMark, .spacingMark:
            found |= mark
        default:
            break
        }
        if properties.isAlphabetic || properties.numericType != nil { found |= wordCharacter }
        if properties.isUppercase { found |= uppercase }
        return found
    }

    static func classifyAskingEverything(_ value: UInt32) -> UInt8 {
        guard let scalar = Unicode.Scalar(value) else { return 0 }
        let properties = scalar.properties
        var found: UInt8 = 0
        if properties.isWhitespace { found |= whitespace }
        if properties.isIdeographic { found |= ideographic }
        if properties.isAlphabetic || properties.numericType != nil { found |= wordCharacter }
        if properties.generalCategory == .nonspacingMark || properties.generalCategory == .spacingMark { found |= mark }
        if properties.isUppercase { found |= uppercase }
        return found
    }
}

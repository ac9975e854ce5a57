/// The Unicode properties that word counts, section fingerprints and heading ids ask of every character
/// of every chapter: White_Space, Ideographic, Alphabetic-or-numeric, marks and Uppercase. The standard library answers them from
/// its property tables one call at a time, which was a fifth of a build of Cyrillic, Arabic and Chinese
/// text; this answers the Basic Multilingual Plane from one table made on first use (64 KB, a few ms).
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

    private static func classify(_ value: UInt32) -> UInt8 {
        guard let scalar = Unicode.Scalar(value) else { return 0 }  // a surrogate: not a character
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

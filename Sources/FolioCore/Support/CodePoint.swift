extension Unicode.Scalar {
    /// The scalar as Unicode writes it in prose: `U+00A0`, `U+1F600`.
    var codePoint: String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}

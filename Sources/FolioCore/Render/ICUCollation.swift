import CFolioICU

/// Sorting and numbering by ICU (CLDR), never by tables of our own: lists sorted in each language's
/// alphabetical order (Cyrillic and Arabic by their own alphabets), and roman numerals for annexes.
public enum ICUCollation {
    /// `texts` in the alphabetical order of `language` (its ICU locale); as given if ICU has no collator.
    public static func sorted<T>(_ items: [T], language: String, by key: (T) -> String) -> [T] {
        var status: Int32 = 0
        guard let collator = folio_collator_open(PluralRules.locale(of: language), &status), status <= 0 else { return items }
        defer { folio_collator_close(collator) }
        return items.sorted { first, second in
            let a = key(first), b = key(second)
            var status: Int32 = 0
            let order = a.withCString { pa in b.withCString { pb in
                folio_collate(collator, pa, Int32(a.utf8.count), pb, Int32(b.utf8.count), &status)
            } }
            return order == 0 ? a.utf8.lexicographicallyPrecedes(b.utf8) : order < 0
        }
    }

    /// `value` in roman numerals ("IV"), as annexes are numbered; the digits if ICU cannot.
    public static func roman(_ value: Int) -> String {
        var buffer = [UInt16](repeating: 0, count: 32)
        var status: Int32 = 0
        let length = folio_format_roman(Int32(clamping: value), &buffer, Int32(buffer.count), &status)
        guard status <= 0, length > 0 else { return String(value) }
        return String(decoding: buffer.prefix(Int(length)), as: UTF16.self)
    }
}

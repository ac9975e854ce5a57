/// One entry of a language's list of acronyms and abbreviations (`Content/<lang>/acronyms.yml`).
public struct Acronym: Sendable, Hashable {
    /// As written in the text: `UNECE`, `ИКТ`.
    public var short: String
    /// Written out: "United Nations Economic Commission for Europe".
    public var expansion: String
    public var location: SourceLocation
}

/// A language's list of acronyms, in the order of its file.
public struct AcronymList: Sendable {
    public var language: String
    public var path: String
    public var entries: [Acronym]

    /// The entries in the language's alphabetical order (ICU's collation for the language: Cyrillic
    /// and Arabic by their own alphabets), as the list is printed and shown.
    public var sorted: [Acronym] { ICUCollation.sorted(entries, language: language, by: \.short) }
}

/// An acronym where the text uses it: the renderers show it as `<abbr title="…">` on the web, and
/// write it out ("information and communication technology (ICT)") where `expanded`.
public struct AcronymUse: Sendable, Hashable {
    public var short: String
    public var expansion: String
    /// The part's first use, written out because publication.yml asks for it (`expand-acronyms: first-use`).
    public var expanded: Bool
}

/// The publication's terminology (`Content/terms.yml`): each source term, with the forms it takes in the
/// source, and per language its approved form, the inflected forms accepted beside it, the variants that
/// are forbidden, and a note. `folio check` holds translations to it; the export puts the terms a unit
/// contains in its notes; the site lists it per language.
public struct Glossary: Sendable {
    public struct Translation: Sendable, Hashable {
        public var approved: String
        /// Other forms that count as the approved term (plural, cases: Russian and Arabic inflect).
        public var accepted: [String]
        public var forbidden: [String]
        public var note: String?

        /// The approved form and the accepted ones.
        public var allowed: [String] { [approved] + accepted }
    }

    public struct Entry: Sendable, Hashable {
        public var term: String
        /// Forms of the term in the source text that also count (plural: "smart sustainable cities").
        public var forms: [String]
        public var note: String?
        public var translations: [String: Translation]
        public var line: Int

        /// The term and its other source forms.
        public var sourceForms: [String] { [term] + forms }
    }

    public static let path = "Content/terms.yml"

    public var entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// "smart sustainable city → ville intelligente et durable (note)": the export's note for a unit.
    func notes(for text: String, language: String) -> [String] {
        let haystack = TermMatcher.Text(text)
        return entries.compactMap { entry in
            guard let translation = entry.translations[language],
                  entry.sourceForms.contains(where: { haystack.contains($0) }) else { return nil }
            var note = "\(entry.term) → \(translation.approved)"
            if !translation.accepted.isEmpty { note += " (also: \(translation.accepted.joined(separator: ", ")))" }
            if !translation.forbidden.isEmpty { note += "; not: \(translation.forbidden.joined(separator: ", "))" }
            if let comment = translation.note ?? entry.note { note += ". \(comment)" }
            return note
        }
    }
}

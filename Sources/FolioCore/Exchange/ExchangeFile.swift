/// What a translation exchange file carries, whatever its format (XLIFF 1.2 or PO): per source chapter,
/// its units with their context, glossary notes, the current translation and, for a stale unit, the
/// source text it translated.
struct ExchangeExport: Sendable {
    struct Entry: Sendable {
        var unit: TranslationUnit
        /// The translation as it is now (from the existing chapter), if there is one.
        var target: UnitText?
        /// Whether the current translation translates an older source (the unit changed since it was marked).
        var stale = false
        /// For a stale unit, when git has it: the source the current translation translated.
        var previousSource: UnitText?
        /// Glossary terms found in the unit: "source term → approved form (note)".
        var terms: [String]
    }

    struct Chapter: Sendable {
        /// `en/01-introduction.md`, as the file names it (relative to Content/).
        var original: String
        var number: Int
        var title: String
        var entries: [Entry]
    }

    var sourceLanguage: String
    var targetLanguage: String
    var publication: String
    var chapters: [Chapter]

    /// The unit's context for the translator: chapter, section, what it is and where.
    static func context(of entry: Entry, in chapter: Chapter) -> String {
        let unit = entry.unit
        let section = unit.sectionID == "_meta" ? "front matter"
            : unit.sectionHeading.isEmpty ? "opening text" : "section “\(unit.sectionHeading)”"
        return "Chapter \(chapter.number) “\(chapter.title)”, \(section), \(unit.role) (\(chapter.original) line \(unit.line))"
    }

    /// What each placeholder stands for, in PO's tag notation: `<1>…</1> = *…* (emphasis)`.
    static func legend(of unit: TranslationUnit) -> String? {
        guard !unit.placeholders.isEmpty else { return nil }
        return unit.placeholders.map { placeholder in
            let opening = CriticMarkup.decode(placeholder.opening)
            if let closing = placeholder.closing {
                return "<\(placeholder.id)>…</\(placeholder.id)> = \(opening)…\(CriticMarkup.decode(closing)) (\(placeholder.kind.rawValue))"
            }
            return "<\(placeholder.id)/> = \(opening.replacingOccurrences(of: "\n", with: "⏎")) (\(placeholder.kind.rawValue))"
        }.joined(separator: "; ")
    }
}

/// One unit as an exchange file gives it back: where it is in that file, its id and chapter, the
/// source it was exported with, and the translator's text.
struct ImportedUnit: Sendable {
    /// The source chapter, as the file names it (`en/01-introduction.md`).
    var chapter: String
    var id: String
    var source: UnitText?
    /// Nil when the unit is not translated (no target, an empty one, or a state saying so).
    var target: UnitText?
    var location: SourceLocation
}

struct ImportedFile: Sendable {
    var sourceLanguage: String?
    var targetLanguage: String?
    var units: [ImportedUnit]
}

/// A placeholder in a translator's text that is not the source's: a tag id that is not a number, or
/// an unbalanced tag. Kept apart from the pieces so the import can name it.
struct TagProblem: Error, Sendable {
    var message: String
}

/// Whether a translation still matches its source chapter, and if not, what changed: computed from the
/// section fingerprints `folio translations mark` recorded, never from file dates.
public enum TranslationState: Sendable, Hashable {
    /// The source chapter itself.
    case source
    case current
    /// The source changed since the translation was marked: these sections, this many words.
    case stale(changes: [SectionChange], words: Int)
    /// No translation yet: the whole chapter is to translate.
    case missing(words: Int)
    /// A translation folio has no record for: run `folio translations mark`.
    case unmarked

    public var name: String {
        switch self {
        case .source: "source"
        case .current: "current"
        case .stale: "stale"
        case .missing: "missing"
        case .unmarked: "unmarked"
        }
    }

    /// Words to translate or revise.
    public var words: Int {
        switch self {
        case .stale(_, let words), .missing(let words): words
        default: 0
        }
    }

    public static func of(translation: Chapter?, source: Chapter) -> TranslationState {
        guard let translation else { return .missing(words: source.sections.reduce(0) { $0 + $1.words }) }
        if translation.language == source.language { return .source }
        guard let record = translation.translationRecord else { return .unmarked }
        let changes = SectionChange.between(recorded: record, current: source.sections)
        return changes.isEmpty ? .current : .stale(changes: changes, words: changes.reduce(0) { $0 + $1.words })
    }
}

/// A source section that changed since a translation was marked.
public struct SectionChange: Sendable, Hashable {
    public enum Kind: String, Sendable {
        case changed, added, removed
    }

    public var kind: Kind
    public var id: String
    /// The heading as it is now (or the id, for a removed section).
    public var heading: String
    /// Words of the section as it is now (0 for a removed one).
    public var words: Int
    /// The section's line in the source chapter (its last known place for a removed one: the chapter start).
    public var line: Int

    static func between(recorded: TranslationRecord, current: [SectionFingerprint]) -> [SectionChange] {
        let recordedByID = Dictionary(recorded.sections.map { ($0.id, $0.hash) }, uniquingKeysWith: { first, _ in first })
        var changes: [SectionChange] = []
        for section in current {
            switch recordedByID[section.id] {
            case section.hash?: continue
            case nil:
                changes.append(SectionChange(kind: .added, id: section.id, heading: section.heading, words: section.words, line: section.line))
            default:
                changes.append(SectionChange(kind: .changed, id: section.id, heading: section.heading, words: section.words, line: section.line))
            }
        }
        let currentIDs = Set(current.map(\.id))
        for entry in recorded.sections where !currentIDs.contains(entry.id) {
            changes.append(SectionChange(kind: .removed, id: entry.id, heading: entry.id, words: 0, line: 1))
        }
        return changes
    }

    /// "“Cities and the 2030 Agenda” changed" — for notices and reports.
    public var summary: String {
        let name = heading.isEmpty ? "the introduction" : "“\(heading)”"
        return "\(name) \(kind.rawValue)"
    }
}

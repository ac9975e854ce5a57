/// What an existing translation holds for each unit of the current source: its text (carried over to
/// the source unit's placeholders), and whether that text is stale (its source changed since the
/// translation was marked; with git, the source it translated).
///
/// A translation follows the source version it was marked against. With that version (from git), its
/// units are paired with that version's, and that version's with the current source's section by
/// section, unchanged texts first (a paragraph inserted before does not shift the rest). Without it,
/// units are paired by id, and every unit of a changed section counts as stale.
struct ExistingTranslation {
    var texts: [String: UnitText] = [:]
    var stale: Set<String> = []
    var previous: [String: UnitText] = [:]
    /// False when the translation's sections do not line up with its source's: nothing could be paired.
    var aligned = true

    init() {}

    init(source: ExchangeChapter, translation: ExchangeChapter, record: TranslationRecord?, marked: ExchangeChapter?) {
        let recorded = Set((record?.sections ?? []).map { "\($0.id) \($0.hash)" })
        let changedSections = Set(source.sections.filter { !recorded.contains("\($0.id) \($0.hash)") }.map(\.id))
        let follows = marked ?? source
        guard let theirs = translation.units(renamedTo: follows) else {
            aligned = false
            return
        }
        let followed = follows.unitsByID
        func take(_ unit: TranslationUnit, from id: String) -> UnitText? {
            guard let translated = theirs[id] else { return nil }
            // A unit of the front matter or a figure caption has no placeholders: carried over as it is.
            return carryOver(translated, to: unit)
        }
        guard let marked, record != nil else {
            for unit in source.units {
                guard let text = take(unit, from: unit.id) else { continue }
                texts[unit.id] = text
                if record == nil || changedSections.contains(unit.sectionID) { stale.insert(unit.id) }
            }
            return
        }
        // Pair the marked version's units with the current ones, section by section.
        for section in Set(source.units.map(\.sectionID)) {
            let now = source.units.filter { $0.sectionID == section }
            let before = marked.units.filter { $0.sectionID == section }
            if !changedSections.contains(section) || section == "_meta" {
                for unit in now {
                    if let old = followed[unit.id], old.text == unit.text, let text = take(unit, from: unit.id) {
                        texts[unit.id] = text
                    } else if let old = followed[unit.id], let text = take(unit, from: unit.id) {
                        texts[unit.id] = text
                        stale.insert(unit.id)
                        previous[unit.id] = old.text
                    }
                }
                continue
            }
            for (old, new) in Self.pairs(before, now) {
                guard let new else { continue }
                guard let old, let text = take(new, from: old.id) else { continue }
                texts[new.id] = text
                if old.text != new.text {
                    stale.insert(new.id)
                    previous[new.id] = old.text
                }
            }
        }
    }

    /// The units of two versions of a section paired: equal texts in order, and between them the
    /// changed ones by position (nil: added or removed).
    static func pairs(_ before: [TranslationUnit], _ after: [TranslationUnit]) -> [(TranslationUnit?, TranslationUnit?)] {
        let difference = after.map(\.text).difference(from: before.map(\.text))
        var removed = Set<Int>(), inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var result: [(TranslationUnit?, TranslationUnit?)] = []
        var i = 0, j = 0
        while i < before.count || j < after.count {
            var gone: [TranslationUnit] = [], added: [TranslationUnit] = []
            while i < before.count, removed.contains(i) { gone.append(before[i]); i += 1 }
            while j < after.count, inserted.contains(j) { added.append(after[j]); j += 1 }
            for k in 0..<max(gone.count, added.count) {
                result.append((k < gone.count ? gone[k] : nil, k < added.count ? added[k] : nil))
            }
            if gone.isEmpty, added.isEmpty {
                guard i < before.count, j < after.count else { break }
                result.append((before[i], after[j]))
                i += 1
                j += 1
            }
        }
        return result
    }
}

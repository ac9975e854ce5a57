/// The redline of a chapter between two versions: blocks aligned first (equal blocks matched in order,
/// then, between two matches, removed and added blocks of the same kind paired when their words are
/// alike), words compared within each changed block. A section whose heading left one place and came
/// back unchanged at another is moved; a heading changed in place is a section renamed. KPI blocks
/// are compared figure by figure (city and year); the front matter by title, stage and summary.
public struct ChapterDiff: Sendable {
    public enum Change: Sendable {
        case same(DiffBlock)
        case added(DiffBlock)
        case removed(DiffBlock)
        /// The same block, edited: its words compared.
        case changed(old: DiffBlock, new: DiffBlock, pieces: [RedlinePiece])
        /// Unchanged, but moved here from `from` (its line in the old version).
        case moved(DiffBlock, from: DiffBlock)

        public var isChange: Bool {
            if case .same = self { return false }
            return true
        }
    }

    /// A front-matter field that changed.
    public struct FieldChange: Sendable, Hashable {
        public var field: String
        public var old: String?
        public var new: String?
    }

    /// A KPI figure that changed, was added or removed.
    public struct KPIChange: Sendable, Hashable {
        public var code: String
        public var city: String
        public var year: Int
        public var old: String?
        public var new: String?
        /// The block's line in the new version (the old one's when it was removed).
        public var line: Int
    }

    public let changes: [Change]
    public let fields: [FieldChange]
    public let kpis: [KPIChange]

    /// Words inserted and deleted, over every change.
    public var insertedWords: Int {
        changes.reduce(0) { total, change in
            switch change {
            case .added(let block): total + block.tokens.wordCount
            case .changed(_, _, let pieces): total + pieces.reduce(0) { if case .added(_, let words, _) = $1 { $0 + words } else { $0 } }
            default: total
            }
        }
    }

    public var deletedWords: Int {
        changes.reduce(0) { total, change in
            switch change {
            case .removed(let block): total + block.tokens.wordCount
            case .changed(_, _, let pieces): total + pieces.reduce(0) { if case .removed(_, let words, _) = $1 { $0 + words } else { $0 } }
            default: total
            }
        }
    }

    /// The blocks that changed in any way.
    public var changedBlocks: Int { changes.count { $0.isChange } }

    public var isEmpty: Bool { changedBlocks == 0 && fields.isEmpty && kpis.isEmpty }

    public init(old: ChapterVersion, new: ChapterVersion) {
        var fields: [FieldChange] = []
        for (name, before, after) in [("title", old.title, new.title), ("stage", old.stage, new.stage),
                                      ("summary", old.summary, new.summary)] where before != after {
            fields.append(FieldChange(field: name, old: before, new: after))
        }
        self.fields = fields
        let changes = Self.align(old.blocks, new.blocks)
        self.changes = changes
        kpis = Self.kpiChanges(changes)
    }

    // MARK: - Aligning blocks

    private enum Step {
        case equal(Int, Int)
        case removed(Int)
        case inserted(Int)
    }

    static func align(_ old: [DiffBlock], _ new: [DiffBlock]) -> [Change] {
        let steps = matchEqual(old.map(\.key), new.map(\.key))
        // Between two equal blocks: the gap's removed and inserted blocks, paired where alike.
        var gaps: [(removed: [Int], inserted: [Int])] = []
        var order: [Either] = []
        var current: (removed: [Int], inserted: [Int]) = ([], [])
        func closeGap() {
            if !current.removed.isEmpty || !current.inserted.isEmpty {
                order.append(.gap(gaps.count))
                gaps.append(current)
                current = ([], [])
            }
        }
        for step in steps {
            switch step {
            case .equal(_, let n):
                closeGap()
                order.append(.same(n))
            case .removed(let o): current.removed.append(o)
            case .inserted(let n): current.inserted.append(n)
            }
        }
        closeGap()
        // Moves: a block removed in one place and inserted unchanged in another.
        var movedFrom: [Int: Int] = [:]  // new index → old index
        var movedAway = Set<Int>()
        var insertedByKey: [String: [Int]] = [:]
        for gap in gaps { for n in gap.inserted { insertedByKey[new[n].key, default: []].append(n) } }
        for gap in gaps {
            for o in gap.removed {
                guard var candidates = insertedByKey[old[o].key], !candidates.isEmpty else { continue }
                let n = candidates.removeFirst()
                insertedByKey[old[o].key] = candidates
                // Not a move when the same block left and came back in the same gap (a reordering within it).
                movedFrom[n] = o
                movedAway.insert(o)
            }
        }
        var changes: [Change] = []
        for item in order {
            switch item {
            case .same(let n): changes.append(.same(new[n]))
            case .gap(let index):
                let gap = gaps[index]
                let removed = gap.removed.filter { !movedAway.contains($0) }
                let inserted = gap.inserted
                var pairs: [Int: Int] = [:]  // inserted → removed
                var next = 0
                for o in removed {
                    var position = next
                    while position < inserted.count {
                        let n = inserted[position]
                        if movedFrom[n] == nil, alike(old[o], new[n]) {
                            pairs[n] = o
                            next = position + 1
                            break
                        }
                        position += 1
                    }
                }
                let paired = Set(pairs.values)
                // Removed blocks first where they stood (before what replaced them), then the new ones.
                var removedQueue = removed
                for n in inserted {
                    if let o = pairs[n] {
                        while let first = removedQueue.first, first != o {
                            removedQueue.removeFirst()
                            if !paired.contains(first) { changes.append(.removed(old[first])) }
                        }
                        if !removedQueue.isEmpty { removedQueue.removeFirst() }
                        changes.append(.changed(old: old[o], new: new[n], pieces: RedlineTokens.diff(old[o].tokens, new[n].tokens)))
                    } else if let o = movedFrom[n] {
                        changes.append(.moved(new[n], from: old[o]))
                    } else {
                        changes.append(.added(new[n]))
                    }
                }
                for o in removedQueue where !paired.contains(o) { changes.append(.removed(old[o])) }
            }
        }
        return pairAcrossGaps(changes)
    }

    /// A section that moved and changed: its heading removed in one gap and added in another (renamed
    /// when its words differ), its blocks too. Headings of the same level and alike words are paired
    /// first, then the blocks of sections that correspond (same heading, or paired headings). Each pair
    /// is shown as changed where it now stands.
    private static func pairAcrossGaps(_ changes: [Change]) -> [Change] {
        var result = changes
        var dropped = Set<Int>()
        var sections: [String: String] = [:]  // an old section's heading → its heading now
        for headings in [true, false] {
            for (index, change) in changes.enumerated() {
                guard case .removed(let old) = change, (old.kind == .heading) == headings else { continue }
                for (candidate, other) in result.enumerated() where !dropped.contains(candidate) {
                    guard case .added(let new) = other, new.kind == old.kind else { continue }
                    if headings {
                        guard new.level == old.level, wordsAlike(old, new) else { continue }
                        sections[old.text] = new.text
                    } else {
                        guard !old.section.isEmpty, new.section == (sections[old.section] ?? old.section), alike(old, new) else { continue }
                    }
                    result[candidate] = .changed(old: old, new: new, pieces: RedlineTokens.diff(old.tokens, new.tokens))
                    dropped.insert(index)
                    break
                }
            }
        }
        return result.enumerated().filter { !dropped.contains($0.offset) }.map(\.element)
    }

    private enum Either {
        case same(Int)
        case gap(Int)
    }

    /// The longest run of equal blocks in order (the standard library's Myers difference), as steps.
    private static func matchEqual(_ old: [String], _ new: [String]) -> [Step] {
        var removals = Set<Int>()
        var insertions = Set<Int>()
        for change in new.difference(from: old) {
            switch change {
            case .remove(let offset, _, _): removals.insert(offset)
            case .insert(let offset, _, _): insertions.insert(offset)
            }
        }
        var steps: [Step] = []
        var o = 0
        var n = 0
        while o < old.count || n < new.count {
            if o < old.count, removals.contains(o) {
                steps.append(.removed(o))
                o += 1
            } else if n < new.count, insertions.contains(n) {
                steps.append(.inserted(n))
                n += 1
            } else if o < old.count, n < new.count {
                steps.append(.equal(o, n))
                o += 1
                n += 1
            } else {
                break
            }
        }
        return steps
    }

    /// Two blocks of a gap are one block edited when they are of the same kind and share enough words
    /// (a heading of the same level is the same section renamed; a kpi block of the same indicator).
    static func alike(_ old: DiffBlock, _ new: DiffBlock) -> Bool {
        guard old.kind == new.kind else { return false }
        switch old.kind {
        case .heading: return old.level == new.level
        case .kpi: return old.kpiCode != nil && old.kpiCode == new.kpiCode
        default: return wordsAlike(old, new)
        }
    }

    /// At least 40 % of the two blocks' words are shared (Dice's coefficient over words).
    static func wordsAlike(_ old: DiffBlock, _ new: DiffBlock) -> Bool {
        do {
            // Words only: punctuation is shared by nearly every two paragraphs.
            func isWord(_ token: String) -> Bool { token.contains { $0.isLetter || $0.isNumber } }
            var counts: [String: Int] = [:]
            for word in old.words where isWord(word) { counts[word, default: 0] += 1 }
            var shared = 0
            for word in new.words where isWord(word) && (counts[word] ?? 0) > 0 {
                counts[word, default: 0] -= 1
                shared += 1
            }
            let total = old.tokens.wordCount + new.tokens.wordCount
            return total > 0 && Double(2 * shared) / Double(total) >= 0.4
        }
    }

    // MARK: - KPI figures

    static func kpiChanges(_ changes: [Change]) -> [KPIChange] {
        var found: [KPIChange] = []
        for change in changes {
            let pair: (DiffBlock?, DiffBlock?)
            switch change {
            case .changed(let old, let new, _) where old.kind == .kpi: pair = (old, new)
            case .added(let block) where block.kind == .kpi: pair = (nil, block)
            case .removed(let block) where block.kind == .kpi: pair = (block, nil)
            default: continue
            }
            let code = pair.1?.kpiCode ?? pair.0?.kpiCode ?? "kpi"
            let line = pair.1?.line ?? pair.0?.line ?? 1
            let before = pair.0?.values ?? [:]
            let after = pair.1?.values ?? [:]
            for key in Set(before.keys).union(after.keys).sorted() where before[key] != after[key] {
                found.append(KPIChange(code: code, city: key.city, year: key.year, old: before[key], new: after[key], line: line))
            }
        }
        return found
    }
}

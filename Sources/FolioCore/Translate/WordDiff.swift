/// A word-level diff of two texts, printed like `git diff --word-diff=plain`: `[-removed-]{+added+}`.
/// Whitespace-only and line-wrap changes do not show (words are compared, not lines).
public enum WordDiff {
    public static func render(old: String, new: String) -> String {
        let before = words(old)
        let after = words(new)
        let difference = after.difference(from: before)
        var removals = Set<Int>()
        var insertions = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removals.insert(offset)
            case .insert(let offset, _, _): insertions.insert(offset)
            }
        }
        // Walk both sequences in step: unchanged words once, removed and added runs marked.
        var output: [String] = []
        var i = 0
        var j = 0
        while i < before.count || j < after.count {
            var removed: [String] = []
            while i < before.count, removals.contains(i) { removed.append(before[i]); i += 1 }
            var added: [String] = []
            while j < after.count, insertions.contains(j) { added.append(after[j]); j += 1 }
            if !removed.isEmpty { output.append("[-\(removed.joined(separator: " "))-]") }
            if !added.isEmpty { output.append("{+\(added.joined(separator: " "))+}") }
            if removed.isEmpty, added.isEmpty, i < before.count, j < after.count {
                output.append(after[j])
                i += 1
                j += 1
            }
        }
        return output.joined(separator: " ")
    }

    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
    }
}

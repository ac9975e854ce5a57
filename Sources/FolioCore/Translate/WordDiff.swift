/// A word-level diff of two texts, printed like `git diff --word-diff=plain`: `[-removed-]{+added+}`,
/// with a few words of context around each change and `…` for the unchanged stretches between.
/// Whitespace-only and line-wrap changes do not show (words are compared, not lines).
public enum WordDiff {
    public enum Piece: Equatable, Sendable {
        case same(String)
        case removed([String])
        case added([String])
    }

    public static func render(old: String, new: String, context: Int = 8, width: Int = 100) -> String {
        render(diff(words(old), words(new)), context: context, width: width)
    }

    /// Pieces of a diff as text, with `context` unchanged words around each change.
    static func render(_ pieces: [Piece], context: Int = 8, width: Int = 100) -> String {
        var tokens: [String] = []
        var lastShown = -1
        var lastChange = -1
        for (index, piece) in pieces.enumerated() {
            switch piece {
            case .removed(let run): tokens.append("[-\(run.joined(separator: " "))-]"); lastShown = index; lastChange = index
            case .added(let run): tokens.append("{+\(run.joined(separator: " "))+}"); lastShown = index; lastChange = index
            case .same(let word):
                let nearPrevious = lastChange >= 0 && index - lastChange <= context
                let nextChange = pieces[(index + 1)...].prefix(context).contains(where: isChange)
                if nearPrevious || nextChange {
                    if lastShown >= 0, index - lastShown > 1, tokens.last != "…" { tokens.append("…") }
                    if lastShown < 0, index > 0 { tokens.append("…") }
                    tokens.append(word)
                    lastShown = index
                }
            }
        }
        if lastShown >= 0, lastShown < pieces.count - 1 { tokens.append("…") }
        return wrap(tokens, width: width)
    }

    private static func isChange(_ piece: Piece) -> Bool {
        if case .same = piece { return false }
        return true
    }

    /// Unchanged words one by one; removed and added runs grouped (standard library Myers difference).
    static func diff(_ before: [String], _ after: [String]) -> [Piece] {
        var removals = Set<Int>()
        var insertions = Set<Int>()
        for change in after.difference(from: before) {
            switch change {
            case .remove(let offset, _, _): removals.insert(offset)
            case .insert(let offset, _, _): insertions.insert(offset)
            }
        }
        var pieces: [Piece] = []
        var i = 0
        var j = 0
        while i < before.count || j < after.count {
            var removed: [String] = []
            while i < before.count, removals.contains(i) { removed.append(before[i]); i += 1 }
            var added: [String] = []
            while j < after.count, insertions.contains(j) { added.append(after[j]); j += 1 }
            if !removed.isEmpty { pieces.append(.removed(removed)) }
            if !added.isEmpty { pieces.append(.added(added)) }
            if removed.isEmpty, added.isEmpty {
                guard i < before.count, j < after.count else { break }
                pieces.append(.same(after[j]))
                i += 1
                j += 1
            }
        }
        return pieces
    }

    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
    }

    private static func wrap(_ tokens: [String], width: Int) -> String {
        var lines: [String] = []
        var line = ""
        for token in tokens {
            if !line.isEmpty, line.count + 1 + token.count > width {
                lines.append(line)
                line = token
            } else {
                line += line.isEmpty ? token : " " + token
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines.joined(separator: "\n")
    }
}

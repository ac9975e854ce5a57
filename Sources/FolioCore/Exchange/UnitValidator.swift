/// Checks a translator's text against its source unit: every placeholder of the source once (paired
/// ones opened before they are closed, and nested as in any markup), none that the source does not
/// have, no character reserved for review marks, no cross-reference typed as text. Gives one message
/// per unit, naming every problem.
enum UnitValidator {
    static func problems(in target: UnitText, for unit: TranslationUnit) -> [String] {
        var problems: [String] = []
        var opened: [Int] = []
        var seen: [Int: Int] = [:]
        var added: [String] = []
        var misplaced: [String] = []
        for piece in target.pieces {
            switch piece {
            case .text(let text):
                if text.unicodeScalars.contains(where: { CriticMarkup.Delimiter($0) != nil }) {
                    problems.append("it holds a character reserved for review marks (U+E100–U+E10A)")
                }
                if unit.context != .frontMatter, InlineSyntax.segments(of: text, locate: { _ in SourceLocation(file: "") })?
                    .contains(where: { if case .reference = $0 { true } else { false } }) == true {
                    problems.append("a cross-reference is typed as text (\(text.split(separator: " ").first { $0.contains("@") } ?? "@…")): use the source's placeholder")
                }
            case .open(let id):
                seen[id, default: 0] += 1
                guard let placeholder = unit.placeholder(id) else { added.append("<\(id)>"); continue }
                if !placeholder.kind.isPaired { misplaced.append("<\(id)> is a \(placeholder.kind.rawValue), not a pair of tags (write <\(id)/>)") }
                opened.append(id)
            case .close(let id):
                guard let placeholder = unit.placeholder(id) else { added.append("</\(id)>"); continue }
                if !placeholder.kind.isPaired { misplaced.append("</\(id)> closes a \(placeholder.kind.rawValue), which is a single tag"); continue }
                if opened.last == id {
                    opened.removeLast()
                } else if opened.contains(id) {
                    misplaced.append("</\(id)> closes before </\(opened.last.map(String.init) ?? "?")>: tags must nest")
                    opened.removeAll { $0 == id }
                } else {
                    misplaced.append("</\(id)> comes before <\(id)>")
                }
            case .standalone(let id):
                seen[id, default: 0] += 1
                guard let placeholder = unit.placeholder(id) else { added.append("<\(id)/>"); continue }
                if placeholder.kind.isPaired { misplaced.append("<\(id)/> stands for a pair of tags (write <\(id)>…</\(id)>)") }
            }
        }
        for id in opened { misplaced.append("<\(id)> is never closed") }
        let missing = unit.placeholders.filter { seen[$0.id] == nil }.map { tag($0) }
        let repeated = seen.filter { $0.value > 1 && unit.placeholder($0.key) != nil }.keys.sorted().map { "<\($0)>" }
        if !missing.isEmpty { problems.append("missing placeholder\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", "))") }
        if !added.isEmpty { problems.append("placeholder\(added.count == 1 ? "" : "s") added: \(added.joined(separator: ", ")) (the source has no such tag)") }
        if !repeated.isEmpty { problems.append("placeholder\(repeated.count == 1 ? "" : "s") \(repeated.joined(separator: ", ")) used more than once") }
        problems += misplaced
        return problems
    }

    /// `<1>…</1> (*…*)` or `<2/> (`code`)`: how a missing placeholder is named.
    static func tag(_ placeholder: Placeholder) -> String {
        let opening = CriticMarkup.decode(placeholder.opening).replacingOccurrences(of: "\n", with: "⏎")
        if let closing = placeholder.closing {
            return "<\(placeholder.id)>…</\(placeholder.id)> (\(opening)…\(CriticMarkup.decode(closing)))"
        }
        return "<\(placeholder.id)/> (\(opening))"
    }
}

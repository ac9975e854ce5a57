/// Where a note style's call stands: without the space before it, and after the punctuation that
/// follows the citation (`text [@key].` → "text.¹"), as pandoc's citeproc places it, except in French,
/// whose typography puts the call before the punctuation ("texte¹."). Applied to a text node's
/// segments by both renderers, so the site and the print edition place calls alike.
package enum NoteCallPlacement {
    static let punctuation: Set<Character> = [".", ",", ";", ":", "!", "?"]
    static let languagesWithCallsBeforePunctuation: Set<String> = ["fr"]

    /// The segments with each note call (a citation in running text) moved after the punctuation
    /// that follows it, and the spaces before it removed.
    package static func arranged(_ segments: [InlineSegment], language: String) -> [InlineSegment] {
        let afterPunctuation = !languagesWithCallsBeforePunctuation.contains(language)
        guard segments.contains(where: { if case .citation(let c) = $0 { c.placement == .text } else { false } }) else { return segments }
        var out: [InlineSegment] = []
        var index = 0
        while index < segments.count {
            let segment = segments[index]
            guard case .citation(let citation) = segment, citation.placement == .text, citation.mode == .parenthetical else {
                out.append(segment)
                index += 1
                continue
            }
            if case .text(let before)? = out.last {
                var trimmed = before
                while trimmed.last == " " { trimmed.removeLast() }
                out[out.count - 1] = .text(trimmed)
            }
            if afterPunctuation, index + 1 < segments.count, case .text(let after) = segments[index + 1], let first = after.first, punctuation.contains(first) {
                let marks = String(after.prefix { punctuation.contains($0) })
                out.append(.text(marks))
                out.append(segment)
                out.append(.text(String(after.dropFirst(marks.count))))
                index += 2
                continue
            }
            out.append(segment)
            index += 1
        }
        return out.filter { if case .text(let text) = $0 { !text.isEmpty } else { true } }
    }
}

/// A KPI figure's source line that cites: the interface string's text around a slot where the
/// formatted citations go (the string itself, "Source: {source}", is the language's).
enum KPISourceLine {
    /// Stands for the citations while the interface string is formatted; no text holds it.
    static let slot = "\u{FFFC}"
}

/// Where a note style's call stands: after the punctuation that follows the citation and without the
/// space before it, as pandoc's citeproc places it (`text [@key].` → "text.¹"). Applied to a text
/// node's segments by both renderers, so the site and the print edition place calls alike.
enum NoteCallPlacement {
    static let punctuation: Set<Character> = [".", ",", ";", ":", "!", "?"]

    /// The segments with each note call (a citation in running text) moved after the punctuation
    /// that follows it, and the spaces before it removed.
    static func arranged(_ segments: [InlineSegment]) -> [InlineSegment] {
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
            if index + 1 < segments.count, case .text(let after) = segments[index + 1], let first = after.first, punctuation.contains(first) {
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

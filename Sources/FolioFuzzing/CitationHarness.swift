import Foundation
import FolioCore

/// The citation finder (`[@a, p. 4; @b]`, `@a [p. 4]`, `[-@a]`): every citation it finds is written at
/// its place as it says, each key is a key (not empty, not a cross-reference's label, of bounded
/// length) written after an `@`, and a note style's rearrangement of the text keeps every citation and
/// every character but spaces. The citation's text for pandoc is valid JSON.
struct CitationHarness: FuzzHarness {
    func violations(for input: Data) -> [String] {
        let text = String(decoding: input, as: UTF8.self)
        let bytes = Array(text.utf8)
        guard let segments = InlineSyntax.segments(of: text, locate: { SourceLocation(file: "x.md", line: 1, column: $0 + 1) }) else {
            return []
        }
        var found: [String] = []
        var citations = 0
        for case .citation(let citation) in segments {
            citations += 1
            let offset = citation.location.column - 1
            let written = Array(citation.written.utf8)
            if offset < 0 || offset + written.count > bytes.count || Array(bytes[offset..<(offset + written.count)]) != written {
                found.append("the citation \(citation.written.debugDescription) is not written at byte \(offset)")
            }
            if citation.mode == .narrative, citation.items.count != 1 {
                found.append("a narrative citation holds \(citation.items.count) items")
            }
            for item in citation.items {
                if item.key.isEmpty { found.append("an empty key in \(citation.written.debugDescription)") }
                if item.key.unicodeScalars.count > CitationSyntax.maximumKeyLength {
                    found.append("a key of \(item.key.unicodeScalars.count) characters")
                }
                if CitationSyntax.isCrossReference(item.key) { found.append("the cross-reference '\(item.key)' taken for a key") }
                let at = item.location.column - 1
                if at < 0 || at >= bytes.count || bytes[at] != UInt8(ascii: "@") {
                    found.append("the key '\(item.key)' does not point at an '@' (byte \(at))")
                }
                // Compared scalar by scalar, as the finder works: `String.contains` compares whole
                // Characters, and a key cut before a combining mark (fixed: marks belong to the key) made
                // it fail where the key was written all the same.
                if !Array(citation.written.unicodeScalars).containsSequence(Array(item.key.unicodeScalars)) {
                    found.append("the key '\(item.key)' is not in \(citation.written.debugDescription)")
                }
                for part in [item.prefix, item.suffix] {
                    if (try? JSONSerialization.jsonObject(with: Data(CiteprocDocument.inlinesJSON(part)))) as? [Any] == nil {
                        found.append("the text \(part.debugDescription) is not valid JSON for pandoc")
                    }
                }
            }
        }
        for language in ["en", "fr"] {
            let arranged = NoteCallPlacement.arranged(segments, language: language)
            if arranged.count(where: { if case .citation = $0 { true } else { false } }) != citations {
                found.append("placing the note calls (\(language)) lost a citation")
            }
            func visible(_ list: [InlineSegment]) -> [Unicode.Scalar] {
                list.flatMap { segment -> [Unicode.Scalar] in
                    switch segment {
                    case .text(let run): Array(run.unicodeScalars)
                    case .citation(let citation): Array(citation.written.unicodeScalars)
                    default: []
                    }
                }.filter { $0 != " " }.sorted { $0.value < $1.value }
            }
            if visible(arranged) != visible(segments) {
                found.append("placing the note calls (\(language)) changed the text beyond its spaces")
            }
        }
        return found
    }
}

extension Array where Element: Equatable {
    /// Whether `other` occurs in the array as a contiguous run.
    func containsSequence(_ other: [Element]) -> Bool {
        guard !other.isEmpty else { return true }
        guard other.count <= count else { return false }
        for start in 0...(count - other.count) where self[start..<(start + other.count)].elementsEqual(other) { return true }
        return false
    }
}

import Foundation
import FolioCore

/// The finder of cross-references and labels in text (`@fig-x`, `[see @tbl-y]`, `{#box-z}`): what it
/// finds was written there, and nothing else is lost. Put back together, its segments give the text,
/// but for the brackets of bracketed references; each reference points at its `@`; a trailing label,
/// taken off, leaves text that ended with it.
struct CrossReferenceHarness: FuzzHarness {
    func violations(for input: Data) -> [String] {
        let text = String(decoding: input, as: UTF8.self)
        var found: [String] = []
        let bytes = Array(text.utf8)
        if let segments = InlineSyntax.segments(of: text, locate: { SourceLocation(file: "x.md", line: 1, column: $0 + 1) }) {
            var rebuilt = ""
            for segment in segments {
                switch segment {
                case .text(let run): rebuilt += run
                case .acronym(let use): rebuilt += use.short
                case .mark(let delimiter): rebuilt.append(delimiter.rawValue)
                case .attribution(let attribution): rebuilt += attribution.written
                case .citation(let citation): rebuilt += citation.written
                case .reference(let reference):
                    let offset = reference.location.column - 1
                    if offset >= bytes.count || bytes[offset] != UInt8(ascii: "@") {
                        found.append("the reference '\(reference.label)' points at byte \(offset), which is not an '@'")
                    }
                    let prefix = String(reference.label.prefix(3))
                    rebuilt += "@" + (reference.capitalized ? prefix.capitalized : prefix) + reference.label.dropFirst(3)
                }
            }
            let mine = Array(rebuilt.unicodeScalars.filter { $0 != "[" && $0 != "]" })
            let theirs = Array(text.unicodeScalars.filter { $0 != "[" && $0 != "]" })
            if mine != theirs {
                let at = zip(mine, theirs).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(mine.count, theirs.count)
                let context = String(String.UnicodeScalarView(theirs[max(0, at - 12)..<min(theirs.count, at + 12)]))
                found.append("the segments put back together are not the text, from scalar \(at): \(context.debugDescription)")
            }
        }
        if let (label, rest) = InlineSyntax.trailingLabel(in: text) {
            if !text.hasPrefix(rest) { found.append("the text before the label '\(label)' is not the text's start") }
            if !text.contains("{#\(label)}") { found.append("the label '\(label)' is not written in the text") }
        }
        return found
    }
}

import Foundation
import FolioCore

/// The CriticMarkup pass: encoding is undone exactly by decoding (so code keeps its text), every span
/// found is marked once at a line of the text, and the accepted text holds no delimiter.
struct CriticMarkupHarness: FuzzHarness {
    func violations(for input: Data) -> [String] {
        let text = String(decoding: input, as: UTF8.self)
        let (encoded, marks) = CriticMarkup.encode(text)
        var found: [String] = []
        // The delimiters are private-use characters; a text that already holds one cannot round-trip.
        if !Self.holdsDelimiter(text), CriticMarkup.decode(encoded) != text {
            found.append("decode(encode(text)) differs from the text")
        }
        let opened = encoded.unicodeScalars.count { [0xE100, 0xE102, 0xE104, 0xE107, 0xE109].contains($0.value) }
        if !Self.holdsDelimiter(text), opened != marks.count {
            found.append("\(marks.count) marks for \(opened) encoded spans")
        }
        let last = lastLine(of: text)
        for mark in marks where !(1...last).contains(mark.line) {
            found.append("a \(mark.kind) marked at line \(mark.line), outside the text's \(last) lines")
        }
        if Self.holdsDelimiter(CriticMarkup.accepted(encoded)) {
            found.append("the accepted text still holds a delimiter")
        }
        // Accept and reject (`folio review accept|reject --all`) only take bytes away, keep every byte of
        // a text without marks, and give a text the redline can compare with the original.
        let file = Array("---\ntitle: x\n---\n".utf8) + Array(text.utf8)
        for decision in [ReviewResolver.Decision.accept, .reject] {
            guard let resolved = ReviewResolver.resolved(file, decision: decision) else { continue }
            if resolved.count > file.count { found.append("\(decision) made the file longer") }
            if marks.isEmpty, resolved != file { found.append("\(decision) changed a file without marks") }
            if String(validating: resolved, as: UTF8.self) == nil { found.append("\(decision) wrote bytes that are not UTF-8") }
            if let old = ChapterVersion(text: String(decoding: file, as: UTF8.self), path: "x.md"),
               ChapterDiff(old: old, new: old).changedBlocks != 0 {
                found.append("the redline of a text against itself is not empty")
            }
        }
        return found
    }

    static func holdsDelimiter(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0xE100...0xE10A).contains($0.value) }
    }
}

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
        return found
    }

    static func holdsDelimiter(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0xE100...0xE10A).contains($0.value) }
    }
}

import Foundation
import FolioCore

/// `FrontMatter.split`: nothing of the file is lost or moved, and the body's line offset is right.
struct FrontMatterHarness: FuzzHarness {
    func violations(for input: Data) -> [String] {
        let text = String(decoding: input, as: UTF8.self)
        switch FrontMatter.split(text) {
        case .failure(.unterminated):
            let firstLine = text.utf8.split(separator: UInt8(ascii: "\n"), maxSplits: 1, omittingEmptySubsequences: false).first
            let fence = firstLine.map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: CharacterSet(charactersIn: " \t")) }
            return fence == "---" ? [] : ["unterminated front matter reported for a file that does not open with '---'"]
        case .success(let split):
            guard let yaml = split.yaml else {
                return split.body == text && split.bodyLineOffset == 0 ? [] : ["a file without front matter was changed"]
            }
            var found: [String] = []
            let headCount = text.utf8.count - split.body.utf8.count
            guard headCount >= 0, text.utf8.dropFirst(headCount).elementsEqual(split.body.utf8) else {
                return ["the body is not the end of the file"]
            }
            let head = String(decoding: text.utf8.prefix(headCount), as: UTF8.self)
            if !head.hasPrefix("---") { found.append("front matter found in a file that does not open with '---'") }
            // The YAML is what follows the opening fence's line.
            if !head.utf8.drop(while: { $0 != UInt8(ascii: "\n") }).dropFirst().starts(with: yaml.utf8) {
                found.append("the YAML is not the text after the opening fence")
            }
            let headLines = head.utf8.count { $0 == UInt8(ascii: "\n") }
            // The closing fence may be the file's last line, without a newline.
            if headLines != split.bodyLineOffset, !(split.body.isEmpty && headLines == split.bodyLineOffset - 1) {
                found.append("body line offset \(split.bodyLineOffset), but the head has \(headLines) lines")
            }
            return found
        }
    }
}

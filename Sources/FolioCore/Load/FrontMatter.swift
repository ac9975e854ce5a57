/// Splits a Markdown file into its YAML front matter (between `---` lines at the top) and its body.
/// Works on UTF-8 bytes: a 50 MB chapter is split without walking its Characters.
public struct FrontMatter: Sendable, Equatable {
    /// The YAML text between the fences, or nil when the file has no front matter.
    public var yaml: String?
    /// The Markdown after the closing fence.
    public var body: String
    /// How many lines precede the body: add it to a body line to get the file line.
    public var bodyLineOffset: Int

    public enum Problem: Error, Equatable {
        /// An opening `---` with no closing `---` or `...`.
        case unterminated
    }

    /// YAML lines start on the file's line 2, after the opening fence.
    public static let yamlLineOffset = 1

    public static func split(_ text: String) -> Result<FrontMatter, Problem> {
        let bytes = text.utf8
        guard let firstEnd = lineEnd(in: bytes, from: bytes.startIndex),
              isFence(bytes[bytes.startIndex..<firstEnd], allowDots: false) else {
            // No opening fence (or a one-line file): the whole file is the body.
            if isFence(bytes[...], allowDots: false), !bytes.isEmpty { return .failure(.unterminated) }
            return .success(FrontMatter(yaml: nil, body: text, bodyLineOffset: 0))
        }
        let yamlStart = bytes.index(after: firstEnd)
        var lineStart = yamlStart
        var line = 1
        while lineStart < bytes.endIndex {
            line += 1
            let end = lineEnd(in: bytes, from: lineStart) ?? bytes.endIndex
            if isFence(bytes[lineStart..<end], allowDots: true) {
                let yaml = String(text[yamlStart..<lineStart])
                let bodyStart = end < bytes.endIndex ? bytes.index(after: end) : end
                return .success(FrontMatter(yaml: yaml, body: String(text[bodyStart...]), bodyLineOffset: line))
            }
            guard end < bytes.endIndex else { break }
            lineStart = bytes.index(after: end)
        }
        return .failure(.unterminated)
    }

    private static func lineEnd(in bytes: String.UTF8View, from start: String.UTF8View.Index) -> String.UTF8View.Index? {
        bytes[start...].firstIndex(of: UInt8(ascii: "\n"))
    }

    /// `---` (or `...` to close), with trailing spaces allowed.
    private static func isFence(_ line: Substring.UTF8View, allowDots: Bool) -> Bool {
        var trimmed = line[...]
        while let last = trimmed.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
            trimmed = trimmed.dropLast()
        }
        return trimmed.elementsEqual("---".utf8) || (allowDots && trimmed.elementsEqual("...".utf8))
    }
}

import Foundation

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
        ByteSearch.withUTF8(text) { bytes in
            layout(of: bytes).map { layout in
                // Cuts fall next to ASCII line feeds, so the pieces of valid text are valid as they are.
                func piece(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
                return FrontMatter(yaml: layout.yaml.map(piece), body: piece(layout.body), bodyLineOffset: layout.bodyLineOffset)
            }
        }
    }

    /// Splits a file's bytes as `split(_:)` splits its text, when they are text `SourceText` accepts
    /// as it is (see `SourceText.withAcceptedBytes`): each piece is made once from the file's bytes,
    /// instead of the whole text first and the body copied out of it. nil when the bytes need more
    /// (a line ending to convert, a problem to report): decode them with `SourceText` and split the text.
    static func split(acceptedData data: Data) -> Result<FrontMatter, Problem>? {
        SourceText.withAcceptedBytes(data) { bytes -> Result<FrontMatter, Problem>? in
            switch layout(of: bytes) {
            case .failure(let problem): return .failure(problem)
            case .success(let layout):
                func piece(_ range: Range<Int>) -> String? { String(validating: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
                // Everything but the fence lines (ASCII) is validated here, so nothing goes unchecked.
                guard let body = piece(layout.body) else { return nil }
                var yaml: String?
                if let range = layout.yaml {
                    guard let text = piece(range) else { return nil }
                    yaml = text
                }
                return .success(FrontMatter(yaml: yaml, body: body, bodyLineOffset: layout.bodyLineOffset))
            }
        }
    }

    /// Where the front matter and the body are, as byte offsets.
    private struct Layout {
        var yaml: Range<Int>?
        var body: Range<Int>
        var bodyLineOffset: Int
    }

    private static func layout(of bytes: UnsafeBufferPointer<UInt8>) -> Result<Layout, Problem> {
        let all = 0..<bytes.count
        guard let firstEnd = lineEnd(in: bytes, from: 0), isFence(bytes[0..<firstEnd], allowDots: false) else {
            // No opening fence (or a one-line file): the whole file is the body.
            if isFence(bytes[all], allowDots: false), !bytes.isEmpty { return .failure(.unterminated) }
            return .success(Layout(yaml: nil, body: all, bodyLineOffset: 0))
        }
        let yamlStart = firstEnd + 1
        var lineStart = yamlStart
        var line = 1
        while lineStart < bytes.count {
            line += 1
            let end = lineEnd(in: bytes, from: lineStart) ?? bytes.count
            if isFence(bytes[lineStart..<end], allowDots: true) {
                let bodyStart = end < bytes.count ? end + 1 : end
                return .success(Layout(yaml: yamlStart..<lineStart, body: bodyStart..<bytes.count, bodyLineOffset: line))
            }
            guard end < bytes.count else { break }
            lineStart = end + 1
        }
        return .failure(.unterminated)
    }

    private static func lineEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        ByteSearch.firstIndex(of: UInt8(ascii: "\n"), in: bytes, from: start)
    }

    /// `---` (or `...` to close), with trailing spaces allowed.
    private static func isFence(_ line: Slice<UnsafeBufferPointer<UInt8>>, allowDots: Bool) -> Bool {
        var trimmed = line[...]
        while let last = trimmed.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
            trimmed = trimmed.dropLast()
        }
        return trimmed.elementsEqual("---".utf8) || (allowDots && trimmed.elementsEqual("...".utf8))
    }
}

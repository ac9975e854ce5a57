import Foundation

/// Turns a file's bytes into text folio can trust: valid UTF-8, no byte-order mark, `\n` line endings.
/// Problems are reported with the line and column of the first bad byte, never as a crash.
public enum SourceText {
    public enum Problem: Error, Equatable {
        case binary(line: Int, column: Int)
        case invalidUTF8(line: Int, column: Int)
    }

    public static func decode(_ data: Data) -> Result<String, Problem> {
        if let text = validText(data) { return .success(normalizeLineEndings(text)) }
        return diagnose(data)
    }

    /// The text when it is valid UTF-8 without a NUL byte (the common case), scanned as raw bytes:
    /// going through `Data`'s generic collection methods was a tenth of a build's time.
    private static func validText(_ data: Data) -> String? {
        data.withUnsafeBytes { raw -> String? in
            var bytes = raw.assumingMemoryBound(to: UInt8.self)[...]
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
            let buffer = UnsafeBufferPointer(rebasing: bytes)
            if let base = buffer.baseAddress, memchr(base, 0, buffer.count) != nil { return nil }
            return String(validating: buffer, as: UTF8.self)
        }
    }

    /// Finds what makes `data` unacceptable (slow; only for files that are).
    private static func diagnose(_ data: Data) -> Result<String, Problem> {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        // A NUL byte never occurs in text: the file is binary (an image saved as .md, say).
        if let nul = bytes.firstIndex(of: 0) {
            let (line, column) = position(ofByte: bytes.distance(from: bytes.startIndex, to: nul), in: bytes)
            return .failure(.binary(line: line, column: column))
        }
        if let text = String(validating: bytes, as: UTF8.self) {
            return .success(normalizeLineEndings(text))
        }
        let offset = firstInvalidByte(in: bytes)
        let (line, column) = position(ofByte: offset, in: bytes)
        return .failure(.invalidUTF8(line: line, column: column))
    }

    /// CRLF and lone CR become LF, so that every later line count agrees with the editor's.
    static func normalizeLineEndings(_ text: String) -> String {
        let hasReturn = text.utf8.withContiguousStorageIfAvailable { $0.contains(UInt8(ascii: "\r")) }
            ?? text.utf8.contains(UInt8(ascii: "\r"))
        guard hasReturn else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    private static func firstInvalidByte(in bytes: Data.SubSequence) -> Int {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .error: return offset
            case .emptyInput: return offset
            }
        }
    }

    /// 1-based line and column (in characters) of the byte at `offset`.
    private static func position(ofByte offset: Int, in bytes: Data.SubSequence) -> (Int, Int) {
        var line = 1
        var lineStart = bytes.startIndex
        let end = bytes.index(bytes.startIndex, offsetBy: offset)
        var index = bytes.startIndex
        while index < end {
            if bytes[index] == UInt8(ascii: "\n") {
                line += 1
                lineStart = bytes.index(after: index)
            }
            index = bytes.index(after: index)
        }
        let prefix = bytes[lineStart..<end]
        let column = String(decoding: prefix, as: UTF8.self).count + 1
        return (line, column)
    }
}

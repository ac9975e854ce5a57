import Foundation

/// Turns a file's bytes into text folio can trust: valid UTF-8, no byte-order mark, `\n` line endings,
/// and no character a web page cannot carry (controls and noncharacters, which HTML forbids).
/// Problems are reported with the line and column of the first bad byte, never as a crash.
public enum SourceText {
    public enum Problem: Error, Equatable {
        case binary(line: Int, column: Int)
        case invalidUTF8(line: Int, column: Int)
        case forbiddenCharacter(Unicode.Scalar, line: Int, column: Int)

        public var message: String {
            switch self {
            case .binary: return "file contains a NUL byte: it is binary, not text"
            case .invalidUTF8: return "file is not valid UTF-8 text (save it as UTF-8)"
            case .forbiddenCharacter(let scalar, _, _):
                let code = scalar.codePoint
                // Windows-1252 puts quotes and dashes where Unicode has the C1 controls: text converted
                // from it as if it were Latin-1 carries them instead (’ becomes U+0092).
                if (0x80...0x9F).contains(scalar.value),
                   let meant = String(bytes: [UInt8(scalar.value)], encoding: .windowsCP1252), meant.unicodeScalars.first?.value != scalar.value {
                    return "invisible control character \(code): the text was probably converted from Windows-1252 wrongly (there it is '\(meant)'); replace it"
                }
                return "invisible character \(code) cannot appear in a web page: remove it"
            }
        }

        public var line: Int {
            switch self { case .binary(let line, _), .invalidUTF8(let line, _), .forbiddenCharacter(_, let line, _): line }
        }

        public var column: Int {
            switch self { case .binary(_, let column), .invalidUTF8(_, let column), .forbiddenCharacter(_, _, let column): column }
        }
    }

    public static func decode(_ data: Data) -> Result<String, Problem> {
        if let text = validText(data) { return .success(normalizeLineEndings(text)) }
        return diagnose(data)
    }

    /// The text of the file at `path`, or nil after reporting why it is not acceptable.
    public static func decode(_ data: Data, path: String, diagnostics: DiagnosticCollector) -> String? {
        switch decode(data) {
        case .success(let text):
            return text
        case .failure(let problem):
            diagnostics.error(problem.message, at: SourceLocation(file: path, line: problem.line, column: problem.column))
            return nil
        }
    }

    /// `body` over the file's bytes (without a byte-order mark) when they need nothing of `decode` but
    /// validating as UTF-8, which `body` does on what it makes: no forbidden character, no carriage
    /// return. nil otherwise, or when `body` gives nil.
    static func withAcceptedBytes<Result>(_ data: Data, _ body: (UnsafeBufferPointer<UInt8>) -> Result?) -> Result? {
        withBytesAfterByteOrderMark(data) { buffer in
            if mayHoldForbiddenCharacter(buffer) || ByteSearch.contains(UInt8(ascii: "\r"), in: buffer) { return nil }
            return body(buffer)
        }
    }

    /// The text when it is valid UTF-8 without a forbidden character (the common case), scanned as raw
    /// bytes: going through `Data`'s generic collection methods was a tenth of a build's time.
    private static func validText(_ data: Data) -> String? {
        withBytesAfterByteOrderMark(data) { buffer in
            if mayHoldForbiddenCharacter(buffer) { return nil }
            return String(validating: buffer, as: UTF8.self)
        }
    }

    private static func withBytesAfterByteOrderMark<Result>(_ data: Data, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        data.withUnsafeBytes { raw in
            var bytes = raw.assumingMemoryBound(to: UInt8.self)[...]
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
            return body(UnsafeBufferPointer(rebasing: bytes))
        }
    }

    /// HTML forbids the C0 controls but tab, line feed, carriage return (and form feed, which XML does
    /// not allow and no text needs), DEL, the C1 controls and the noncharacters. A byte scan for their
    /// UTF-8 forms; true may also mean a malformed sequence, which `diagnose` sorts out.
    static func mayHoldForbiddenCharacter(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        // Sixteen bytes at a time, each with the byte after it: a chunk with nothing that can start a
        // forbidden character is skipped whole. Exact but for the noncharacters' third byte and the
        // other planes (emoji), so the byte check runs almost never; eight bytes at a time, every line
        // feed and every fullwidth comma of Chinese text sent its word to the byte check.
        // The comparands are made before the loop (see `ByteSearch.firstHTMLSpecial`).
        let space = SIMD16<UInt8>(repeating: 0x20), tab = SIMD16<UInt8>(repeating: 0x09)
        let lineFeed = SIMD16<UInt8>(repeating: 0x0A), carriageReturn = SIMD16<UInt8>(repeating: 0x0D)
        let delete = SIMD16<UInt8>(repeating: 0x7F), c1Lead = SIMD16<UInt8>(repeating: 0xC2), c1End = SIMD16<UInt8>(repeating: 0xA0)
        let bmpLead = SIMD16<UInt8>(repeating: 0xEF), fdSecond = SIMD16<UInt8>(repeating: 0xB7), ffSecond = SIMD16<UInt8>(repeating: 0xBF)
        let planeLead = SIMD16<UInt8>(repeating: 0xF0)
        var index = 0
        while index + 17 <= bytes.count {
            let chunk = raw.loadUnaligned(fromByteOffset: index, as: SIMD16<UInt8>.self)
            let next = raw.loadUnaligned(fromByteOffset: index + 1, as: SIMD16<UInt8>.self)
            let control = (chunk .< space) .& (chunk .!= tab) .& (chunk .!= lineFeed) .& (chunk .!= carriageReturn)
            let c1 = (chunk .== c1Lead) .& (next .< c1End)
            let nonCharacter = (chunk .== bmpLead) .& ((next .== fdSecond) .| (next .== ffSecond))
            if ByteSearch.anyLane(control .| (chunk .== delete) .| c1 .| nonCharacter .| (chunk .>= planeLead)) {
                for offset in index..<(index + 16) where startsForbiddenCharacter(bytes, at: offset) { return true }
            }
            index += 16
        }
        for offset in index..<bytes.count where startsForbiddenCharacter(bytes, at: offset) { return true }
        return false
    }

    /// Whether a forbidden character (or what may be a malformed sequence) starts at `index`.
    static func startsForbiddenCharacter(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let count = bytes.count
        let byte = bytes[index]
        if byte < 0x80 {
            return byte == 0x7F || (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D)
        } else if byte == 0xC2 {
            return index + 1 < count && bytes[index + 1] < 0xA0  // U+0080–U+009F
        } else if byte == 0xEF {
            // U+FDD0–U+FDEF (EF B7 90–AF) and U+FFFE, U+FFFF (EF BF BE–BF).
            guard index + 2 < count else { return false }
            let (second, third) = (bytes[index + 1], bytes[index + 2])
            return (second == 0xB7 && (0x90...0xAF).contains(third)) || (second == 0xBF && third >= 0xBE)
        } else if byte >= 0xF0 {
            // U+nFFFE and U+nFFFF of the other planes: F0–F4, then xF BF BE–BF.
            return index + 3 < count && bytes[index + 1] & 0x0F == 0x0F && bytes[index + 2] == 0xBF && bytes[index + 3] >= 0xBE
        }
        return false
    }

    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 { return value != 0x09 && value != 0x0A && value != 0x0D }
        return (0x7F...0x9F).contains(value) || (0xFDD0...0xFDEF).contains(value) || value & 0xFFFE == 0xFFFE
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
            var offset = 0
            for scalar in text.unicodeScalars {
                if isForbidden(scalar) {
                    let (line, column) = position(ofByte: offset, in: bytes)
                    return .failure(.forbiddenCharacter(scalar, line: line, column: column))
                }
                offset += UTF8.width(scalar)
            }
            return .success(normalizeLineEndings(text))
        }
        let offset = firstInvalidByte(in: bytes)
        let (line, column) = position(ofByte: offset, in: bytes)
        return .failure(.invalidUTF8(line: line, column: column))
    }

    /// CRLF and lone CR become LF, so that every later line count agrees with the editor's.
    static func normalizeLineEndings(_ text: String) -> String {
        guard ByteSearch.withUTF8(text, { ByteSearch.contains(UInt8(ascii: "\r"), in: $0) }) else { return text }
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

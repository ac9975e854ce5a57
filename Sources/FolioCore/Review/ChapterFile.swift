import Foundation

/// A chapter file's bytes as the review commands edit them: only the bytes a change needs are
/// replaced, so the byte-order mark, the line endings (LF or CRLF) and everything else stay as they are.
/// Positions are found in the text as the loader reads it (LF line endings, no byte-order mark), so
/// lines, columns and CriticMarkup spans are the ones every other command reports; `rawOffset` maps
/// them back to the file's bytes.
struct ChapterFile {
    let url: URL
    /// The file as it is on disk.
    let raw: [UInt8]
    /// The text as the loader reads it: without a byte-order mark, `\r\n` as `\n`.
    let text: [UInt8]
    /// For each offset of `text` (and its end), the offset in `raw`.
    private let offsets: [Int]
    /// The line ending the file uses, for lines the commands add.
    let newline: [UInt8]
    /// Where the front matter's YAML lines are, and where the body starts, in `text`.
    let yaml: Range<Int>?
    let bodyStart: Int
    /// Lines before the body (add to a body line to get the file's line).
    let bodyLineOffset: Int

    enum Problem: Error {
        case unreadable(String)
        case unterminatedFrontMatter
    }

    init(url: URL) throws {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw Problem.unreadable(ContentLoader.reason(error)) }
        guard String(validating: data, as: UTF8.self) != nil else { throw Problem.unreadable("the file is not UTF-8 text") }
        try self.init(url: url, raw: Array(data))
    }

    init(url: URL, raw: [UInt8]) throws {
        self.url = url
        self.raw = raw
        var text: [UInt8] = []
        var offsets: [Int] = []
        text.reserveCapacity(raw.count)
        offsets.reserveCapacity(raw.count + 1)
        var index = raw.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var crlf = false
        while index < raw.count {
            if raw[index] == 0x0D, index + 1 < raw.count, raw[index + 1] == 0x0A {
                // The `\n` stands for both bytes: a range that ends before it keeps the `\r\n` whole.
                crlf = true
                text.append(0x0A)
                offsets.append(index)
                index += 2
                continue
            }
            text.append(raw[index])
            offsets.append(index)
            index += 1
        }
        offsets.append(raw.count)
        self.text = text
        self.offsets = offsets
        newline = crlf ? [0x0D, 0x0A] : [0x0A]
        // The front matter: a first line `---`, up to a line `---` or `...`.
        let lines = Self.lines(text)
        if let first = lines.first, Self.isFence(text[first], closing: false) {
            guard let closing = lines.dropFirst().firstIndex(where: { Self.isFence(text[$0], closing: true) }) else {
                throw Problem.unterminatedFrontMatter
            }
            yaml = lines[1].lowerBound..<lines[closing].lowerBound
            let end = lines[closing].upperBound
            bodyStart = end < text.count ? end + 1 : end
            bodyLineOffset = closing + 1
        } else {
            yaml = nil
            bodyStart = 0
            bodyLineOffset = 0
        }
    }

    /// The body's bytes (in `text`).
    var body: ArraySlice<UInt8> { text[bodyStart...] }

    func rawOffset(_ textOffset: Int) -> Int { offsets[textOffset] }

    /// The line ranges (without their `\n`) of `bytes`.
    static func lines(_ bytes: [UInt8]) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            lines.append(start..<index)
            start = index + 1
        }
        if start < bytes.count { lines.append(start..<bytes.count) }
        return lines
    }

    private static func isFence(_ line: ArraySlice<UInt8>, closing: Bool) -> Bool {
        var trimmed = line
        while let last = trimmed.last, last == 0x20 || last == 0x09 { trimmed = trimmed.dropLast() }
        return trimmed.elementsEqual("---".utf8) || (closing && trimmed.elementsEqual("...".utf8))
    }

    /// The file with `replacements` (ranges of `text`, in order, not overlapping) made in its raw bytes.
    func replacing(_ replacements: [(range: Range<Int>, bytes: [UInt8])]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(raw.count + 256)
        var copied = 0
        for (range, bytes) in replacements {
            let start = rawOffset(range.lowerBound)
            let end = rawOffset(range.upperBound)
            output += raw[copied..<start]
            output += bytes
            copied = end
        }
        output += raw[copied...]
        return output
    }

    /// The raw bytes of a range of `text` (line endings as the file writes them).
    func rawBytes(_ range: Range<Int>) -> ArraySlice<UInt8> {
        raw[rawOffset(range.lowerBound)..<rawOffset(range.upperBound)]
    }

    /// Replaces the file atomically: a temporary file beside it, then a rename, keeping its permissions.
    static func write(_ bytes: [UInt8], to url: URL) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).folio-\(getpid())")
        let permissions = (try? FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions]) ?? nil
        do {
            try Data(bytes).write(to: temporary)
            if let permissions { try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: temporary.path) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        if rename(temporary.path, url.path) != 0 {
            let error = POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}

import FolioMarkdown

/// A chapter body's bytes as cmark-gfm read them, with where each line starts: turns the parser's
/// positions into byte offsets, and checks that a text node really sits where it says.
struct BodyBytes {
    let bytes: [UInt8]
    private let lineStarts: [Int]

    init(_ text: String) {
        bytes = Array(text.utf8)
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(offset + 1) }
        lineStarts = starts
    }

    /// The offset of a position (1-based line and byte column). A column past its line's end runs on
    /// into the next lines: cmark-gfm counts columns after a backslash line break that way.
    func offset(_ point: SourcePoint) -> Int? {
        guard point.line >= 1, point.line <= lineStarts.count, point.column >= 1 else { return nil }
        let offset = lineStarts[point.line - 1] + point.column - 1
        return offset <= bytes.count ? offset : nil
    }

    /// The line (1-based) of an offset.
    func line(of offset: Int) -> Int {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low + 1
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[range.clamped(to: 0..<bytes.count)], as: UTF8.self)
    }

    /// Matches a text node's text against the source from `start`, as cmark-gfm read it: a backslash
    /// escape stands for its character, an entity or numeric reference for the character(s) it names.
    /// Returns the source offset of every byte of `literal` (and of its end), or nil when the source there
    /// is not this text. `limit`: where the search must stop.
    func align(_ literal: [UInt8], from start: Int, limit: Int) -> [Int]? {
        var map: [Int] = []
        map.reserveCapacity(literal.count + 1)
        var source = start
        var index = 0
        let end = min(limit, bytes.count)
        while index < literal.count {
            guard source < end else { return nil }
            let byte = bytes[source]
            // An escape or a reference first: `\*` and `&amp;` start with a byte that may also be the text's own.
            if byte == UInt8(ascii: "\\"), source + 1 < end, Self.isASCIIPunctuation(bytes[source + 1]), bytes[source + 1] == literal[index] {
                map.append(source)
                source += 2
                index += 1
                continue
            }
            if byte == UInt8(ascii: "&"), let (length, decoded) = entity(at: source, limit: end),
               decoded.count <= literal.count - index,
               decoded.isEmpty ? literal[index] != UInt8(ascii: "&") : Array(literal[index..<(index + decoded.count)]) == decoded {
                // A name folio does not list stands for one character, unless cmark-gfm left it as written.
                let consumed = decoded.isEmpty ? Self.scalarLength(literal[index]) : decoded.count
                for _ in 0..<consumed { map.append(source) }
                source += length
                index += consumed
                continue
            }
            if byte == literal[index] {
                map.append(source)
                source += 1
                index += 1
                continue
            }
            return nil
        }
        map.append(source)
        return map
    }

    /// An entity or numeric character reference at `offset`: its length and its UTF-8 (empty when the
    /// name is one folio does not list: it then stands for one character, whatever it is).
    private func entity(at offset: Int, limit: Int) -> (Int, [UInt8])? {
        var cursor = offset + 1
        while cursor < limit, cursor - offset <= 32, bytes[cursor] != UInt8(ascii: ";") {
            let byte = bytes[cursor]
            guard (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == UInt8(ascii: "#") else { return nil }
            cursor += 1
        }
        guard cursor < limit, bytes[cursor] == UInt8(ascii: ";"), cursor > offset + 1 else { return nil }
        let name = String(decoding: bytes[(offset + 1)..<cursor], as: UTF8.self)
        let length = cursor - offset + 1
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            let scalar = value.flatMap(Unicode.Scalar.init).flatMap { $0.value == 0 ? nil : $0 } ?? "\u{FFFD}"
            return (length, Array(String(scalar).utf8))
        }
        if let known = Self.entities[name] { return (length, Array(known.utf8)) }
        return (length, [])
    }

    private static let entities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "ndash": "–", "mdash": "—",
        "hellip": "…", "laquo": "«", "raquo": "»", "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "copy": "©",
        "reg": "®", "deg": "°", "shy": "\u{AD}", "thinsp": "\u{2009}", "euro": "€", "times": "×",
    ]

    private static func scalarLength(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte) || (0x7B...0x7E).contains(byte)
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
}

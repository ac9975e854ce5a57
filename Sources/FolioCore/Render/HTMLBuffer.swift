/// HTML being written, as UTF-8 bytes. Markup, text and escaped text are appended straight into one
/// buffer: no intermediate string per tag or text run (building chapter bodies from interpolated
/// `String`s spent most of its time allocating, appending and releasing them).
struct HTMLBuffer {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    var count: Int { bytes.count }

    /// The HTML as a string (the bytes are valid UTF-8: everything appended was).
    var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Markup written in folio's source.
    mutating func append(_ markup: StaticString) {
        markup.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Markup or text that is already safe in HTML (rendered elsewhere, or escaped).
    mutating func append(_ html: String) {
        var html = html
        html.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// UTF-8 bytes that are already safe in HTML.
    mutating func append(raw: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: raw)
    }

    mutating func append(_ other: HTMLBuffer) {
        bytes.append(contentsOf: other.bytes)
    }

    mutating func append(_ number: Int) {
        append(String(number))
    }

    /// Text, with `& < > " '` escaped: safe in element content and in quoted attribute values alike.
    mutating func appendEscaped(_ text: String) {
        var text = text
        text.withUTF8 { appendEscaped($0) }
    }

    mutating func appendEscaped(_ text: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        while let index = ByteSearch.firstHTMLSpecial(in: text, from: runStart) {
            if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<index])) }
            switch text[index] {
            case UInt8(ascii: "&"): append("&amp;")
            case UInt8(ascii: "<"): append("&lt;")
            case UInt8(ascii: ">"): append("&gt;")
            case UInt8(ascii: "\""): append("&quot;")
            default: append("&#39;")
            }
            runStart = index + 1
        }
        if runStart < text.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart...])) }
    }

    func hasSuffix(_ suffix: StaticString) -> Bool {
        suffix.withUTF8Buffer { tail in
            tail.count <= bytes.count && bytes[(bytes.count - tail.count)...].elementsEqual(tail)
        }
    }

    mutating func removeLast(_ count: Int) {
        bytes.removeLast(count)
    }
}

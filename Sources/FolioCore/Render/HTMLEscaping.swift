/// Escaping for text and attribute values placed into HTML. Scans UTF-8 bytes and returns the input
/// untouched when nothing needs escaping (the common case for prose).
public enum HTML {
    /// Escapes `& < > " '` — safe in text and in quoted attribute values alike.
    public static func escape(_ text: String) -> String {
        // Scanned over the contiguous UTF-8 buffer: iterating the UTF8View was most of the cost.
        let needsWork = text.utf8.withContiguousStorageIfAvailable { $0.contains(where: isSpecial) }
            ?? text.utf8.contains(where: isSpecial)
        guard needsWork else { return text }
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case 0x26: out.append(contentsOf: "&amp;".utf8)
            case 0x3C: out.append(contentsOf: "&lt;".utf8)
            case 0x3E: out.append(contentsOf: "&gt;".utf8)
            case 0x22: out.append(contentsOf: "&quot;".utf8)
            case 0x27: out.append(contentsOf: "&#39;".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27
    }

    /// Appends the escaped text to `out` without an intermediate string when nothing needs escaping.
    public static func append(_ text: String, to out: inout String) {
        out += escape(text)
    }
}

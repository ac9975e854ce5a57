/// Escaping for text and attribute values placed into HTML. Scans UTF-8 bytes and returns the input
/// untouched when nothing needs escaping (the common case for prose).
public enum HTML {
    /// Escapes `& < > " '` — safe in text and in quoted attribute values alike.
    public static func escape(_ text: String) -> String {
        // Scanned over the contiguous UTF-8 buffer: iterating the UTF8View was most of the cost.
        let needsWork = text.utf8.withContiguousStorageIfAvailable { $0.contains(where: isSpecial) }
            ?? text.utf8.contains(where: isSpecial)
        guard needsWork else { return text }
        // One entity table for the whole renderer: the byte buffer's.
        var out = HTMLBuffer(capacity: text.utf8.count + 16)
        out.appendEscaped(text)
        return out.string
    }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27
    }
}

/// Escaping for text and attribute values placed into HTML. Scans UTF-8 bytes and returns the input
/// untouched when nothing needs escaping (the common case for prose).
public enum HTML {
    /// Escapes `& < > " '` — safe in text and in quoted attribute values alike.
    public static func escape(_ text: String) -> String {
        guard ByteSearch.withUTF8(text, { ByteSearch.firstHTMLSpecial(in: $0) != nil }) else { return text }
        // One entity table for the whole renderer: the byte buffer's.
        var out = HTMLBuffer(capacity: text.utf8.count + 16)
        out.appendEscaped(text)
        return out.string
    }
}

/// Writes a translator's text back into Markdown so that it reads as text, whatever it holds: the
/// characters Markdown would take for markup are escaped with a backslash (CommonMark allows it before
/// any ASCII punctuation, so escaping more than needed changes nothing on the page).
enum MarkdownEscaping {
    /// Running text. `atStart`: the text begins the block's line, where `#`, `-`, `1.` and the like open blocks.
    static func inline(_ text: String, atStart: Bool, inTable: Bool) -> String {
        var out = ""
        let flattened = text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
        var scalars = Substring(flattened).unicodeScalars[...]
        if atStart {
            while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
            if let first = scalars.first, "#>-+=:|".unicodeScalars.contains(first) {
                out += "\\"
            } else if let first = scalars.first, first.properties.numericType != nil, first.isASCII {
                // `1.` or `1)` would open an ordered list.
                let digits = scalars.prefix { $0.isASCII && $0.properties.numericType != nil }
                let after = scalars.dropFirst(digits.count).first
                if after == "." || after == ")" {
                    out += String(String.UnicodeScalarView(digits)) + "\\"
                    scalars = scalars.dropFirst(digits.count)
                }
            }
        }
        let list = Array(scalars)
        var escapedClosings = Set<Int>()
        for (index, scalar) in list.enumerated() {
            let next = index + 1 < list.count ? list[index + 1] : nil
            switch scalar {
            case "\\", "`", "*", "_", "~": out += "\\" + String(scalar)
            case "[":
                // Only a bracket that could open a link, an image or a footnote call needs escaping.
                let close = list[(index + 1)...].firstIndex(of: "]")
                let after = close.flatMap { $0 + 1 < list.count ? list[$0 + 1] : nil }
                if next == "^" || after == "(" || after == "[" || after == ":" || (index > 0 && list[index - 1] == "!") {
                    out += "\\["
                    if let close { escapedClosings.insert(close) }
                } else {
                    out += "["
                }
            case "]" where escapedClosings.contains(index): out += "\\]"
            case "<" where next.map { $0.properties.isAlphabetic || $0 == "/" || $0 == "!" || $0 == "?" } ?? false: out += "\\<"
            case "&" where next.map { $0 == "#" || $0.properties.isAlphabetic } ?? false: out += "\\&"
            case "|" where inTable: out += "\\|"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A link or image title between `quote`s.
    static func title(_ text: String, quote: UInt8) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar == "\\" || scalar.value == UInt32(quote) { out += "\\" }
            out.unicodeScalars.append(scalar == "\n" ? " " : scalar)
        }
        return out
    }
}

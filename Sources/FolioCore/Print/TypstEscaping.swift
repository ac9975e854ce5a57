/// Writing user text into Typst source so that it is only ever text: escaped markup inside `[...]`,
/// or a string literal where the template expects a string. Nothing from the content ever lands in
/// code position.
enum TypstEscaping {
    /// Bytes with a meaning in Typst markup: `\ * _ ` $ # < > @ [ ] ~ / = + - ;` (`//` starts a
    /// comment, `https://` an automatic link, `;` ends an embedded expression, `=`, `+`, `-`, `/` start
    /// headings and lists at a line's start). A backslash before any of them makes it literal.
    private static let special: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in "\\*_`$#<>@[]~/=+-;".utf8 { table[Int(byte)] = true }
        return table
    }()

    /// `text` as Typst markup that shows exactly `text`.
    ///
    /// - atLineStart: the text begins a line (or a content block), where `12. ` would start a
    ///   numbered list: the full stop is escaped there.
    /// - afterExpression: the text directly follows an embedded expression (`#emph[x]`), which a
    ///   following `(`, `[` or `.` would continue: that first character is escaped.
    static func markup(_ text: String, atLineStart: Bool = false, afterExpression: Bool = false) -> String {
        let bytes = text.utf8
        // The fast path: most runs of prose need nothing.
        if !atLineStart, !afterExpression, !bytes.contains(where: { special[Int($0)] }) { return text }
        var out = [UInt8]()
        out.reserveCapacity(bytes.count + 8)
        var index = bytes.startIndex
        if afterExpression, let first = bytes.first, first == UInt8(ascii: "(") || first == UInt8(ascii: ".") {
            out.append(UInt8(ascii: "\\"))
        }
        if atLineStart {
            // Skip indentation, then digits: `2020. ` at a line's start must not become a list item.
            var probe = index
            while probe < bytes.endIndex, bytes[probe] == UInt8(ascii: " ") || bytes[probe] == UInt8(ascii: "\t") {
                probe = bytes.index(after: probe)
            }
            var digits = probe
            while digits < bytes.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[digits]) {
                digits = bytes.index(after: digits)
            }
            if digits != probe, digits < bytes.endIndex, bytes[digits] == UInt8(ascii: ".") {
                out.append(contentsOf: bytes[index..<digits])
                out.append(UInt8(ascii: "\\"))
                index = digits
            }
        }
        while index < bytes.endIndex {
            let byte = bytes[index]
            if special[Int(byte)] { out.append(UInt8(ascii: "\\")) }
            out.append(byte)
            index = bytes.index(after: index)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `text` as a Typst string literal, quotes included: `"say \"hi\""`.
    static func string(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// An optional string: the literal, or `none`.
    static func string(_ text: String?) -> String {
        text.map { string($0) } ?? "none"
    }

    /// A label name folio generates (`h-3-2`): ASCII letters, digits and hyphens only, so it is safe in
    /// `<...>` syntax. Anything else is replaced, which cannot happen for folio's own names.
    static func label(_ name: String) -> String {
        String(name.unicodeScalars.map { scalar -> Character in
            let ok = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-"
            return ok ? Character(scalar) : "-"
        })
    }
}

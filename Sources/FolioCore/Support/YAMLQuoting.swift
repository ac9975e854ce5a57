import Foundation

/// A YAML double-quoted scalar, for the lines folio writes into files people also edit (a review
/// record, a translation's title, the glossary). Control characters become `\xHH`: YAML's `\x` takes
/// exactly two hex digits.
enum YAMLQuoting {
    /// What a line break in the text becomes: `\n`, or a space where the value must stay on one line
    /// as written (a title).
    enum LineBreak {
        case escaped
        case space
    }

    static func doubleQuoted(_ text: String, lineBreaks: LineBreak = .escaped) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += lineBreaks == .escaped ? "\\n" : " "
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\x%02X", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}

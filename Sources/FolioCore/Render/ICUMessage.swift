import CFolioICU
import Foundation

/// CLDR plural rules, as Debian's ICU has them (`uplrules_*`): the categories a language distinguishes
/// (`one`, `few`, `many`, `other` for Russian) and the one a number falls in. folio has no plural table.
public enum PluralRules {
    /// The ICU locale of a language code (`ar` → `ar@numbers=latn`), as folio formats numbers.
    public static func locale(of language: String) -> String {
        UNLanguage.named(language)?.localeIdentifier ?? language
    }

    /// The categories of `language`, sorted in CLDR order (zero, one, two, few, many, other).
    public static func categories(_ language: String, ordinal: Bool = false) -> [String] {
        var status: Int32 = 0
        guard let rules = folio_plural_open(locale(of: language), ordinal ? 1 : 0, &status), status <= 0 else { return ["other"] }
        defer { folio_plural_close(rules) }
        var buffer = [CChar](repeating: 0, count: 64)
        _ = folio_plural_keywords(rules, &buffer, Int32(buffer.count), &status)
        guard status <= 0 else { return ["other"] }
        let found = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            .split(separator: " ").map(String.init)
        return found.sorted { (order.firstIndex(of: $0) ?? order.count) < (order.firstIndex(of: $1) ?? order.count) }
    }

    /// The category `number` falls in for `language` ("few" for 2 in Russian).
    public static func select(_ number: Double, language: String) -> String {
        var status: Int32 = 0
        guard let rules = folio_plural_open(locale(of: language), 0, &status), status <= 0 else { return "other" }
        defer { folio_plural_close(rules) }
        var buffer = [UInt16](repeating: 0, count: 16)
        let length = folio_plural_select(rules, number, &buffer, Int32(buffer.count), &status)
        guard status <= 0 else { return "other" }
        return String(decoding: buffer.prefix(Int(length)), as: UTF16.self)
    }

    static let order = ["zero", "one", "two", "few", "many", "other"]
}

/// An interface string written in ICU MessageFormat, such as
/// `{n, plural, one {# day late} other {# days late}}`, with named arguments. ICU's C API
/// (`umsg_*`) numbers its arguments, so the names are replaced by numbers here, and each argument's
/// type (a number for `plural`, `selectordinal` and `number`; text otherwise) decides what is passed.
struct ICUMessage {
    /// One `{name, plural|selectordinal|select, …}` argument: its keywords and where it starts.
    struct Choice {
        var name: String
        var kind: String
        /// The selectors in order (`one`, `other`, `=0`), with their offsets in the text's UTF-16.
        var selectors: [String]
        /// The UTF-16 offset of the argument's `{`.
        var offset: Int
    }

    /// The argument names in the order of their numbers.
    let names: [String]
    /// Whether each argument is a number.
    let numeric: [Bool]
    let choices: [Choice]
    /// The pattern with numbered arguments, in UTF-16.
    let pattern: [UInt16]
    /// Where the pattern is shorter or longer than the text: after each number, the difference.
    let shifts: [(at: Int, by: Int)]

    /// The text's offset of a pattern offset.
    func textOffset(_ patternOffset: Int) -> Int {
        patternOffset + shifts.filter { $0.at <= patternOffset }.reduce(0) { $0 + $1.by }
    }

    /// Whether `text` is a MessageFormat message (a `plural`, `select` or `selectordinal` argument):
    /// other strings keep folio's plain `{name}` placeholders.
    static func isMessage(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.contains(UInt8(ascii: ",")) else { return false }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A }
        // `{ name , plural|select|selectordinal ,` anywhere.
        for open in bytes.indices where bytes[open] == UInt8(ascii: "{") {
            var index = open + 1
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }
            let nameStart = index
            while index < bytes.count, !isSpace(bytes[index]), ![UInt8(ascii: ","), UInt8(ascii: "{"), UInt8(ascii: "}")].contains(bytes[index]) {
                index += 1
            }
            guard index > nameStart else { continue }
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }
            guard index < bytes.count, bytes[index] == UInt8(ascii: ",") else { continue }
            index += 1
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }
            let kindStart = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "a"), bytes[index] <= UInt8(ascii: "z") { index += 1 }
            let kind = String(decoding: bytes[kindStart..<index], as: UTF8.self)
            guard ["plural", "select", "selectordinal"].contains(kind) else { continue }
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }
            if index < bytes.count, bytes[index] == UInt8(ascii: ",") { return true }
        }
        return false
    }

    /// A message scanned for its arguments; the scan gives up on what ICU would refuse (ICU reports it).
    init(_ text: String) {
        let units = Array(text.utf16)
        var names: [String] = []
        var numeric: [Bool] = []
        var choices: [Choice] = []
        var replacements: [(range: Range<Int>, index: Int)] = []
        var index = 0
        // The scanner: top-level text, `{argument}`s, and the sub-messages of choice arguments. Apostrophes
        // quote as ICU's default mode: `'{'`, `'#'` and `''`, a lone apostrophe is a character.
        func isSpace(_ unit: UInt16) -> Bool { unit == 0x20 || unit == 0x09 || unit == 0x0A || unit == 0x0D }
        func skipSpace() { while index < units.count, isSpace(units[index]) { index += 1 } }
        func word() -> Range<Int> {
            let start = index
            while index < units.count, !isSpace(units[index]), ![0x2C, 0x7B, 0x7D].contains(units[index]) { index += 1 }
            return start..<index
        }
        func string(_ range: Range<Int>) -> String { String(decoding: units[range], as: UTF16.self) }
        func number(of name: String, isNumber: Bool) -> Int {
            if let known = names.firstIndex(of: name) {
                numeric[known] = numeric[known] || isNumber
                return known
            }
            names.append(name)
            numeric.append(isNumber)
            return names.count - 1
        }
        // Scans text until the `}` that closes the current sub-message (or the end); returns at it.
        func message() {
            while index < units.count {
                let unit = units[index]
                if unit == 0x27, index + 1 < units.count, [0x27, 0x7B, 0x7D, 0x23, 0x7C].contains(units[index + 1]) {
                    // A quoted run: up to the next lone apostrophe.
                    index += 1
                    if units[index] == 0x27 { index += 1; continue }
                    while index < units.count {
                        if units[index] == 0x27 {
                            if index + 1 < units.count, units[index + 1] == 0x27 { index += 2; continue }
                            index += 1
                            break
                        }
                        index += 1
                    }
                } else if unit == 0x7B {
                    argument()
                } else if unit == 0x7D {
                    return
                } else {
                    index += 1
                }
            }
        }
        func argument() {
            let open = index
            index += 1
            skipSpace()
            let nameRange = word()
            let name = string(nameRange)
            skipSpace()
            guard index < units.count else { return }
            if units[index] == 0x7D {
                replacements.append((nameRange, number(of: name, isNumber: false)))
                index += 1
                return
            }
            guard units[index] == 0x2C else { return }
            index += 1
            skipSpace()
            let kind = string(word())
            skipSpace()
            let isNumber = ["plural", "selectordinal", "number", "spellout", "ordinal", "duration"].contains(kind)
            replacements.append((nameRange, number(of: name, isNumber: isNumber)))
            guard ["plural", "selectordinal", "select"].contains(kind) else {
                // A simple typed argument (`{n, number}`): skip its style.
                var depth = 1
                while index < units.count, depth > 0 {
                    if units[index] == 0x7B { depth += 1 } else if units[index] == 0x7D { depth -= 1 }
                    index += 1
                }
                return
            }
            guard index < units.count, units[index] == 0x2C else { return }
            index += 1
            var choice = Choice(name: name, kind: kind, selectors: [], offset: open)
            while index < units.count {
                skipSpace()
                guard index < units.count else { break }
                if units[index] == 0x7D { index += 1; break }
                let selector = string(word())
                skipSpace()
                guard index < units.count, units[index] == 0x7B else { break }
                index += 1
                if !selector.hasPrefix("offset:") { choice.selectors.append(selector) }
                message()
                if index < units.count { index += 1 }
            }
            choices.append(choice)
        }
        while index < units.count {
            message()
            if index < units.count { index += 1 }
        }
        var pattern: [UInt16] = []
        var copied = 0
        var shifts: [(at: Int, by: Int)] = []
        for replacement in replacements.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            pattern += units[copied..<replacement.range.lowerBound]
            let number = Array(String(replacement.index).utf16)
            pattern += number
            copied = replacement.range.upperBound
            shifts.append((pattern.count, replacement.range.count - number.count))
        }
        self.shifts = shifts
        pattern += units[copied...]
        self.names = names
        self.numeric = numeric
        self.choices = choices
        self.pattern = pattern
    }

    /// ICU's MessageFormat of the pattern for `language` (to close), its status and where it stopped.
    private func open(language: String) -> (format: UnsafeMutableRawPointer?, status: Int32, offset: Int32) {
        var status: Int32 = 0
        var offset: Int32 = 0
        let format = pattern.withUnsafeBufferPointer { buffer in
            folio_message_open(buffer.baseAddress, Int32(buffer.count), PluralRules.locale(of: language), &offset, &status)
        }
        return (format, status, offset)
    }

    /// ICU's complaint about the message, with the UTF-16 offset it points at; nil when ICU takes it.
    func syntaxError(language: String) -> (reason: String, offset: Int)? {
        let (format, status, offset) = open(language: language)
        if let format { folio_message_close(format) }
        guard status > 0 else { return nil }
        let name = String(cString: folio_icu_error_name(status))
        let reason: String
        switch name {
        case "U_DEFAULT_KEYWORD_MISSING": reason = "a plural or select argument needs an 'other' arm"
        case "U_DUPLICATE_KEYWORD": reason = "an arm's keyword is used twice"
        case "U_UNDEFINED_KEYWORD": reason = "an arm's keyword is not a plural category"
        case "U_UNMATCHED_BRACES": reason = "a brace is not closed or not opened"
        default: reason = "ICU cannot read it (\(name))"
        }
        return (reason, textOffset(Int(max(0, offset))))
    }

    /// The message filled in: numbers for numeric arguments (from `numbers`, else read from the text of
    /// `texts`), text for the others. nil when ICU refuses the message.
    func format(language: String, texts: [String: String], numbers: [String: Double]) -> String? {
        let opened = open(language: language)
        guard let format = opened.format, opened.status <= 0 else { return nil }
        defer { folio_message_close(format) }
        // The texts stay alive (and in place) while ICU reads them.
        let texts: [[UInt16]] = names.map { Array((texts[$0] ?? "").utf16) + [0] }
        return texts.withPointers { pointers -> String? in
            var arguments: [CVarArg] = []
            for (index, name) in names.enumerated() {
                if numeric[index] {
                    arguments.append(numbers[name] ?? Double(String(decoding: texts[index].dropLast(), as: UTF16.self)) ?? 0)
                } else {
                    arguments.append(pointers[index])
                }
            }
            var capacity: Int32 = 256
            while true {
                var result = [UInt16](repeating: 0, count: Int(capacity))
                var status: Int32 = 0
                let length = withVaList(arguments) { list in folio_message_vformat(format, &result, capacity, list, &status) }
                if status > 0, length >= capacity {
                    capacity = length + 1
                    continue
                }
                guard status <= 0 else { return nil }
                return String(decoding: result.prefix(Int(length)), as: UTF16.self)
            }
        }
    }
}

private extension Array where Element == [UInt16] {
    /// Calls `body` with a stable pointer to each element's storage.
    func withPointers<R>(_ body: ([UnsafePointer<UInt16>]) -> R) -> R {
        func nest(_ index: Int, _ collected: [UnsafePointer<UInt16>]) -> R {
            guard index < count else { return body(collected) }
            return self[index].withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return nest(index + 1, collected) }
                return nest(index + 1, collected + [base])
            }
        }
        return nest(0, [])
    }
}

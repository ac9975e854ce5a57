/// Reads the structure of a BibLaTeX (or BibTeX) file: its entries, their keys and fields, each with
/// its line and column, and every malformed entry as an error at its place (all of them in one run).
/// It does not interpret the fields: pandoc's citeproc reads the file for that. folio needs the keys
/// (unknown, duplicate and uncited ones) and the places, which pandoc does not report.
///
/// Bounded: scanning is linear, braces nest at most `maximumDepth` deep, and the file size is
/// limited by the loader.
package struct BibLaTeXScanner {
    package struct Field: Sendable, Hashable {
        package var name: String
        /// The value as written, without its outer braces or quotes (concatenations kept as written).
        package var value: String
        package var location: SourceLocation
    }

    package struct Entry: Sendable, Hashable {
        /// `book`, `report`, … in lower case.
        package var type: String
        package var key: String
        package var location: SourceLocation
        package var fields: [Field]
    }

    package struct Problem: Sendable, Hashable {
        package var message: String
        package var location: SourceLocation
        package var related: [SourceLocation] = []
        package var isError = true
    }

    package static let maximumDepth = 64
    /// Not entries: they define strings, a preamble or hold comments.
    static let specialTypes: Set<String> = ["string", "preamble", "comment"]

    private let bytes: [UInt8]
    private let file: String
    private var position = 0
    private var line = 1
    private var lineStart = 0
    private(set) var entries: [Entry] = []
    private(set) var problems: [Problem] = []

    init(text: String, file: String) {
        bytes = Array(text.utf8)
        self.file = file
    }

    /// The entries and the problems of `text`; duplicate keys are problems too.
    package static func scan(_ text: String, file: String) -> (entries: [Entry], problems: [Problem]) {
        var scanner = BibLaTeXScanner(text: text, file: file)
        scanner.scanFile()
        var seen: [String: Entry] = [:]
        var unique: [Entry] = []
        for entry in scanner.entries {
            if let first = seen[entry.key] {
                scanner.problems.append(Problem(message: "the key '\(entry.key)' is used twice: here and at line \(first.location.line)",
                                                location: entry.location, related: [first.location]))
                continue
            }
            seen[entry.key] = entry
            unique.append(entry)
        }
        return (unique, scanner.problems)
    }

    // MARK: - File and entries

    private var location: SourceLocation { SourceLocation(file: file, line: line, column: position - lineStart + 1) }

    private mutating func scanFile() {
        while position < bytes.count {
            // Text outside entries is a comment; an `@` opens an entry.
            if bytes[position] == UInt8(ascii: "@") {
                scanEntry()
            } else {
                advance()
            }
        }
    }

    private mutating func scanEntry() {
        let start = location
        advance()  // @
        skipSpace()
        let type = readWhile { Self.isLetter($0) }.lowercased()
        guard !type.isEmpty else {
            fail("an '@' starts an entry, but no entry type follows it: write @type{key, field = {value}} (or leave the '@' out of comments)", at: start)
            return
        }
        skipSpace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "{") || bytes[position] == UInt8(ascii: "(") else {
            fail("the entry @\(type) needs a '{' after its type: @\(type){key, …}", at: location)
            return
        }
        let closing = bytes[position] == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: ")")
        advance()
        switch type {
        case "comment", "preamble":
            // A comment or a preamble: its balanced content is skipped.
            if !skipBalanced(closing: closing, depth: 1) {
                fail("the @\(type) is not closed: a '\(Character(Unicode.Scalar(closing)))' is missing", at: start)
                recover()
            }
        case "string":
            _ = scanFields(closing: closing, entryStart: start, what: "the @string")
        default:
            scanKeyAndFields(type: type, closing: closing, start: start)
        }
    }

    private mutating func scanKeyAndFields(type: String, closing: UInt8, start: SourceLocation) {
        skipSpace()
        let keyLocation = location
        let key = readWhile { !Self.isSpace($0) && $0 != UInt8(ascii: ",") && $0 != closing && $0 != UInt8(ascii: "\n") }
        guard !key.isEmpty else {
            fail("the entry @\(type) has no key: write @\(type){key, …}", at: keyLocation)
            recover()
            return
        }
        if let bad = key.unicodeScalars.first(where: { "{}()\"#%'=\\~@".unicodeScalars.contains($0)
            || $0.properties.isWhitespace || $0.properties.generalCategory == .control }) {
            fail("the key '\(key)' holds \(bad.properties.isWhitespace || bad.properties.generalCategory == .control ? bad.codePoint : "'\(bad)'"), which keys cannot contain", at: keyLocation)
            recover()
            return
        }
        skipSpace()
        guard position < bytes.count else {
            fail("the entry '\(key)' is not closed: a '\(Character(Unicode.Scalar(closing)))' is missing", at: start)
            return
        }
        var fields: [Field] = []
        if bytes[position] == UInt8(ascii: ",") {
            advance()
            guard let found = scanFields(closing: closing, entryStart: start, what: "the entry '\(key)'") else { return }
            fields = found
        } else if bytes[position] == closing {
            advance()
        } else {
            fail("a ',' must follow the key '\(key)' (keys hold no spaces)", at: location)
            recover()
            return
        }
        var names: [String: SourceLocation] = [:]
        for field in fields {
            if let first = names[field.name] {
                problems.append(Problem(message: "the field '\(field.name)' is given twice in the entry '\(key)' (the first is at line \(first.line))",
                                        location: field.location, related: [first], isError: true))
            }
            names[field.name] = field.location
        }
        entries.append(Entry(type: type, key: key, location: keyLocation, fields: fields))
    }

    /// `name = value, …` up to the entry's closing delimiter; nil (reported) when malformed.
    private mutating func scanFields(closing: UInt8, entryStart: SourceLocation, what: String) -> [Field]? {
        var fields: [Field] = []
        while true {
            skipSpace()
            guard position < bytes.count else {
                fail("\(what) is not closed: a '\(Character(Unicode.Scalar(closing)))' is missing", at: entryStart)
                return nil
            }
            if bytes[position] == closing {
                advance()
                return fields
            }
            let nameLocation = location
            let name = readWhile { Self.isLetter($0) || Self.isDigit($0) || "_-:.+/".utf8.contains($0) }.lowercased()
            guard !name.isEmpty else {
                if bytes[position] == UInt8(ascii: "@") {
                    fail("\(what) is not closed: a '\(Character(Unicode.Scalar(closing)))' is missing before the next entry", at: entryStart)
                } else {
                    fail("\(what): a field name was expected here (name = {value})", at: nameLocation)
                    recover()
                }
                return nil
            }
            skipSpace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else {
                fail("\(what): the field '\(name)' needs '=' and a value (\(name) = {…})", at: position < bytes.count ? location : nameLocation)
                recover()
                return nil
            }
            advance()
            guard let value = scanValue(entryStart: entryStart, what: what, field: name) else { return nil }
            fields.append(Field(name: name, value: value, location: nameLocation))
            skipSpace()
            guard position < bytes.count else { continue }
            if bytes[position] == UInt8(ascii: ",") {
                advance()
            } else if bytes[position] != closing {
                fail("\(what): a ',' is missing after the field '\(name)'", at: location)
                recover()
                return nil
            }
        }
    }

    /// `{…}`, `"…"`, a number or a macro name, joined by `#`; nil (reported) when malformed.
    private mutating func scanValue(entryStart: SourceLocation, what: String, field: String) -> String? {
        var parts: [String] = []
        while true {
            skipSpace()
            let partStart = location
            guard position < bytes.count else {
                fail("\(what): the field '\(field)' has no value", at: partStart)
                return nil
            }
            let first = bytes[position]
            if first == UInt8(ascii: "{") || first == UInt8(ascii: "\"") {
                advance()
                let begin = position
                let closed = first == UInt8(ascii: "{") ? skipBalanced(closing: UInt8(ascii: "}"), depth: 1)
                                                         : skipQuoted()
                guard closed else {
                    fail("\(what): the value of '\(field)' is not closed (its braces or quotes are unbalanced)", at: partStart)
                    recover()
                    return nil
                }
                parts.append(String(decoding: bytes[begin..<(position - 1)], as: UTF8.self))
            } else {
                let word = readWhile { Self.isLetter($0) || Self.isDigit($0) || "_-:.+/".utf8.contains($0) }
                guard !word.isEmpty else {
                    fail("\(what): the value of '\(field)' must be in braces, in quotes, a number or a @string name", at: partStart)
                    recover()
                    return nil
                }
                parts.append(word)
            }
            skipSpace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "#") else { return parts.joined() }
            advance()
        }
    }

    // MARK: - Scanning

    /// Skips to the `closing` that balances an opening already read; false at the end of the file, too
    /// deep a nesting, or a line that opens a new entry (an unbalanced value is reported at its entry,
    /// and the next entry still read).
    private mutating func skipBalanced(closing: UInt8, depth start: Int) -> Bool {
        let opening = closing == UInt8(ascii: "}") ? UInt8(ascii: "{") : UInt8(ascii: "(")
        var depth = start
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\\"), position + 1 < bytes.count, bytes[position + 1] != UInt8(ascii: "\n") {
                advance()
                advance()
                continue
            }
            if byte == UInt8(ascii: "\n"), startsEntryOnNextLine() { return false }
            advance()
            if byte == opening {
                depth += 1
                if depth > Self.maximumDepth { return false }
            } else if byte == closing {
                depth -= 1
                if depth == 0 { return true }
            }
        }
        return false
    }

    /// Skips a `"…"` value (braces inside it balanced) after its opening quote.
    private mutating func skipQuoted() -> Bool {
        var depth = 0
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\n"), startsEntryOnNextLine() { return false }
            advance()
            if byte == UInt8(ascii: "{") {
                depth += 1
                if depth > Self.maximumDepth { return false }
            } else if byte == UInt8(ascii: "}") {
                depth -= 1
                if depth < 0 { return false }
            } else if byte == UInt8(ascii: "\""), depth == 0 {
                return true
            }
        }
        return false
    }

    /// Whether the line after the newline at `position` starts (after spaces) with `@letters{` (or
    /// only `@letters`).
    private func startsEntryOnNextLine(braceNeeded: Bool = true) -> Bool {
        var cursor = position + 1
        while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") || bytes[cursor] == UInt8(ascii: "\t") { cursor += 1 }
        guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "@") else { return false }
        cursor += 1
        let letters = cursor
        while cursor < bytes.count, Self.isLetter(bytes[cursor]) { cursor += 1 }
        guard cursor > letters else { return false }
        if !braceNeeded { return true }
        while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
        return cursor < bytes.count && (bytes[cursor] == UInt8(ascii: "{") || bytes[cursor] == UInt8(ascii: "("))
    }

    /// After an error: on to the next line that starts with an `@` (an entry, even a malformed one), so
    /// that later entries are still read and reported.
    private mutating func recover() {
        while position < bytes.count {
            if bytes[position] == UInt8(ascii: "\n"), startsEntryOnNextLine(braceNeeded: false) {
                advance()
                return
            }
            advance()
        }
    }

    private mutating func fail(_ message: String, at location: SourceLocation) {
        problems.append(Problem(message: message, location: location))
    }

    private mutating func advance() {
        if bytes[position] == UInt8(ascii: "\n") {
            line += 1
            lineStart = position + 1
        }
        position += 1
    }

    private mutating func skipSpace() {
        while position < bytes.count, Self.isSpace(bytes[position]) { advance() }
    }

    private mutating func readWhile(_ accept: (UInt8) -> Bool) -> String {
        let begin = position
        while position < bytes.count, accept(bytes[position]) { advance() }
        return String(decoding: bytes[begin..<position], as: UTF8.self)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}

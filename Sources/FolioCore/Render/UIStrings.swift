import Foundation
import Yams

/// The interface strings of one language (navigation labels, notices), from `Templates/i18n/<lang>.yml`.
/// A key missing in a language falls back to the source language, with a warning naming it.
public struct UIStrings: Sendable {
    public let language: String
    public let values: [String: String]

    public init(language: String, values: [String: String]) {
        self.language = language
        self.values = values
    }

    /// The string for `key`; the key itself when no language has it (reported when loading).
    public subscript(key: String) -> String { values[key] ?? key }

    /// Fills `{name}` placeholders: `format("chapter_number", ["n": "4"])` → "Chapter 4".
    /// One pass over the string's bytes (pages ask for thousands of these, and Foundation's
    /// `replacingOccurrences` took a fortieth of a build); a value is inserted as it is, never searched
    /// for placeholders itself, and a `{…}` that names no argument stays as written.
    ///
    /// A string written in ICU MessageFormat (`{n, plural, one {# day late} other {# days late}}`) is
    /// filled in by ICU with the language's plural rules; `numbers` gives its numeric arguments (a
    /// number missing there is read from `arguments`).
    public func format(_ key: String, _ arguments: [String: String], numbers: [String: Double] = [:]) -> String {
        let text = self[key]
        let utf8 = text.utf8
        guard utf8.contains(UInt8(ascii: "{")) else { return text }
        if ICUMessage.isMessage(text),
           let message = ICUMessage(text).format(language: language, texts: arguments, numbers: numbers) {
            return message
        }
        var out = ""
        out.reserveCapacity(utf8.count + 16)
        var copied = utf8.startIndex
        var search = utf8.startIndex
        while let open = utf8[search...].firstIndex(of: UInt8(ascii: "{")) {
            let nameStart = utf8.index(after: open)
            guard let close = utf8[nameStart...].firstIndex(of: UInt8(ascii: "}")) else { break }
            if let value = arguments[String(text[nameStart..<close])] {
                out += text[copied..<open]
                out += value
                copied = utf8.index(after: close)
                search = copied
            } else {
                search = nameStart
            }
        }
        out += text[copied...]
        return out
    }

    /// Loads the strings of every language, falling back key by key to the source language.
    static func load(templates: URL, languages: [String], source: String,
                     diagnostics: DiagnosticCollector) -> [String: UIStrings] {
        load(TemplateSource(folder: templates), languages: languages, source: source, diagnostics: diagnostics)
    }

    /// The strings of `i18n/<lang>.yml`, the publication's own file else folio's default.
    static func load(_ templates: TemplateSource, languages: [String], source: String,
                     diagnostics: DiagnosticCollector) -> [String: UIStrings] {
        var raw: [String: [String: String]] = [:]
        var keyLines: [String: [String: SourceLocation]] = [:]
        for language in Set(languages + [source]).sorted() {
            let path = "Templates/i18n/\(language).yml"
            guard templates.origin(of: "i18n/\(language).yml") != nil else {
                if language == source {
                    diagnostics.error("no interface strings for the source language: create \(path)", at: nil)
                } else {
                    diagnostics.warning("no interface strings for '\(language)' (\(path)): the \(source) strings are used", at: nil)
                }
                continue
            }
            guard let text = templates.text("i18n/\(language).yml", diagnostics: diagnostics) else { continue }
            guard let mapping = YAMLMapping.parse(text, file: path, lineOffset: 0, what: "an i18n file",
                                                  diagnostics: diagnostics) else { continue }
            var strings: [String: String] = [:]
            var lines: [String: SourceLocation] = [:]
            // One pass over the pairs: looking each key up again scanned the whole mapping for every key
            // (a hundred keys a file, 15 ms of a build with one core idle). Yams refuses a key used twice.
            for pair in mapping.node {
                guard let key = pair.key.string else { continue }
                let value = mapping.decodeNode(pair.value, as: String.self, what: "'\(key)'")
                strings[key] = value
                lines[key] = mapping.location(of: pair.key)
                if let value, ICUMessage.isMessage(value) {
                    checkMessage(value, key: key, language: language, at: mapping.location(of: pair.value), source: text,
                                 diagnostics: diagnostics)
                }
            }
            raw[language] = strings
            keyLines[language] = lines
        }
        let sourceStrings = raw[source] ?? [:]
        var result: [String: UIStrings] = [:]
        for language in languages {
            var merged = sourceStrings
            let own = raw[language] ?? [:]
            if raw[language] != nil, language != source {
                for key in sourceStrings.keys.sorted() where own[key] == nil {
                    diagnostics.warning("interface string '\(key)' is missing in '\(language)': the \(source) text is used",
                                        at: SourceLocation(file: "Templates/i18n/\(language).yml"))
                }
                for key in own.keys.sorted() where sourceStrings[key] == nil {
                    diagnostics.warning("interface string '\(key)' is not in the source language's file; unused"
                                        + Suggestion.hint(for: key, in: Array(sourceStrings.keys)),
                                        at: keyLines[language]?[key])
                }
            }
            merged.merge(own) { _, new in new }
            result[language] = UIStrings(language: language, values: merged)
        }
        return result
    }

    /// A MessageFormat string must be one ICU accepts, and each plural argument needs an arm for every
    /// plural category of the language (Russian: one, few, many, other): a missing arm would show the
    /// `other` text where the language says it differently. Reported at the argument.
    static func checkMessage(_ text: String, key: String, language: String, at value: SourceLocation, source: String,
                             diagnostics: DiagnosticCollector) {
        let message = ICUMessage(text)
        if let error = message.syntaxError(language: language) {
            diagnostics.error("interface string '\(key)' is not valid ICU MessageFormat: \(error.reason)",
                              at: place(of: error.offset, in: text, value: value, source: source))
            return
        }
        for choice in message.choices where choice.kind != "select" {
            let ordinal = choice.kind == "selectordinal"
            let categories = PluralRules.categories(language, ordinal: ordinal)
            let missing = categories.filter { !choice.selectors.contains($0) }
            guard !missing.isEmpty else { continue }
            let name = UNLanguage.named(language)?.englishName ?? language
            diagnostics.error("interface string '\(key)': the \(ordinal ? "ordinal " : "")plural of '\(choice.name)' has no arm for "
                              + "\(missing.joined(separator: ", ")) (\(name) distinguishes \(categories.joined(separator: ", ")))",
                              at: place(of: choice.offset, in: text, value: value, source: source))
        }
    }

    /// Where the UTF-16 `offset` of a string's value is in its file: found on the value's line when the
    /// text from there is written as it is (no escapes), else the value's start.
    static func place(of offset: Int, in text: String, value: SourceLocation, source: String) -> SourceLocation {
        let utf16 = Array(text.utf16)
        let from = min(max(0, offset), utf16.count)
        let snippet = String(decoding: utf16[from..<min(utf16.count, from + 12)], as: UTF16.self)
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        guard !snippet.isEmpty, value.line - 1 < lines.count else { return value }
        let line = lines[value.line - 1]
        let start = line.index(line.startIndex, offsetBy: min(value.column - 1, line.count))
        guard let found = line[start...].range(of: snippet) else { return value }
        return SourceLocation(file: value.file, line: value.line, column: line.distance(from: line.startIndex, to: found.lowerBound) + 1)
    }
}

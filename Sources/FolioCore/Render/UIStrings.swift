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
    public func format(_ key: String, _ arguments: [String: String]) -> String {
        let text = self[key]
        let utf8 = text.utf8
        guard utf8.contains(UInt8(ascii: "{")) else { return text }
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
        var raw: [String: [String: String]] = [:]
        var keyLines: [String: [String: SourceLocation]] = [:]
        for language in Set(languages + [source]).sorted() {
            let path = "Templates/i18n/\(language).yml"
            let url = templates.appendingPathComponent("i18n/\(language).yml")
            guard FileManager.default.fileExists(atPath: url.path) else {
                if language == source {
                    diagnostics.error("no interface strings for the source language: create \(path)", at: nil)
                } else {
                    diagnostics.warning("no interface strings for '\(language)' (\(path)): the \(source) strings are used", at: nil)
                }
                continue
            }
            guard let data = ContentLoader.readFile(url, path: path, diagnostics: diagnostics) else { continue }
            guard let text = SourceText.decode(data, path: path, diagnostics: diagnostics) else { continue }
            guard let mapping = YAMLMapping.parse(text, file: path, lineOffset: 0, what: "an i18n file",
                                                  diagnostics: diagnostics) else { continue }
            var strings: [String: String] = [:]
            var lines: [String: SourceLocation] = [:]
            // One pass over the pairs: looking each key up again scanned the whole mapping for every key
            // (a hundred keys a file, 15 ms of a build with one core idle). Yams refuses a key used twice.
            for pair in mapping.node {
                guard let key = pair.key.string else { continue }
                strings[key] = mapping.decodeNode(pair.value, as: String.self, what: "'\(key)'")
                lines[key] = mapping.location(of: pair.key)
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
}

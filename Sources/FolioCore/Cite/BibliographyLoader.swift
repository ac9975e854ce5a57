import Foundation
import Yams

/// Reads the bibliography `publication.yml` names and its CSL style: every entry's key with its line
/// and column, malformed entries and duplicate keys as errors at theirs.
package enum BibliographyLoader {
    /// A bibliography is text a person keeps; anything larger is a mistake (or an attack on memory).
    static let maximumBytes = 32 << 20

    static func load(project: URL, settings: BibliographySettings, diagnostics: DiagnosticCollector) -> Bibliography? {
        let path = "Content/\(settings.file)"
        let url = project.appendingPathComponent(path)
        let style = loadStyle(project: project, settings: settings, diagnostics: diagnostics)
        guard FileManager.default.fileExists(atPath: url.path) else {
            diagnostics.error("the bibliography \(path) does not exist", at: settings.fileLocation)
            return nil
        }
        if let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int, size > maximumBytes {
            diagnostics.error("the bibliography is \(size / 1_048_576) MB; folio reads at most \(maximumBytes >> 20) MB", at: SourceLocation(file: path))
            return nil
        }
        guard let data = ContentLoader.readFile(url, path: path, diagnostics: diagnostics),
              let text = SourceText.decode(data, path: path, diagnostics: diagnostics) else { return nil }
        let format: Bibliography.Format
        let entries: [Bibliography.Entry]
        switch (settings.file as NSString).pathExtension.lowercased() {
        case "bib":
            format = .biblatex
            let (found, problems) = BibLaTeXScanner.scan(text, file: path)
            for problem in problems {
                diagnostics.add(Diagnostic(problem.isError ? .error : .warning, problem.message, at: problem.location,
                                           related: problem.related))
            }
            entries = found.map { entry in
                let date = entry.fields.first { $0.name == "date" } ?? entry.fields.first { $0.name == "year" }
                return Bibliography.Entry(key: entry.key, location: entry.location, issued: date?.value)
            }
        case "json":
            format = .cslJSON
            guard let found = cslJSONEntries(text, path: path, diagnostics: diagnostics) else { return nil }
            entries = found
        default:
            format = .cslYAML
            guard let found = cslYAMLEntries(text, path: path, diagnostics: diagnostics) else { return nil }
            entries = found
        }
        guard let style else { return nil }
        return Bibliography(path: path, url: url, format: format, text: text, entries: entries, style: style,
                            referenceList: settings.referenceList)
    }

    /// `Templates/csl/<name>.csl`: the publication's own, else folio's.
    static func loadStyle(project: URL, settings: BibliographySettings, diagnostics: DiagnosticCollector) -> CitationStyle? {
        let source = TemplateSource(project: project)
        let relative = "csl/\(settings.style).csl"
        guard source.origin(of: relative) != nil else {
            let available = source.files(under: "csl/", suffix: ".csl").map { String($0.dropFirst(4).dropLast(4)) }
            diagnostics.error("the citation style '\(settings.style)' is not in Templates/csl/ (there: \(available.joined(separator: ", ")))"
                              + Suggestion.hint(for: settings.style, in: available), at: settings.styleLocation)
            return nil
        }
        guard let text = source.text(relative, diagnostics: diagnostics) else { return nil }
        let style = CitationStyle(name: settings.style, text: text)
        guard CitationStyle.styleClass(of: text) != nil else {
            diagnostics.error("Templates/\(relative) is not a CSL style: its <style> element has no class (note or in-text)",
                              at: SourceLocation(file: "Templates/\(relative)"))
            return nil
        }
        return style
    }

    // MARK: - CSL-JSON

    /// The `id` of every item of a CSL-JSON array, located where it is written.
    package static func cslJSONEntries(_ text: String, path: String, diagnostics: DiagnosticCollector) -> [Bibliography.Entry]? {
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(text.utf8))
        } catch {
            let (line, column) = jsonErrorPosition(error)
            diagnostics.error("the bibliography is not valid JSON: \((error as NSError).userInfo["NSDebugDescription"] as? String ?? ContentLoader.reason(error))",
                              at: SourceLocation(file: path, line: line, column: column))
            return nil
        }
        guard let items = parsed as? [Any] else {
            diagnostics.error("a CSL-JSON bibliography is an array of items ([{\"id\": \"key\", \"type\": \"report\", …}])",
                              at: SourceLocation(file: path, line: 1, column: 1))
            return nil
        }
        var places = idPlaces(in: text, path: path)
        var entries = UniqueEntries()
        for (position, item) in items.enumerated() {
            let object = item as? [String: Any]
            let id = (object?["id"] as? String) ?? (object?["id"] as? NSNumber).map { $0.stringValue }
            guard let id, !id.isEmpty else {
                diagnostics.error("item \(position + 1) of the bibliography has no \"id\" (its citation key)",
                                  at: SourceLocation(file: path, line: 1, column: 1))
                continue
            }
            var location = SourceLocation(file: path, line: 1, column: 1)
            if var written = places[id], !written.isEmpty {
                location = written.removeFirst()
                places[id] = written
            }
            entries.add(id, at: location, issued: object.flatMap { CSLDate.text(of: $0["issued"]) }, diagnostics: diagnostics)
        }
        return entries.read
    }

    /// Where each `"id": "value"` is written, by value, in file order.
    private static func idPlaces(in text: String, path: String) -> [String: [SourceLocation]] {
        let bytes = Array(text.utf8)
        let needle = Array("\"id\"".utf8)
        var places: [String: [SourceLocation]] = [:]
        var line = 1, lineStart = 0, index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\n") {
                line += 1
                lineStart = index + 1
            }
            if bytes[index] == needle[0], index + needle.count <= bytes.count, Array(bytes[index..<(index + needle.count)]) == needle {
                var cursor = index + needle.count
                while cursor < bytes.count, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains(bytes[cursor]) { cursor += 1 }
                if cursor < bytes.count, bytes[cursor] == UInt8(ascii: ":") {
                    cursor += 1
                    while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") || bytes[cursor] == UInt8(ascii: "\t") { cursor += 1 }
                    let valueStart = cursor
                    var value: String?
                    if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\"") {
                        cursor += 1
                        let begin = cursor
                        while cursor < bytes.count, bytes[cursor] != UInt8(ascii: "\""), bytes[cursor] != UInt8(ascii: "\n") {
                            cursor += bytes[cursor] == UInt8(ascii: "\\") ? 2 : 1
                        }
                        if cursor <= bytes.count {
                            value = String(decoding: bytes[begin..<min(cursor, bytes.count)], as: UTF8.self)
                        }
                    } else {
                        let begin = cursor
                        while cursor < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[cursor]) { cursor += 1 }
                        if cursor > begin { value = String(decoding: bytes[begin..<cursor], as: UTF8.self) }
                    }
                    if let value {
                        places[value, default: []].append(SourceLocation(file: path, line: line, column: valueStart - lineStart + 1))
                    }
                }
                index += needle.count
                continue
            }
            index += 1
        }
        return places
    }

    /// "… around line 3, column 5." in Foundation's JSON errors.
    private static func jsonErrorPosition(_ error: Error) -> (Int, Int) {
        let text = (error as NSError).userInfo["NSDebugDescription"] as? String ?? ""
        func number(after word: String) -> Int? {
            guard let range = text.range(of: word + " ") else { return nil }
            return Int(text[range.upperBound...].prefix { $0.isNumber })
        }
        return (number(after: "line") ?? 1, number(after: "column") ?? 1)
    }

    // MARK: - CSL-YAML

    /// The `id` of every item of a CSL-YAML bibliography (`references:` list, as pandoc writes it).
    package static func cslYAMLEntries(_ text: String, path: String, diagnostics: DiagnosticCollector) -> [Bibliography.Entry]? {
        guard let yaml = YAMLMapping.parse(text, file: path, lineOffset: 0, what: "a CSL-YAML bibliography", diagnostics: diagnostics) else {
            return nil
        }
        guard let items = yaml.value("references")?.sequence else {
            diagnostics.error("a CSL-YAML bibliography holds a list 'references:' of items (- id: key)", at: yaml.location)
            return nil
        }
        var entries = UniqueEntries()
        for item in items {
            guard let mapping = item.mapping else {
                diagnostics.error("an item of 'references' must be a mapping with an id", at: yaml.location(of: item))
                continue
            }
            let entry = YAMLMapping(node: mapping, file: path, lineOffset: 0, diagnostics: diagnostics)
            guard let id = entry.require("id", as: String.self, what: "the item's citation key") else { continue }
            let location = entry.value("id").map(entry.location(of:)) ?? entry.location
            entries.add(id, at: location, issued: entry.value("issued").flatMap { CSLDate.text(of: CSLDate.plain($0)) }, diagnostics: diagnostics)
        }
        return entries.read
    }
}

/// The entries of a CSL file in file order, each key once: a key's second use is an error at it that
/// points at the first.
private struct UniqueEntries {
    private(set) var read: [Bibliography.Entry] = []
    private var seen: [String: SourceLocation] = [:]

    mutating func add(_ key: String, at location: SourceLocation, issued: String?, diagnostics: DiagnosticCollector) {
        if let first = seen[key] {
            diagnostics.error("the key '\(key)' is used twice: here and at line \(first.line)", at: location, related: [first])
            return
        }
        seen[key] = location
        read.append(Bibliography.Entry(key: key, location: location, issued: issued))
    }
}

/// A CSL date variable (`issued`) as a BibLaTeX-style date: `{"date-parts": [[2020, 9]]}` or
/// `{"raw": "2020-09"}` gives "2020-09"; a literal or a season is not a date to compare, so nil.
enum CSLDate {
    static func text(of value: Any?) -> String? {
        guard let object = value as? [String: Any] else { return nil }
        if let raw = object["raw"] as? String { return raw }
        guard let parts = object["date-parts"] as? [Any], let first = parts.first as? [Any] else { return nil }
        let numbers = first.prefix(3).map { part -> Int? in
            if let number = part as? NSNumber { return number.intValue }
            return (part as? String).flatMap { Int($0) }
        }
        guard let year = numbers.first ?? nil, (1000...9999).contains(year) else { return nil }
        var text = String(year)
        for number in numbers.dropFirst() {
            guard let number, (1...31).contains(number) else { break }
            text += number < 10 ? "-0\(number)" : "-\(number)"
        }
        return text
    }

    /// A YAML node as the JSON reader gives values (mappings, arrays, numbers, strings).
    static func plain(_ node: Node) -> Any? {
        if let mapping = node.mapping {
            var object: [String: Any] = [:]
            for (key, value) in mapping { if let key = key.string, let value = plain(value) { object[key] = value } }
            return object
        }
        if let sequence = node.sequence { return sequence.compactMap(plain) }
        guard let text = node.string else { return nil }
        return Int(text).map { NSNumber(value: $0) } ?? text
    }
}

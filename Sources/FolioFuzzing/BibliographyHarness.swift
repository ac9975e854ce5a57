import Foundation
import FolioCore

/// The bibliography readers: the BibLaTeX scanner and the CSL-JSON and CSL-YAML readers. Whatever the
/// bytes, they end, every entry and every problem is placed inside the file, each entry's key is
/// written at its place, keys are unique, and no entry is both kept and reported as malformed at its
/// own key. A date the chronology check reads from an entry begins with the year written there.
struct BibliographyHarness: FuzzHarness {
    static let file = "Content/references.bib"

    func violations(for input: Data) -> [String] {
        let text = String(decoding: input, as: UTF8.self)
        // Lines split at line feeds byte by byte, as the scanner counts them: `String.split` would take
        // CR LF for one Character and miss the break (found by fuzzing).
        let lines = Array(text.utf8).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        let last = lastLine(of: text)
        var found: [String] = []
        let (entries, problems) = BibLaTeXScanner.scan(text, file: Self.file)
        var keys = Set<String>()
        for entry in entries {
            if entry.key.isEmpty || entry.key.contains(where: \.isWhitespace) { found.append("the key \(entry.key.debugDescription) is not a key") }
            if !keys.insert(entry.key).inserted { found.append("the key '\(entry.key)' is kept twice") }
            let line = entry.location.line, column = entry.location.column
            guard line >= 1, line <= lines.count, column >= 1 else {
                found.append("the entry '\(entry.key)' is placed outside the file (\(entry.location))")
                continue
            }
            let key = Array(entry.key.utf8)
            let written = lines[line - 1]
            if column - 1 + key.count > written.count || Array(written[(column - 1)..<(column - 1 + key.count)]) != key {
                found.append("the key '\(entry.key)' is not written at \(entry.location)")
            }
        }
        for problem in problems {
            if problem.location.line < 1 || problem.location.line > last || problem.location.column < 1 {
                found.append("the problem \(problem.message.debugDescription) is placed outside the file (\(problem.location))")
            }
            if problem.message.isEmpty { found.append("a problem without a message") }
        }
        // The same bytes as CSL-JSON and as CSL-YAML: reported or read, with places inside the file.
        for (format, read) in [("CSL-JSON", BibliographyLoader.cslJSONEntries), ("CSL-YAML", BibliographyLoader.cslYAMLEntries)] {
            let diagnostics = DiagnosticCollector()
            if let entries = read(text, "Content/references.\(format == "CSL-JSON" ? "json" : "yaml")", diagnostics) {
                var seen = Set<String>()
                for entry in entries where !seen.insert(entry.key).inserted { found.append("the \(format) id '\(entry.key)' is kept twice") }
                for entry in entries {
                    guard let issued = entry.issued, let day = ChronologyChecker.earliestDay(issued) else { continue }
                    if Int(issued.prefix(4)) != day.year { found.append("the \(format) date \(issued.debugDescription) was read as \(day)") }
                }
            }
            for diagnostic in diagnostics.diagnostics {
                if let location = diagnostic.location, location.line < 1 || location.line > last || location.column < 1 {
                    found.append("a \(format) problem placed outside the file (\(location)): \(diagnostic.message)")
                }
            }
        }
        return found
    }
}

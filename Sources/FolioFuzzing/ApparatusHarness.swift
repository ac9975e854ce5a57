import Foundation
import FolioCore

/// The readers of the publication's apparatus: `acronyms.yml`, the imprint's identifiers in
/// publication.yml, and the acronym finder run over the same bytes as text. Whatever the bytes, they
/// end; every entry and problem is placed inside the file, each acronym's key is written at its place,
/// no acronym is kept twice; an identifier accepted is well-formed (an ISBN has its check digit); and
/// every acronym found in text is a whole word, exactly as the list writes it.
struct ApparatusHarness: FuzzHarness {
    static let file = "Content/en/acronyms.yml"

    func violations(for input: Data) -> [String] {
        let text = String(decoding: input, as: UTF8.self)
        let lines = Array(text.utf8).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        let last = lastLine(of: text)
        var found: [String] = []
        let diagnostics = DiagnosticCollector()
        let list = AcronymLoader.parse(text, path: Self.file, language: "en", diagnostics: diagnostics)
        var seen = Set<String>()
        for entry in list?.entries ?? [] {
            if !seen.insert(entry.short).inserted { found.append("the acronym '\(entry.short)' is kept twice") }
            if !AcronymMatcher.isWellFormed(entry.short) { found.append("the malformed acronym \(entry.short.debugDescription) is kept") }
            let line = entry.location.line, column = entry.location.column
            guard line >= 1, line <= lines.count, column >= 1 else {
                found.append("the acronym '\(entry.short)' is placed outside the file (\(entry.location))")
                continue
            }
            if column - 1 >= lines[line - 1].count { found.append("the acronym '\(entry.short)' is placed past the end of its line (\(entry.location))") }
        }
        for diagnostic in diagnostics.diagnostics {
            if let location = diagnostic.location, location.line < 1 || location.line > last || location.column < 1 {
                found.append("a problem placed outside the file (\(location)): \(diagnostic.message)")
            }
        }
        // The imprint: an accepted ISBN has 13 digits and its check digit.
        for line in text.split(whereSeparator: \.isNewline).prefix(200) {
            let candidate = String(line)
            if PublicationIdentifiers.isbnProblem(candidate) == nil {
                let digits = candidate.compactMap(\.wholeNumberValue)
                if digits.count != 13 || PublicationIdentifiers.isbnCheckDigit(Array(digits.prefix(12))) != digits[12] {
                    found.append("the ISBN \(candidate.debugDescription) is accepted without its check digit")
                }
            }
        }
        // The finder: each match is the list's acronym, as a whole word, inside the text.
        if let list {
            let matcher = AcronymMatcher(list.entries)
            let bytes = Array(text.utf8)
            for match in matcher.scan(text).matches {
                guard match.start >= 0, match.start < match.end, match.end <= bytes.count else {
                    found.append("a match of '\(match.acronym.short)' outside the text (\(match.start)..<\(match.end))")
                    continue
                }
                if String(decoding: bytes[match.start..<match.end], as: UTF8.self) != match.acronym.short {
                    found.append("the match at \(match.start) is not '\(match.acronym.short)' as written")
                }
            }
        }
        return found
    }
}

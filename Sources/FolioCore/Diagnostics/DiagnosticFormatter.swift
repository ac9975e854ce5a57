import Foundation

/// Prints diagnostics the way compilers do, so editors and CI logs can jump to the place.
public enum DiagnosticFormatter {
    public static func text(_ diagnostics: [Diagnostic]) -> String {
        var out = ""
        for diagnostic in diagnostics {
            out += line(for: diagnostic) + "\n"
            for related in diagnostic.related {
                out += "\(related): note: see here\n"
            }
        }
        return out
    }

    public static func line(for diagnostic: Diagnostic) -> String {
        let place = diagnostic.location.map { "\($0): " } ?? "folio: "
        return "\(place)\(diagnostic.severity.rawValue): \(diagnostic.message)"
    }

    /// "2 errors, 1 warning" — the closing line of a run.
    public static func summary(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return "\(plural(errors, "error")), \(plural(warnings, "warning"))"
    }

    /// A JSON array of `{severity, file, line, column, message, related}` objects, for tools.
    public static func json(_ diagnostics: [Diagnostic]) -> String {
        struct Entry: Encodable {
            var severity: String
            var file: String?
            var line: Int?
            var column: Int?
            var message: String
            var related: [SourceLocation]
        }
        let entries = diagnostics.map {
            Entry(severity: $0.severity.rawValue, file: $0.location?.file, line: $0.location?.line,
                  column: $0.location?.column, message: $0.message, related: $0.related)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(entries) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }
}

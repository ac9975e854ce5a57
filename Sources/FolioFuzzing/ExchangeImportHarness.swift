import Foundation
import FolioCore

/// The exchange file readers (`folio translations import`): XLIFF through the screened XML parser and
/// PO through folio's own reader, on any bytes. Every problem is placed inside the file, and a unit's
/// tagged text reads back as itself (tags and text are never confused).
struct ExchangeImportHarness: FuzzHarness {
    func violations(for input: Data) -> [String] {
        var found: [String] = []
        let text = String(decoding: input, as: UTF8.self)
        let last = lastLine(of: text)
        for path in ["fuzz.xlf", "fuzz.po"] {
            let (units, diagnostics) = TranslationImporter.parse(input, path: path)
            for diagnostic in diagnostics {
                guard let location = diagnostic.location else {
                    found.append("\(path): a diagnostic without a place: \(diagnostic.message)")
                    continue
                }
                if location.file != path { found.append("\(path): a diagnostic about another file: \(location.file)") }
                if location.line < 1 || location.line > last {
                    found.append("\(path): line \(location.line) is outside the file (\(last - 1) lines): \(diagnostic.message)")
                }
            }
            for unit in units {
                for tagged in [unit.source, unit.target].compactMap({ $0 }) {
                    guard let again = TranslationImporter.retag(tagged) else {
                        found.append("\(path): unit '\(unit.id)': its own tagged text does not read back")
                        continue
                    }
                    if again != tagged { found.append("\(path): unit '\(unit.id)': \(tagged.debugDescription) reads back as \(again.debugDescription)") }
                }
            }
        }
        return found
    }
}

import Foundation

/// Reads a gettext PO file back, bounded (at most `SafeXML.maximumBytes`, lines of at most a megabyte).
/// Entries are keyed by `msgctxt` (`en/01-introduction.md|section/p1`, as folio writes them); a
/// `fuzzy` entry or an empty `msgstr` is untranslated, as gettext has it. Obsolete (`#~`) and previous
/// (`#|`) lines are skipped. Every syntax problem is reported at its line and column.
enum POReader {
    static let maximumLineBytes = 1 << 20

    private struct Entry {
        var context: String?
        var id: String?
        var translation: String?
        var fuzzy = false
        var plural = false
        var line = 0
        var started = false
    }

    private enum Field { case context, id, plural, translation, ignored }

    static func read(_ data: Data, path: String, diagnostics: DiagnosticCollector) -> ImportedFile? {
        if data.count > SafeXML.maximumBytes {
            diagnostics.error("the file is \(data.count / 1_048_576) MB; folio reads exchange files of at most \(SafeXML.maximumBytes >> 20) MB",
                              at: SourceLocation(file: path))
            return nil
        }
        guard let text = String(validating: [UInt8](data), as: UTF8.self) else {
            diagnostics.error("the file is not valid UTF-8: save it as UTF-8 (Content-Type: text/plain; charset=UTF-8)",
                              at: SourceLocation(file: path))
            return nil
        }
        var file = ImportedFile(sourceLanguage: nil, targetLanguage: nil, units: [])
        var entry = Entry()
        var field = Field.ignored
        var failed = false
        func error(_ message: String, _ line: Int, _ column: Int = 1) {
            diagnostics.error(message, at: SourceLocation(file: path, line: line, column: column))
            failed = true
        }
        func finish() {
            defer { entry = Entry(); field = .ignored }
            guard entry.started else { return }
            guard let id = entry.id else { return error("an entry without msgid", entry.line) }
            if entry.plural { return error("plural forms (msgid_plural) are not used by folio's exchange files", entry.line) }
            if entry.context == nil && id.isEmpty {
                readHeader(entry.translation ?? "", into: &file)
                return
            }
            guard let context = entry.context, let bar = context.firstIndex(of: "|") else {
                return error("an entry without folio's msgctxt (\"<chapter>|<unit id>\"): this file was not exported by folio", entry.line)
            }
            var unit = ImportedUnit(chapter: String(context[..<bar]), id: String(context[context.index(after: bar)...]),
                                    source: nil, target: nil, location: SourceLocation(file: path, line: entry.line))
            do {
                unit.source = try tagged(id)
                if let translation = entry.translation, !translation.isEmpty, !entry.fuzzy { unit.target = try tagged(translation) }
            } catch let problem {
                return error("unit '\(unit.id)': \(problem.message)", entry.line)
            }
            file.units.append(unit)
        }
        var number = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.utf8.count > maximumLineBytes { error("a line longer than \(maximumLineBytes) bytes", number); continue }
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.isEmpty { finish(); continue }
            if trimmed.hasPrefix("#") {
                if field == .translation || field == .plural { finish() }
                if trimmed.hasPrefix("#,") && trimmed.contains("fuzzy") { entry.fuzzy = true; entry.started = true }
                continue
            }
            if trimmed.hasPrefix("\"") {
                guard field != .ignored else { error("a string continues no msgid, msgstr or msgctxt", number); continue }
                guard let value = string(trimmed, line: number, column: line.count - trimmed.count + 1, report: error) else { continue }
                switch field {
                case .context: entry.context = (entry.context ?? "") + value
                case .id: entry.id = (entry.id ?? "") + value
                case .translation: entry.translation = (entry.translation ?? "") + value
                default: break
                }
                continue
            }
            let keyword = trimmed.prefix { $0 != " " && $0 != "\t" && $0 != "\"" }
            let rest = trimmed.dropFirst(keyword.count).drop { $0 == " " || $0 == "\t" }
            let column = line.count - rest.count + 1
            switch keyword {
            case "msgctxt":
                if field == .translation || field == .plural { finish() }
                entry.started = true
                if entry.line == 0 { entry.line = number }
                field = .context
                entry.context = string(rest, line: number, column: column, report: error) ?? ""
            case "msgid":
                if field == .translation || field == .plural { finish() }
                entry.started = true
                if entry.line == 0 { entry.line = number }
                field = .id
                entry.id = string(rest, line: number, column: column, report: error) ?? ""
            case "msgid_plural":
                entry.plural = true
                field = .plural
            case "msgstr":
                field = .translation
                entry.translation = string(rest, line: number, column: column, report: error) ?? ""
            default:
                if keyword.hasPrefix("msgstr[") { entry.plural = true; field = .plural; continue }
                error("unknown keyword '\(keyword)': a PO line starts with #, msgctxt, msgid, msgstr or a quoted string", number)
            }
        }
        finish()
        return failed ? nil : file
    }

    private static func readHeader(_ header: String, into file: inout ImportedFile) {
        for line in header.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { continue }
            if parts[0] == "Language" { file.targetLanguage = parts[1] }
            if parts[0] == "X-Folio-Source-Language" { file.sourceLanguage = parts[1] }
        }
    }

    /// A quoted PO string with C escapes; nil (reported) when it is not one.
    private static func string(_ text: Substring, line: Int, column: Int, report: (String, Int, Int) -> Void) -> String? {
        var scalars = text.unicodeScalars[...]
        guard scalars.first == "\"" else {
            report("expected a quoted string", line, column)
            return nil
        }
        scalars.removeFirst()
        var out = String.UnicodeScalarView()
        var offset = 1
        while let scalar = scalars.first {
            scalars.removeFirst()
            offset += 1
            switch scalar {
            case "\"":
                guard scalars.allSatisfy({ $0 == " " || $0 == "\t" }) else {
                    report("text after the closing quote", line, column + offset)
                    return nil
                }
                return String(out)
            case "\\":
                guard let next = scalars.first else { break }
                scalars.removeFirst()
                offset += 1
                switch next {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "\\": out.append("\\")
                case "\"": out.append("\"")
                case "a": out.append("\u{07}")
                case "b": out.append("\u{08}")
                case "f": out.append("\u{0C}")
                case "v": out.append("\u{0B}")
                default:
                    report("unknown escape '\\\(next)' in a string", line, column + offset - 2)
                    return nil
                }
            default:
                out.append(scalar)
            }
        }
        report("the string is not closed: add a '\"' at the end of the line", line, column)
        return nil
    }

    /// A PO text with numbered tags (`<1>`, `</1>`, `<2/>`) turned into pieces. Anything else in angle
    /// brackets is text.
    static func tagged(_ text: String) throws(TagProblem) -> UnitText {
        var result = UnitText()
        var run = ""
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == "<", let (piece, end) = tag(in: text, at: index) {
                result.append(.text(run))
                run = ""
                result.append(piece)
                index = end
                continue
            }
            run.append(text[index])
            index = text.index(after: index)
        }
        result.append(.text(run))
        return result
    }

    private static func tag(in text: String, at start: String.Index) -> (UnitPiece, String.Index)? {
        var index = text.index(after: start)
        var closing = false
        if index < text.endIndex, text[index] == "/" {
            closing = true
            index = text.index(after: index)
        }
        var digits = ""
        while index < text.endIndex, let digit = text[index].wholeNumberValue, text[index].isASCII, digits.count < 4 {
            digits.append(Character(String(digit)))
            index = text.index(after: index)
        }
        guard let id = Int(digits), id > 0, index < text.endIndex else { return nil }
        if !closing, text[index] == "/" {
            let after = text.index(after: index)
            guard after < text.endIndex, text[after] == ">" else { return nil }
            return (.standalone(id), text.index(after: after))
        }
        guard text[index] == ">" else { return nil }
        return (closing ? .close(id) : .open(id), text.index(after: index))
    }
}

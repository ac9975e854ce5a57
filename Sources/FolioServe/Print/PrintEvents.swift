import Foundation

/// The print view's Server-Sent Events, on the same stream as the site's (`/__folio/events`).
extension LiveEvent {
    /// `print`: a language's print view has new pages (the changed page numbers, all pages' hashes, the sections).
    static func print(_ state: PrintPreviewCompilers.ViewState) -> LiveEvent {
        LiveEvent(name: "print", data: json(state))
    }

    /// `print-errors`: the print view's compile failed; the previous pages stay.
    static func printErrors(language: String, lines: [String]) -> LiveEvent {
        LiveEvent(name: "print-errors", data: json(["lang": .string(language), "errors": .lines(lines)] as [String: JSONText]))
    }

    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

/// A string or a list of strings, for small JSON objects.
enum JSONText: Encodable {
    case string(String)
    case lines([String])

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .lines(let lines): try container.encode(lines)
        }
    }
}

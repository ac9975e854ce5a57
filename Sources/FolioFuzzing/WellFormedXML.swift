import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A strict well-formedness check of generated pages (folio writes HTML that is also XML). Foundation's
/// XMLDocument and XMLParser both recover from a mismatched end tag and report success; the errors
/// only reach a parser delegate, so this one collects them.
public enum WellFormedXML {
    /// nil when `data` is well-formed XML, else the first problem and its line.
    public static func problem(in data: Data) -> String? {
        let parser = XMLParser(data: data)
        let collector = ErrorCollector()
        parser.delegate = collector
        let parsed = parser.parse()
        if let first = collector.problems.first { return first }
        if !parsed { return "line \(parser.lineNumber): \(parser.parserError.map { "\($0)" } ?? "parse error")" }
        if let open = collector.openElements.last { return "<\(open)> is never closed" }
        return nil
    }

    private final class ErrorCollector: NSObject, XMLParserDelegate {
        var problems: [String] = []
        var openElements: [String] = []

        func parser(_ parser: XMLParser, parseErrorOccurred error: Error) {
            problems.append("line \(parser.lineNumber): \((error as NSError).code == 76 ? "mismatched end tag" : "\(error)")")
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            openElements.append(name)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if openElements.last == name { openElements.removeLast() }
        }
    }
}

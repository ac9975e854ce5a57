import Foundation
import FolioFuzzing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A generated page parsed strictly as XML: parsing fails on any unbalanced or malformed markup,
/// and XPath queries assert on the structure instead of on strings.
struct Page {
    let document: XMLDocument

    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    init(text: String) throws {
        // XMLDocument recovers from malformed markup without a word: a strict check comes first. The
        // HTML5 doctype has no system id; XML parsers accept it as is.
        if let problem = WellFormedXML.problem(in: Data(text.utf8)) { throw Malformed(description: "not well-formed: \(problem)") }
        document = try XMLDocument(data: Data(text.utf8), options: [])
    }

    func nodes(_ xpath: String) throws -> [XMLNode] {
        try document.nodes(forXPath: xpath)
    }

    /// The string values of the nodes (attributes or elements) an XPath selects.
    func values(_ xpath: String) throws -> [String] {
        try nodes(xpath).map { ($0.stringValue ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    func value(_ xpath: String) throws -> String? {
        try values(xpath).first
    }

    func count(_ xpath: String) throws -> Int {
        try nodes(xpath).count
    }
}

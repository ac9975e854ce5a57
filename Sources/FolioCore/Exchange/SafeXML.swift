import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads XML that comes from outside (XLIFF from a CAT tool, TBX from a terminology database) without
/// trusting it: at most `maximumBytes`, UTF-8 only, and no document type declaration at all, so no
/// entity can be declared (no external entity reads a file or a URL, no "billion laughs" expansion).
/// The bytes are screened before libxml2 sees them; the parser itself resolves no external entity and
/// stops at any DTD event as a second line of defence. Nesting and element count are bounded.
enum SafeXML {
    static let maximumBytes = 32 << 20
    static let maximumDepth = 64
    static let maximumElements = 2_000_000

    /// One element: name (without prefix), attributes (without prefix), children in order, position.
    final class Element {
        let name: String
        let attributes: [String: String]
        var children: [Node] = []
        let line: Int
        let column: Int

        init(name: String, attributes: [String: String], line: Int, column: Int) {
            self.name = name
            self.attributes = attributes
            self.line = line
            self.column = column
        }

        var elements: [Element] { children.compactMap { if case .element(let element) = $0 { element } else { nil } } }

        func first(_ name: String) -> Element? { elements.first { $0.name == name } }

        /// All text inside, elements' text included.
        var text: String {
            children.reduce(into: "") { out, child in
                switch child {
                case .text(let value): out += value
                case .element(let element): out += element.text
                }
            }
        }
    }

    enum Node {
        case text(String)
        case element(Element)
    }

    /// The document's root element, or the problem (at its line and column in `path`).
    static func parse(_ data: Data, path: String) -> Result<Element, Diagnostic> {
        if let problem = screen(data, path: path) { return .failure(problem) }
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = false
        let builder = TreeBuilder()
        parser.delegate = builder
        let parsed = parser.parse()
        if let refused = builder.refused {
            return .failure(.error(refused, at: SourceLocation(file: path, line: parser.lineNumber, column: parser.columnNumber)))
        }
        guard parsed, let root = builder.root else {
            let reason = parser.parserError.map { ($0 as NSError).localizedDescription } ?? "not well-formed"
            return .failure(.error("not well-formed XML: \(reason)", at: SourceLocation(file: path, line: max(parser.lineNumber, 1),
                                                                                         column: max(parser.columnNumber, 1))))
        }
        return .success(root)
    }

    /// Refuses, before any parsing, what the parser must never see: too many bytes, another encoding,
    /// a document type declaration or an entity declaration.
    static func screen(_ data: Data, path: String) -> Diagnostic? {
        let start = SourceLocation(file: path, line: 1, column: 1)
        if data.count > maximumBytes {
            return .error("the file is \(data.count / 1_048_576) MB; folio reads exchange files of at most \(maximumBytes >> 20) MB", at: start)
        }
        if data.starts(with: [0xFE, 0xFF]) || data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0, 0]) {
            return .error("the file is UTF-16 or UTF-32: save it as UTF-8", at: start)
        }
        let bytes = [UInt8](data)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .error("the file is not valid UTF-8: save it as UTF-8", at: start)
        }
        for marker in ["<!DOCTYPE", "<!ENTITY"] {
            if let range = text.range(of: marker, options: [.caseInsensitive]) {
                let before = text[..<range.lowerBound]
                let line = before.count(where: { $0 == "\n" }) + 1
                let column = before.utf8.count - (before.utf8.lastIndex(of: 0x0A).map { before.utf8.distance(from: before.utf8.startIndex, to: $0) + 1 } ?? 0) + 1
                return .error("a document type declaration (\(marker)) is not accepted: it can declare entities that read files or expand "
                              + "without bound; export the file again without one", at: SourceLocation(file: path, line: line, column: column))
            }
        }
        if let declaration = text.prefix(200).range(of: #"encoding\s*=\s*["']([^"']*)["']"#, options: .regularExpression) {
            let value = text[declaration].split(whereSeparator: { $0 == "\"" || $0 == "'" }).dropFirst().first.map(String.init) ?? ""
            if !["utf-8", "utf8"].contains(value.lowercased()) {
                return .error("the file declares the encoding '\(value)': save it as UTF-8", at: start)
            }
        }
        return nil
    }

    private final class TreeBuilder: NSObject, XMLParserDelegate {
        var root: Element?
        var stack: [Element] = []
        var count = 0
        var refused: String?

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            count += 1
            guard stack.count < SafeXML.maximumDepth, count <= SafeXML.maximumElements else {
                return refuse(parser, stack.count >= SafeXML.maximumDepth
                              ? "elements nested more than \(SafeXML.maximumDepth) deep" : "more than \(SafeXML.maximumElements) elements")
            }
            var plain: [String: String] = [:]
            for (key, value) in attributes {
                let local = key.split(separator: ":").last.map(String.init) ?? key
                plain[key.hasPrefix("xml:") ? key : local] = value
            }
            let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
            let element = Element(name: local, attributes: plain, line: parser.lineNumber, column: parser.columnNumber)
            if let parent = stack.last { parent.children.append(.element(element)) } else { root = element }
            stack.append(element)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            _ = stack.popLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard let parent = stack.last else { return }
            if case .text(let before)? = parent.children.last {
                parent.children[parent.children.count - 1] = .text(before + string)
            } else {
                parent.children.append(.text(string))
            }
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            self.parser(parser, foundCharacters: String(decoding: CDATABlock, as: UTF8.self))
        }

        // Any sign of a DTD stops the parse (the screen should have refused the file already).
        func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
            refuse(parser, "an entity declaration is not accepted")
        }

        func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?) {
            refuse(parser, "an external entity is not accepted")
        }

        func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
            refuse(parser, "an external entity is not accepted")
            return nil
        }

        private func refuse(_ parser: XMLParser, _ reason: String) {
            if refused == nil { refused = reason }
            parser.abortParsing()
        }
    }
}

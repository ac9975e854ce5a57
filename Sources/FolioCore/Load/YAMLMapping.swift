import Foundation
import Yams

/// A YAML mapping read from a project file, with the positions of its keys and values, so that every
/// problem is reported at its line. Values are decoded with `YAMLDecoder` into typed values (never
/// Yams' untyped YAML 1.1 loading, which turns `no` into false and `1.10` into 1.1).
public struct YAMLMapping {
    public let node: Node.Mapping
    public let file: String
    /// Lines before the YAML text in its file (1 for front matter after its `---`).
    public let lineOffset: Int
    public let diagnostics: DiagnosticCollector

    /// Yams' default encoding (`Parser.Encoding.default`) reads the whole process environment on every
    /// parse and for every new `YAMLDecoder`: a tenth of a build's time. Swift strings are UTF-8, which
    /// is what it would find.
    private static var encoding: Parser.Encoding { .utf8 }

    /// Keys are text to folio (`value(_:)` compares them as strings), so plain scalars are not given
    /// tags by Yams' seven regular expressions: its duplicate-key check hashes every key with its
    /// resolved tag, which was a twentieth of a build. Values are unaffected: each is constructed from
    /// its text as the type asked for. With text keys, `1:` and `'1':` are the same key twice.
    private static var resolver: Resolver { .basic }

    /// One decoder for every value. Shared across threads safely: it is never mutated, and decoding a
    /// `Node` only reads its options and makes a fresh `_Decoder` per call.
    nonisolated(unsafe) private static let decoder = YAMLDecoder(encoding: encoding)

    /// Parses `yaml`; syntax errors and a document that is not a mapping are reported and give nil.
    /// An empty document is an empty mapping.
    public static func parse(_ yaml: String, file: String, lineOffset: Int, what: String,
                             diagnostics: DiagnosticCollector) -> YAMLMapping? {
        if reportYAMLOnlyLineBreaks(in: yaml, file: file, lineOffset: lineOffset, diagnostics: diagnostics) { return nil }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml, resolver, .default, encoding)
        } catch {
            diagnostics.add(yamlSyntaxDiagnostic(error, file: file, lineOffset: lineOffset))
            return nil
        }
        guard let root else {
            return YAMLMapping(node: Node.Mapping([]), file: file, lineOffset: lineOffset, diagnostics: diagnostics)
        }
        guard let mapping = root.mapping else {
            diagnostics.error("\(what) must be a mapping of keys to values (`key: value` lines)",
                              at: location(of: root, file: file, lineOffset: lineOffset))
            return nil
        }
        return YAMLMapping(node: mapping, file: file, lineOffset: lineOffset, diagnostics: diagnostics)
    }

    /// YAML 1.1 (libyaml) also breaks lines at U+0085, U+2028 and U+2029, which Markdown, editors and
    /// folio's line numbers do not: a title would be folded at it and every line number after it would
    /// be off. Each one is an error at its place instead (found by fuzzing the kpi block parser).
    private static func reportYAMLOnlyLineBreaks(in yaml: String, file: String, lineOffset: Int,
                                                 diagnostics: DiagnosticCollector) -> Bool {
        guard hasYAMLOnlyLineBreak(yaml.utf8) else { return false }
        let names: [UInt32: String] = [0x85: "NEXT LINE", 0x2028: "LINE SEPARATOR", 0x2029: "PARAGRAPH SEPARATOR"]
        var found = false
        var line = 1
        var column = 1
        for scalar in yaml.unicodeScalars {
            if let name = names[scalar.value] {
                diagnostics.error("invisible character \(scalar.codePoint) (\(name)) is a line break in YAML: replace it with a space",
                                  at: SourceLocation(file: file, line: line + lineOffset, column: column))
                found = true
            }
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return found
    }

    /// Whether the UTF-8 holds C2 85, E2 80 A8 or E2 80 A9 (a byte scan: the quotes and dashes of
    /// French and English text share the lead byte E2).
    private static func hasYAMLOnlyLineBreak(_ bytes: String.UTF8View) -> Bool {
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in bytes {
            if (previous.1 == 0xC2 && byte == 0x85) || (previous == (0xE2, 0x80) && (byte == 0xA8 || byte == 0xA9)) { return true }
            previous = (previous.1, byte)
        }
        return false
    }

    public init(node: Node.Mapping, file: String, lineOffset: Int, diagnostics: DiagnosticCollector) {
        self.node = node
        self.file = file
        self.lineOffset = lineOffset
        self.diagnostics = diagnostics
    }

    /// Keys in document order.
    public var keys: [String] { node.keys.compactMap(\.string) }

    /// The value of `key` (the last one, as in Yams). Keys are compared as text: Yams' own lookup
    /// builds a key node and resolves its tag with regular expressions on every call, which was most
    /// of the time spent checking kpi blocks. The keys folio looks up are plain words, which YAML reads
    /// as strings either way.
    public func value(_ key: String) -> Node? {
        var last: Node?
        // Forwards: the mapping is not bidirectional, and reversing it would copy every pair.
        for pair in node where pair.key.string == key { last = pair.value }
        return last
    }

    public func has(_ key: String) -> Bool { value(key) != nil }

    /// The location of a key (or of the mapping itself when the key is absent).
    public func location(ofKey key: String) -> SourceLocation {
        if let keyNode = node.keys.first(where: { $0.string == key }) {
            return Self.location(of: keyNode, file: file, lineOffset: lineOffset)
        }
        return location
    }

    public var location: SourceLocation {
        Self.location(mark: node.mark, file: file, lineOffset: lineOffset)
    }

    public func location(of value: Node) -> SourceLocation {
        Self.location(of: value, file: file, lineOffset: lineOffset)
    }

    /// Decodes the value of `key` as `T`; reports a type mismatch at the value and gives nil.
    public func decode<T: Decodable>(_ key: String, as type: T.Type = T.self, what: String? = nil) -> T? {
        guard let value = value(key) else { return nil }
        return decodeNode(value, as: type, what: what ?? "'\(key)'")
    }

    /// Decodes `key`, reporting an error when it is missing.
    public func require<T: Decodable>(_ key: String, as type: T.Type = T.self, what: String) -> T? {
        guard has(key) else {
            diagnostics.error("\(what) is missing: add a '\(key):' line", at: location)
            return nil
        }
        return decode(key, as: type)
    }

    public func decodeNode<T: Decodable>(_ value: Node, as type: T.Type = T.self, what: String) -> T? {
        // Plain scalars (most values) are constructed directly, as YAMLDecoder would, without its set-up cost.
        if let scalar = value.scalar, let constructible = T.self as? any ScalarConstructible.Type,
           let constructed = constructible.construct(from: scalar) as? T {
            return constructed
        }
        do {
            return try Self.decoder.decode(T.self, from: value)
        } catch let error as DecodingError {
            let (message, path) = Self.describe(error)
            let target = Self.node(at: path, in: value) ?? value
            diagnostics.error("\(what) \(message)", at: location(of: target))
        } catch {
            diagnostics.error("\(what) could not be read: \(error)", at: location(of: value))
        }
        return nil
    }

    /// A nested mapping, or an error when the value is something else.
    public func mapping(_ key: String, what: String) -> YAMLMapping? {
        guard let value = value(key) else { return nil }
        guard let nested = value.mapping else {
            diagnostics.error("\(what) must be a mapping (`key: value` lines)", at: location(of: value))
            return nil
        }
        return YAMLMapping(node: nested, file: file, lineOffset: lineOffset, diagnostics: diagnostics)
    }

    /// Warns about keys not in `known`, suggesting the closest known one.
    public func warnUnknownKeys(known: [String], context: String) {
        for keyNode in node.keys {
            guard let key = keyNode.string, !known.contains(key) else { continue }
            diagnostics.warning("unknown key '\(key)' in \(context)\(Suggestion.hint(for: key, in: known))",
                                at: location(of: keyNode))
        }
    }

    // MARK: - Positions and messages

    static func location(of node: Node, file: String, lineOffset: Int) -> SourceLocation {
        location(mark: node.mark, file: file, lineOffset: lineOffset)
    }

    static func location(mark: Mark?, file: String, lineOffset: Int) -> SourceLocation {
        SourceLocation(file: file, line: (mark?.line ?? 1) + lineOffset, column: mark?.column ?? 1)
    }

    static func yamlSyntaxDiagnostic(_ error: Error, file: String, lineOffset: Int) -> Diagnostic {
        switch error {
        case let YamlError.scanner(context, problem, mark, _),
             let YamlError.parser(context, problem, mark, _),
             let YamlError.composer(context, problem, mark, _):
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            return .error("YAML syntax error: \(detail)", at: location(mark: mark, file: file, lineOffset: lineOffset))
        case let YamlError.duplicatedKeysInMapping(duplicates, context):
            return .error("YAML key used twice: \(duplicates.joined(separator: ", "))",
                          at: location(mark: context.mark, file: file, lineOffset: lineOffset))
        default:
            return .error("YAML could not be read: \(error)", at: SourceLocation(file: file, line: 1 + lineOffset))
        }
    }

    /// The node a decoding error points at, following its coding path.
    static func node(at path: [CodingKey], in root: Node) -> Node? {
        var current = root
        for key in path {
            if let index = key.intValue, let sequence = current.sequence, index < sequence.count {
                current = sequence[index]
            } else if let mapping = current.mapping, let next = mapping[key.stringValue] {
                current = next
            } else {
                return current
            }
        }
        return current
    }

    /// Plain-language message for a decoding failure, with the path it happened at.
    static func describe(_ error: DecodingError) -> (String, [CodingKey]) {
        switch error {
        case let .typeMismatch(type, context):
            return ("must be \(typeDescription(type))\(pathSuffix(context.codingPath))", context.codingPath)
        case let .valueNotFound(type, context):
            return ("must be \(typeDescription(type)), not empty\(pathSuffix(context.codingPath))", context.codingPath)
        case let .keyNotFound(key, context):
            return ("needs a '\(key.stringValue)' entry\(pathSuffix(context.codingPath))", context.codingPath)
        case let .dataCorrupted(context):
            return ("is not valid: \(context.debugDescription)\(pathSuffix(context.codingPath))", context.codingPath)
        @unknown default:
            return ("could not be read", [])
        }
    }

    private static func pathSuffix(_ path: [CodingKey]) -> String {
        guard !path.isEmpty else { return "" }
        let rendered = path.map { $0.intValue.map { "item \($0 + 1)" } ?? $0.stringValue }.joined(separator: ", ")
        return " (at \(rendered))"
    }

    private static func typeDescription(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "text"
        case is Int.Type: return "a whole number"
        case is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        default:
            let name = String(describing: type)
            if name.contains("Scalar") { return "a single value, not a list or a mapping" }
            if name.contains("Sequence") || name.hasPrefix("Array") { return "a list" }
            if name.contains("Mapping") { return "a mapping" }
            if name.hasPrefix("Dictionary") { return "a mapping" }
            return "a \(name)"
        }
    }
}

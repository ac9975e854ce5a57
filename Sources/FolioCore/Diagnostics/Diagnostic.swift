import Foundation

public enum Severity: String, Sendable, Codable, Comparable {
    case error, warning, note

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .note: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A place in a project file: the path is relative to the project folder, the line is counted in the
/// original file (front matter included), columns from 1.
public struct SourceLocation: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int = 1, column: Int = 1) {
        self.file = file
        self.line = max(line, 1)
        self.column = max(column, 1)
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

/// One problem found in the content or the templates, printed as `path:line:column: error: message`.
public struct Diagnostic: Sendable, Hashable, Codable {
    public var severity: Severity
    public var location: SourceLocation?
    public var message: String
    /// Other places the message refers to (the source chapter of a translation, say).
    public var related: [SourceLocation]

    public init(_ severity: Severity, _ message: String, at location: SourceLocation?, related: [SourceLocation] = []) {
        self.severity = severity
        self.message = message
        self.location = location
        self.related = related
    }

    public static func error(_ message: String, at location: SourceLocation?, related: [SourceLocation] = []) -> Diagnostic {
        Diagnostic(.error, message, at: location, related: related)
    }

    public static func warning(_ message: String, at location: SourceLocation?, related: [SourceLocation] = []) -> Diagnostic {
        Diagnostic(.warning, message, at: location, related: related)
    }
}

/// Collects diagnostics from every phase (and from parallel render tasks), so one run reports all
/// problems instead of stopping at the first.
public final class DiagnosticCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Diagnostic] = []
    /// Lists added whole, kept as they are: the preview server adds the same cached lists on every
    /// rebuild (100,000 warnings in the benchmark corpus), and copying them one by one was costly.
    private var batches: [[Diagnostic]] = []
    /// `diagnostics`, kept until the next add: a large publication can have 100,000 warnings to sort.
    private var ordered: [Diagnostic]?

    public init() {}

    public func add(_ diagnostic: Diagnostic) {
        lock.lock()
        items.append(diagnostic)
        ordered = nil
        lock.unlock()
    }

    public func add(contentsOf diagnostics: [Diagnostic]) {
        lock.lock()
        batches.append(diagnostics)
        ordered = nil
        lock.unlock()
    }

    public func error(_ message: String, at location: SourceLocation?, related: [SourceLocation] = []) {
        add(.error(message, at: location, related: related))
    }

    public func warning(_ message: String, at location: SourceLocation?, related: [SourceLocation] = []) {
        add(.warning(message, at: location, related: related))
    }

    /// All diagnostics, deduplicated, in a stable order: by file, line, column, then severity and text.
    public var diagnostics: [Diagnostic] {
        lock.lock()
        defer { lock.unlock() }
        if let ordered { return ordered }
        var seen = Set<Diagnostic>()
        let found = (items + batches.joined()).filter { seen.insert($0).inserted }.sorted(by: Self.order)
        ordered = found
        return found
    }

    public var hasErrors: Bool {
        lock.lock()
        defer { lock.unlock() }
        return items.contains { $0.severity == .error } || batches.contains { $0.contains { $0.severity == .error } }
    }

    private static func order(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        switch (a.location, b.location) {
        case let (x?, y?) where x != y: return x < y
        case (nil, _?): return true
        case (_?, nil): return false
        default:
            if a.severity != b.severity { return a.severity < b.severity }
            return a.message < b.message
        }
    }
}

/// A diagnostic can end an operation that has nothing else to report.
extension Diagnostic: Error {}

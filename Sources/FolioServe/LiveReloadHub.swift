import Foundation

/// One Server-Sent Event.
public struct LiveEvent: Sendable, Equatable {
    public var name: String
    public var data: String

    /// The event on the wire: `event: reload` / `data: …` / blank line.
    public var wire: String {
        let lines = data.split(separator: "\n", omittingEmptySubsequences: false).map { "data: \($0)" }.joined(separator: "\n")
        return "event: \(name)\n\(lines)\n\n"
    }

    public static func reload(_ generation: Int) -> LiveEvent { LiveEvent(name: "reload", data: String(generation)) }
    public static func stylesheet(_ path: String) -> LiveEvent { LiveEvent(name: "stylesheet", data: path) }
    public static func errors(_ lines: [String]) -> LiveEvent {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        let json = (try? encoder.encode(lines)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
        return LiveEvent(name: "errors", data: json)
    }
}

/// The open live-reload connections: each browser tab subscribes, every rebuild is broadcast, and on
/// shutdown every stream is finished so the server can stop cleanly.
public actor LiveReloadHub {
    private var subscribers: [UUID: AsyncStream<LiveEvent>.Continuation] = [:]
    private var closed = false
    /// What a tab that connects now must know first (the current errors, if any).
    private var current: LiveEvent?

    public init() {}

    public func subscribe() -> AsyncStream<LiveEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: LiveEvent.self, bufferingPolicy: .bufferingNewest(16))
        guard !closed else {
            continuation.finish()
            return stream
        }
        let id = UUID()
        subscribers[id] = continuation
        if let current { continuation.yield(current) }
        continuation.onTermination = { [weak self] _ in
            Task { await self?.remove(id) }
        }
        return stream
    }

    public func broadcast(_ event: LiveEvent) {
        // The site's errors stay current until the site rebuilds; the print view's events leave them alone.
        if event.name == "errors" {
            current = event
        } else if event.name == "reload" || event.name == "stylesheet" {
            current = nil
        }
        for continuation in subscribers.values { continuation.yield(event) }
    }

    public var subscriberCount: Int { subscribers.count }

    public func close() {
        closed = true
        for continuation in subscribers.values { continuation.finish() }
        subscribers.removeAll()
    }

    private func remove(_ id: UUID) {
        subscribers[id] = nil
    }
}

import FolioCore
import Foundation
import Hummingbird
import ServiceLifecycle
import Logging

/// `folio serve`: builds the draft site into memory, serves it over HTTP with Hummingbird, rebuilds on
/// every change and reloads the open pages.
public struct PreviewServer: Sendable {
    public var options: SiteBuilder.Options
    public var host: String
    public var port: Int
    /// Called once the server listens, with its URL (the real port when 0 was asked for).
    public var onReady: @Sendable (String) -> Void
    public var log: @Sendable (String) -> Void

    public init(options: SiteBuilder.Options, host: String, port: Int,
                onReady: @escaping @Sendable (String) -> Void, log: @escaping @Sendable (String) -> Void) {
        self.options = options
        self.host = host
        self.port = port
        self.onReady = onReady
        self.log = log
    }

    /// Builds once, then serves until SIGINT or SIGTERM. Returns the first build's outcome when it
    /// failed without any site to show (the caller reports the errors).
    public func run() async throws {
        let engine = IncrementalBuilder(options: options)
        let hub = LiveReloadHub()
        let first = await ChangeWatcher.offMainPool { engine.rebuild() }
        if !first.succeeded {
            let errors = first.diagnostics.filter { $0.severity == .error }
            log("The site has \(errors.count) error\(errors.count == 1 ? "" : "s"); fix them and the page will load by itself:\n"
                + DiagnosticFormatter.text(errors))
            await hub.broadcast(.errors(errors.map(DiagnosticFormatter.line(for:))))
        } else {
            log("Built \(first.renderedPages) pages.")
        }
        let watcher = ChangeWatcher(engine: engine, hub: hub, interval: .milliseconds(20), settle: .milliseconds(10), log: log)
        var logger = Logger(label: "folio.serve")
        logger.logLevel = .warning
        let host = self.host
        let onReady = self.onReady
        let application = Application(
            responder: PreviewResponder(engine: engine, hub: hub),
            configuration: .init(address: .hostname(host, port: port), serverName: "folio"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                let shown = host.contains(":") ? "[\(host)]" : host
                onReady("http://\(shown):\(port)/")
            },
            logger: logger
        )
        // Services stop in reverse order: the watcher first, which ends every live-reload stream, so the
        // server is not left waiting for open event streams when Ctrl-C asks it to stop.
        let group = ServiceGroup(configuration: .init(services: [.init(service: application), .init(service: watcher)],
                                                      gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}

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
    /// `--verbose`: every request, and each print compile with its time and the compiler's memory.
    public var verbose: Bool

    public init(options: SiteBuilder.Options, host: String, port: Int, verbose: Bool = false,
                onReady: @escaping @Sendable (String) -> Void, log: @escaping @Sendable (String) -> Void) {
        self.options = options
        self.host = host
        self.port = port
        self.verbose = verbose
        self.onReady = onReady
        self.log = log
    }

    /// The print view's limits; the environment may shorten them (the tests do).
    static func printSettings(python: String, verbose: Bool) -> PrintPreviewCompilers.Settings {
        var settings = PrintPreviewCompilers.Settings(python: python, verbose: verbose)
        let environment = ProcessInfo.processInfo.environment
        if let seconds = environment["FOLIO_PRINT_IDLE_SECONDS"].flatMap(Double.init), seconds > 0 {
            settings.idleLimit = .milliseconds(Int(seconds * 1000))
        }
        if let mebibytes = environment["FOLIO_PRINT_MEMORY_MIB"].flatMap(Int.init), mebibytes > 0 {
            settings.memoryLimitKiB = mebibytes * 1024
        }
        if let renderer = environment["FOLIO_PRINT_RENDERER"], ["poppler", "typst"].contains(renderer) {
            settings.renderer = renderer
        }
        return settings
    }

    /// Builds once, then serves until SIGINT or SIGTERM. Returns the first build's outcome when it
    /// failed without any site to show (the caller reports the errors).
    public func run() async throws {
        // A print compiler that died leaves a closed pipe: writing to it must fail, not kill the server.
        signal(SIGPIPE, SIG_IGN)
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
        let settings = Self.printSettings(python: options.python, verbose: verbose)
        let compilers = PrintPreviewCompilers(engine: engine, hub: hub, settings: settings, log: log)
        var watcher = ChangeWatcher(engine: engine, hub: hub, interval: .milliseconds(20), settle: .milliseconds(10), log: log)
        watcher.afterGoodRebuild = { await compilers.siteRebuilt() }
        let sweep = min(settings.idleLimit / 4, .seconds(30))
        let printService = PrintPreviewService(compilers: compilers, sweep: sweep)
        var logger = Logger(label: "folio.serve")
        logger.logLevel = .warning
        let host = self.host
        let onReady = self.onReady
        let application = Application(
            responder: PreviewResponder(engine: engine, hub: hub, compilers: compilers, requestLog: verbose ? log : nil),
            configuration: .init(address: .hostname(host, port: port), serverName: "folio"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                let shown = host.contains(":") ? "[\(host)]" : host
                onReady("http://\(shown):\(port)/")
            },
            logger: logger
        )
        // Services stop in reverse order: the print compilers first (their processes end with serve), then the
        // watcher, which ends every live-reload stream, so the server is not left waiting for open event
        // streams when Ctrl-C asks it to stop.
        let services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: application), .init(service: watcher),
                                                                          .init(service: printService)]
        let group = ServiceGroup(configuration: .init(services: services,
                                                      gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}

import FolioCore
import Foundation
import Hummingbird
import ServiceLifecycle

/// Polls the project a few times a second for changes (Linux has no file events in Foundation), waits
/// for a burst of writes to settle (an editor's atomic save is one change), rebuilds, and tells the
/// browsers: reload, swap the stylesheet, or show the errors.
struct ChangeWatcher: Service {
    let engine: IncrementalBuilder
    let hub: LiveReloadHub
    /// How often to look for changes.
    let interval: Duration
    /// Quiet time a burst of changes must be followed by before rebuilding.
    let settle: Duration
    let log: @Sendable (String) -> Void
    /// After a good rebuild (the open print views compile the new content).
    var afterGoodRebuild: @Sendable () async -> Void = {}

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await watch()
        }
        await hub.close()
    }

    private func watch() async {
        var last = ProjectSnapshot.scan(project: engine.options.project)
        while !Task.isCancelled {
            do { try await Task.sleep(for: interval) } catch { break }
            var now = ProjectSnapshot.scan(project: engine.options.project)
            guard now != last else { continue }
            // Let the burst finish: rescan until two scans agree (bounded, in case a file is rewritten forever).
            for _ in 0..<20 {
                do { try await Task.sleep(for: settle) } catch { break }
                let again = ProjectSnapshot.scan(project: engine.options.project)
                if again == now { break }
                now = again
            }
            let changed = now.changes(since: last)
            last = now
            await rebuild(changed: changed, snapshot: now)
        }
    }

    /// `snapshot`: the scan that saw the change, so that the rebuild need not scan again.
    func rebuild(changed: [String], snapshot: ProjectSnapshot) async {
        let started = ContinuousClock.now
        let outcome = await Self.offMainPool { engine.rebuild(snapshot: snapshot) }
        let elapsed = ContinuousClock.now - started
        let milliseconds = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        if outcome.succeeded {
            let stylesheetOnly = !changed.isEmpty && changed.allSatisfy { $0.hasPrefix("Templates/assets/") && $0.hasSuffix(".css") }
            if stylesheetOnly, let stylesheet = outcome.stylesheets.first {
                await hub.broadcast(.stylesheet(stylesheet))
            } else {
                await hub.broadcast(.reload(outcome.generation))
            }
            await afterGoodRebuild()
            log("Rebuilt in \(milliseconds) ms after a change to \(Self.describe(changed)): \(outcome.renderedPages) page\(outcome.renderedPages == 1 ? "" : "s") rendered, \(outcome.reusedPages) unchanged")
        } else {
            let errors = outcome.diagnostics.filter { $0.severity == .error }
            await hub.broadcast(.errors(errors.map(DiagnosticFormatter.line(for:))))
            log("The change to \(Self.describe(changed)) has \(errors.count) error\(errors.count == 1 ? "" : "s"); the last good site is still served:\n"
                + DiagnosticFormatter.text(errors))
        }
    }

    static func describe(_ paths: [String]) -> String {
        paths.count <= 3 ? paths.joined(separator: ", ") : "\(paths.prefix(3).joined(separator: ", ")) and \(paths.count - 3) more"
    }

    /// Runs blocking, CPU-bound work (the rebuild) on a Dispatch thread instead of a Swift concurrency one.
    static func offMainPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: work()) }
        }
    }
}

import Foundation
import ServiceLifecycle

/// Runs beside the server: stops the print compilers no view has used for a while, and when serve stops
/// (Ctrl-C, SIGTERM) stops every one of them and waits until their processes have ended.
struct PrintPreviewService: Service {
    let compilers: PrintPreviewCompilers
    /// How often to look for idle compilers.
    let sweep: Duration

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do { try await Task.sleep(for: sweep) } catch { break }
                await compilers.stopIdle()
            }
        }
        await compilers.stopAll()
    }
}

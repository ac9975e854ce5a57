import Foundation

/// Opt-in durations of a build's phases (`FOLIO_TIMINGS=1`, or the hidden `--timings` flag), for the
/// benchmark and for profiling. Disabled, it records nothing and reads no clock.
///
/// A phase is wall-clock time. A part of a parallel phase (parsing inside loading, writing inside
/// rendering) is summed over the threads that ran it, so it can exceed the phase that contains it.
public final class PhaseTimer: @unchecked Sendable {
    public struct Phase: Sendable, Equatable {
        public var name: String
        public var seconds: Double
        /// Summed over parallel threads rather than wall-clock.
        public var summed: Bool
    }

    public let isEnabled: Bool
    private let clock = ContinuousClock()
    private let lock = NSLock()
    private var phases: [Phase] = []

    public init(enabled: Bool) {
        isEnabled = enabled
    }

    /// Records nothing: the default wherever timings are not asked for.
    public static let disabled = PhaseTimer(enabled: false)

    /// Runs `body` and records its wall-clock duration as the phase `name`.
    @discardableResult
    func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        guard isEnabled else { return try body() }
        let start = clock.now
        defer { record(name, start.duration(to: clock.now), summed: false) }
        return try body()
    }

    /// Runs `body` (one of many parallel tasks) and adds its duration to the part `name`.
    func accumulate<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        guard isEnabled else { return try body() }
        let start = clock.now
        defer { add(name, start.duration(to: clock.now)) }
        return try body()
    }

    /// Adds a duration measured elsewhere (the time a parse held the cmark-gfm lock) to the part `name`.
    func add(_ name: String, _ duration: Duration) {
        guard isEnabled else { return }
        record(name, duration, summed: true)
    }

    /// The phases in the order they were first recorded.
    public var recorded: [Phase] { lock.withLock { phases } }

    private func record(_ name: String, _ duration: Duration, summed: Bool) {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        lock.withLock {
            if let index = phases.firstIndex(where: { $0.name == name }) {
                phases[index].seconds += seconds
            } else {
                phases.append(Phase(name: name, seconds: seconds, summed: summed))
            }
        }
    }

    /// One line per phase, for standard error: `timing: render 1.234 s`.
    public static func format(_ phases: [Phase]) -> String {
        phases.map { phase in
            let seconds = String(format: "%.3f", phase.seconds)
            return "timing: \(phase.name) \(seconds) s" + (phase.summed ? " (summed over threads)" : "") + "\n"
        }.joined()
    }
}

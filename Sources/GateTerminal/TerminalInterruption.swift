#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Thrown by ``run(app:appName:commandName:)`` after SIGINT, SIGTERM or SIGHUP ended the session and
/// the terminal was restored. Print what the session produced, then `exit(exitStatus)` (or call
/// ``terminateProcess()``).
public struct TerminalInterruption: Error, Hashable, Sendable, CustomStringConvertible {
    /// The signal number.
    public let signal: Int32

    /// Creates an interruption for `signal`.
    public init(signal: Int32) { self.signal = signal }

    /// The conventional exit status for the signal: 128 + signal (130 for SIGINT, 143 for SIGTERM,
    /// 129 for SIGHUP).
    public var exitStatus: Int32 { 128 + signal }

    public var description: String { "interrupted by signal \(signal)" }

    /// Ends the process the way the signal would have: default action re-raised, so the parent sees
    /// the signal (shells report 128 + signal); falls back to `exit(exitStatus)`.
    public func terminateProcess() -> Never {
        _ = Glibc.signal(signal, SIG_DFL)
        _ = raise(signal)
        exit(exitStatus)
    }
}

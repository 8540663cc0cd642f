/// Thrown by ``Terminal/nextEvent(timeout:)`` when the process caught SIGINT, SIGTERM or SIGHUP.
///
/// ``runApp(_:on:appName:)`` catches it, lets the app wind down (``TerminalApp/interrupted(bySignal:)``,
/// e.g. save a recording) and returns ``RunOutcome/interrupted(signal:)``, so the terminal can be
/// restored before the process exits with 128 + `number`.
public struct InterruptSignal: Error, Hashable, Sendable, CustomStringConvertible {
    /// The signal number (2 for SIGINT, 15 for SIGTERM, 1 for SIGHUP).
    public let number: Int32

    /// Creates an interruption by signal `number`.
    public init(number: Int32) { self.number = number }

    public var description: String { "interrupted by signal \(number)" }
}

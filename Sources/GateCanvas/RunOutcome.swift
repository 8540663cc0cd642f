/// How ``runApp(_:on:appName:)`` ended.
public enum RunOutcome: Hashable, Sendable {
    /// The app asked to quit (or `q` / Ctrl-C on the "too small" notice).
    case quit
    /// The terminal reported a caught SIGINT, SIGTERM or SIGHUP (``InterruptSignal``); the app's
    /// ``TerminalApp/interrupted(bySignal:)`` has run. Exit with status 128 + `signal` once the
    /// terminal is restored.
    case interrupted(signal: Int32)
}

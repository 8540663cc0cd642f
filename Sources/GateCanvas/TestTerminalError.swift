/// Errors of ``TestTerminal``.
public enum TestTerminalError: Error, Hashable, Sendable {
    /// The run loop asked for an event after the script ended.
    case scriptExhausted
}

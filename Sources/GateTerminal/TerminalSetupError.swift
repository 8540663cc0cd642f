/// Why the terminal could not be opened for a full-screen session. `description` is one line, ready
/// to print on stderr.
public enum TerminalSetupError: Error, Hashable, Sendable, CustomStringConvertible {
    /// stdin or stdout (named by `stream`) is not a terminal; `command` is the subcommand that needs one.
    case notATerminal(command: String, stream: String)
    /// TERM is unset or names no terminfo entry.
    case unknownTerminalType(String)
    /// The terminal cannot move the cursor (for example TERM=dumb) or is a hard-copy terminal.
    case unsupportedTerminal(String)
    /// No terminfo database could be found.
    case noTerminfoDatabase(String)
    /// ncurses refused to start for another reason.
    case initialisationFailed(String)

    /// The one-line message, starting with "error: ".
    public var description: String {
        switch self {
        case let .notATerminal(command, stream):
            return "error: \(command) needs a terminal; \(stream) is not a TTY. "
                + "Use `gatescope record` or `gatescope render` for headless output."
        case let .unknownTerminalType(name) where name.isEmpty:
            return "error: TERM is not set; set TERM to e.g. xterm-256color"
        case let .unknownTerminalType(name):
            return "error: unknown terminal type '\(name)'; set TERM to e.g. xterm-256color"
        case let .unsupportedTerminal(name):
            return "error: terminal type '\(name)' cannot address the cursor, so a full-screen view is "
                + "impossible; set TERM to e.g. xterm-256color or use `gatescope render`"
        case let .noTerminfoDatabase(name):
            return "error: no terminfo database found for terminal type '\(name)'; install ncurses-base "
                + "or set TERMINFO"
        case let .initialisationFailed(name):
            return "error: could not initialise terminal type '\(name)'"
        }
    }
}

/// What the run loop does after an app handled an event.
public enum AppAction: Hashable, Sendable {
    /// Keep running: render and wait for the next event.
    case `continue`
    /// Leave the run loop.
    case quit
}

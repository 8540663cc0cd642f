/// A terminal app that plays a run and is driven by a ``KeyMap``: keys become commands, the mouse
/// wheel steps, a left click goes to ``click(x:y:)``, resizes update ``screen`` and ticks step
/// playback. The event handling every such screen shares, written once (``handleScreenEvent(_:)``).
public protocol PlaybackApp: TerminalApp {
    /// The screen's commands.
    associatedtype Command: PlaybackCommands
    /// The screen's keys.
    static var keyMap: KeyMap<Command> { get }
    /// The step, play or pause and the speed.
    var playback: Playback { get }
    /// The screen as the events told it.
    var screen: ScreenGeometry { get set }
    /// Applies a command; `.quit` ends the app.
    mutating func apply(_ command: Command) -> AppAction
    /// A left click at (x, y). The default does nothing.
    mutating func click(x: Int, y: Int)
    /// One playback tick.
    mutating func tick()
}

extension PlaybackApp {
    /// Ticks while playing, at the playback's speed.
    public var tickInterval: Duration? { playback.tickInterval }

    /// Does nothing: a screen without clickable parts.
    public mutating func click(x: Int, y: Int) {}

    /// Handles `event` as every playback screen does.
    public mutating func handle(_ event: InputEvent) -> AppAction {
        handleScreenEvent(event)
    }

    /// Keys through the key map, the wheel as steps, a left click to ``click(x:y:)``, a resize
    /// into ``screen``, a tick to ``tick()``.
    public mutating func handleScreenEvent(_ event: InputEvent) -> AppAction {
        switch event {
        case .key(let key):
            guard let command = Self.keyMap.command(for: key) else { return .continue }
            return apply(command)
        case .mouse(let mouse):
            switch mouse.action {
            case .scrollUp: return apply(.stepBack)
            case .scrollDown: return apply(.stepForward)
            case .press(.left): click(x: mouse.x, y: mouse.y)
            case .press, .release: break
            }
        case .resize:
            screen.update(with: event)
        case .tick:
            tick()
        }
        return .continue
    }
}

/// An interactive full-screen program driven by ``runApp(_:on:appName:)``.
///
/// The loop renders into a fresh ``CellBuffer`` after every handled event; the terminal flushes only
/// the cells that changed, so render the whole screen every time.
public protocol TerminalApp {
    /// Called once before the first event: the terminal's colour mode (the run loop then sends the
    /// terminal's size as a ``InputEvent/resize(width:height:)``). The default does nothing.
    mutating func begin(colorMode: ColorMode)
    /// Reacts to one event.
    mutating func handle(_ event: InputEvent) -> AppAction
    /// Draws the whole screen into `buffer` (blank, sized like the terminal, with its `colorMode`).
    func render(into buffer: inout CellBuffer)
    /// How often to receive ``InputEvent/tick`` (non-nil while playing); nil for no ticks.
    var tickInterval: Duration? { get }
    /// The smallest terminal the app can draw in; below it the loop shows a message instead.
    var minimumSize: (width: Int, height: Int) { get }
    /// Called once when a caught signal (SIGINT, SIGTERM, SIGHUP) ends the loop, before the terminal
    /// is restored: save what must not be lost. The default does nothing.
    mutating func interrupted(bySignal signal: Int32)
    /// Reacts to a burst of events that arrived together (typed ahead, pasted) and will be drawn
    /// once; stops at the first that quits. The default handles them one by one; an app may do
    /// better (e.g. step a pasted text in one go).
    mutating func handle(burst events: [InputEvent]) -> AppAction
}

extension TerminalApp {
    /// Does nothing: an app that does not lay out its keys by the colour mode need not know it.
    public mutating func begin(colorMode: ColorMode) {}

    /// Does nothing: most apps hold nothing that a signal could lose.
    public mutating func interrupted(bySignal signal: Int32) {}

    /// Hands each event to ``handle(_:)`` in order, stopping at the first that quits.
    public mutating func handle(burst events: [InputEvent]) -> AppAction {
        for event in events where handle(event) == .quit { return .quit }
        return .continue
    }
}

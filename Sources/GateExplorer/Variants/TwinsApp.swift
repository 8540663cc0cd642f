import GateCanvas
/// LSTM, GRU and RNN twins side by side as a terminal app, step-locked: the explorer's keys move one
/// cursor through every model at once.
public struct TwinsApp: PlaybackApp {
    /// The current state.
    public private(set) var state: TwinsState
    /// The screen as the events told it.
    public var screen = ScreenGeometry()

    /// The view of `runs` (left to right).
    public init(runs: [ExplorerRun], palette: ExplorerPalette = .standard) {
        state = TwinsState(runs: runs, palette: palette)
    }

    public static var keyMap: KeyMap<ExplorerCommand> { ExplorerKeys.map }

    public var playback: Playback { state.playback }

    public var minimumSize: (width: Int, height: Int) { (60, 18) }

    public mutating func apply(_ command: ExplorerCommand) -> AppAction {
        state.apply(command)
    }

    public mutating func tick() {
        state.tick()
    }

    public func render(into buffer: inout CellBuffer) {
        TwinsFrame(state: state, width: buffer.width, height: buffer.height, mode: buffer.colorMode).render(into: &buffer)
    }
}

import GateCanvas
/// LSTM, GRU and RNN twins side by side as a terminal app, step-locked: the explorer's keys move one
/// cursor through every model at once.
public struct TwinsApp: TerminalApp {
    /// The current state.
    public private(set) var state: TwinsState

    /// The view of `runs` (left to right).
    public init(runs: [ExplorerRun], palette: ExplorerPalette = .standard) {
        state = TwinsState(runs: runs, palette: palette)
    }

    public var tickInterval: Duration? {
        state.playback.tickInterval
    }

    public var minimumSize: (width: Int, height: Int) { (60, 18) }

    public mutating func handle(_ event: InputEvent) -> AppAction {
        switch event {
        case .key(let key):
            guard let command = ExplorerKeys.command(for: key) else { return .continue }
            return state.apply(command)
        case .mouse(let mouse):
            switch mouse.action {
            case .scrollUp: _ = state.apply(.stepBack)
            case .scrollDown: _ = state.apply(.stepForward)
            default: break
            }
        case .resize:
            break
        case .tick:
            state.tick()
        }
        return .continue
    }

    public func render(into buffer: inout CellBuffer) {
        TwinsFrame(state: state, width: buffer.width, height: buffer.height, mode: buffer.colorMode).render(into: &buffer)
    }
}

import GateCanvas
/// The ConvLSTM explorer as a terminal app: keys, the mouse and ticks change the state; the frame
/// draws it. Opened by `gatescope explore` for ConvLSTM models and `gatescope replay` for their traces.
public struct SpatialExplorerApp: TerminalApp {
    /// The current state.
    public private(set) var state: SpatialExplorerState
    private let memory = ExplorerScreenMemory(width: 120, height: 40, mode: .truecolor)

    /// An explorer on `run`.
    public init(run: SpatialRun, palette: ExplorerPalette = .standard) {
        state = SpatialExplorerState(run: run, palette: palette)
    }

    /// An explorer showing `state` (a lesson stop's step, layer, channel and pixel).
    public init(state: SpatialExplorerState) {
        self.state = state
    }

    public var tickInterval: Duration? {
        state.playback.tickInterval
    }

    public var minimumSize: (width: Int, height: Int) { (60, 18) }

    public mutating func handle(_ event: InputEvent) -> AppAction {
        switch event {
        case .key(let key):
            guard let command = SpatialExplorerCommand.command(for: key) else { return .continue }
            return state.apply(command)
        case .mouse(let mouse):
            switch mouse.action {
            case .scrollUp: _ = state.apply(.stepBack)
            case .scrollDown: _ = state.apply(.stepForward)
            case .press(.left):
                guard !state.showsHelp else { _ = state.apply(.closeOverlay); break }
                let frame = SpatialExplorerFrame(state: state, width: memory.width, height: memory.height)
                if let hit = frame.hit(x: mouse.x, y: mouse.y) {
                    switch hit.tile.content {
                    case .channel(let channel): state.select(channel: channel)
                    case .film(let step): state.playback.step = step
                    default: break
                    }
                    state.select(pixelY: hit.pixelY, pixelX: hit.pixelX)
                }
            case .press, .release: break
            }
        case .resize(let width, let height):
            memory.width = width
            memory.height = height
        case .tick:
            state.tick()
        }
        return .continue
    }

    public func render(into buffer: inout CellBuffer) {
        memory.width = buffer.width
        memory.height = buffer.height
        SpatialExplorerFrame(state: state, width: buffer.width, height: buffer.height).render(into: &buffer)
    }
}

import GateCanvas
/// The ConvLSTM explorer as a terminal app: keys, the mouse and ticks change the state; the frame
/// draws it. Opened by `gatescope explore` for ConvLSTM models and `gatescope replay` for their traces.
public struct SpatialExplorerApp: PlaybackApp {
    /// The current state.
    public private(set) var state: SpatialExplorerState
    /// The screen as the events told it.
    public var screen = ScreenGeometry()

    /// An explorer on `run`.
    public init(run: SpatialRun, palette: ExplorerPalette = .standard) {
        state = SpatialExplorerState(run: run, palette: palette)
    }

    /// An explorer showing `state` (a lesson stop's step, layer, channel and pixel).
    public init(state: SpatialExplorerState) {
        self.state = state
    }

    public static var keyMap: KeyMap<SpatialExplorerCommand> { SpatialExplorerCommand.keys }

    public var playback: Playback { state.playback }

    public var minimumSize: (width: Int, height: Int) { (60, 18) }

    public mutating func apply(_ command: SpatialExplorerCommand) -> AppAction {
        state.apply(command)
    }

    /// A click: closes the help; on a map selects its pixel (and its channel, or a film frame's step).
    public mutating func click(x: Int, y: Int) {
        guard !state.showsHelp else { _ = state.apply(.closeOverlay); return }
        let frame = SpatialExplorerFrame(state: state, width: screen.width, height: screen.height)
        guard let hit = frame.hit(x: x, y: y) else { return }
        switch hit.tile.content {
        case .channel(let channel): state.select(channel: channel)
        case .film(let step): state.playback.step = step
        default: break
        }
        state.select(pixelY: hit.pixelY, pixelX: hit.pixelX)
    }

    public mutating func tick() {
        state.tick()
    }

    public func render(into buffer: inout CellBuffer) {
        SpatialExplorerFrame(state: state, width: buffer.width, height: buffer.height).render(into: &buffer)
    }
}

import GateCanvas
import GateCore

/// Everything the ConvLSTM explorer screen depends on besides the terminal size.
public struct SpatialExplorerState: Sendable, PlaybackState {
    /// The run.
    public let run: SpatialRun
    /// The layer shown (0 at the bottom).
    public internal(set) var layer = 0
    /// The channel shown in full (0-based).
    public internal(set) var channel = 0
    /// The selected pixel's row.
    public internal(set) var pixelY = 0
    /// The selected pixel's column.
    public internal(set) var pixelX = 0
    /// Whether every channel of one series is shown as a grid.
    public internal(set) var showsGrid = false
    /// Index into `SpatialSeries.all` of the series the grid shows.
    public internal(set) var gridSeries = 4
    /// The step, play or pause and the speed.
    public internal(set) var playback = Playback(speedIndex: 2)
    /// Whether the help overlay is open.
    public internal(set) var showsHelp = false
    /// Whether numbers show 6 decimals.
    public internal(set) var showsExactNumbers = false
    /// The map to keep on screen when not every line of maps fits (a lesson stop's highlighted map).
    public internal(set) var emphasis: SpatialTile.Content?
    /// The colour scales.
    public internal(set) var palette: ExplorerPalette

    /// A state at the first step, channel 1, the pixel in the middle of the frame.
    public init(run: SpatialRun, palette: ExplorerPalette = .standard) {
        self.run = run
        self.palette = palette
        pixelY = run.inputShape.height / 2
        pixelX = run.inputShape.width / 2
    }

    /// The shape of the layer shown.
    public var shape: SpatialShape {
        run.shapes.isEmpty ? SpatialShape(channels: 0, height: 0, width: 0) : run.shapes[min(layer, run.shapes.count - 1)]
    }

    /// Decimals shown.
    public var decimals: Int { showsExactNumbers ? 6 : 2 }

    /// Applies `command`; `.quit` ends the app.
    public mutating func apply(_ command: SpatialExplorerCommand) -> AppAction {
        if let done = playback.applyShared(command, showsHelp: &showsHelp, total: run.steps) { return done }
        switch command {
        case .stepForward, .stepBack, .firstStep, .lastStep, .togglePlay, .faster, .slower: break   // playback, above
        case .nextChannel: channel = channel.cycled(by: 1, count: shape.channels)
        case .previousChannel: channel = channel.cycled(by: -1, count: shape.channels)
        case .nextLayer, .previousLayer:
            layer = layer.cycled(by: command == .nextLayer ? 1 : -1, count: run.shapes.count)
            channel = min(channel, max(0, shape.channels - 1))
        case .toggleGrid: showsGrid.toggle()
        case .nextSeries: gridSeries = gridSeries.cycled(by: 1, count: SpatialSeries.all.count)
        case .previousSeries: gridSeries = gridSeries.cycled(by: -1, count: SpatialSeries.all.count)
        case .pixelUp: pixelY = max(0, pixelY - 1)
        case .pixelDown: pixelY = min(shape.height - 1, pixelY + 1)
        case .pixelLeft: pixelX = max(0, pixelX - 1)
        case .pixelRight: pixelX = min(shape.width - 1, pixelX + 1)
        case .togglePalette: palette = palette.toggled
        case .toggleExactNumbers: showsExactNumbers.toggle()
        case .toggleHelp: showsHelp = true
        case .closeOverlay: break
        case .quit: return .quit
        }
        return .continue
    }

    /// Selects a pixel (clamped).
    public mutating func select(pixelY y: Int, pixelX x: Int) {
        pixelY = min(max(0, y), max(0, shape.height - 1))
        pixelX = min(max(0, x), max(0, shape.width - 1))
    }

    /// Selects a channel (clamped).
    public mutating func select(channel: Int) {
        self.channel = min(max(0, channel), max(0, shape.channels - 1))
    }

    /// One playback tick.
    public mutating func tick() {
        guard !showsHelp else { return }
        playback.tick(total: run.steps)
    }
}

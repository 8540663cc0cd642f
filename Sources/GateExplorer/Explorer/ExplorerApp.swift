import GateCanvas
/// The explorer as a terminal app: turns keys, the mouse, resizes and ticks into state changes, and
/// draws the state. Run it with `runApp` (tests: `TestTerminal`) or `GateTerminal.run(app:)`; apps
/// around it (the session, teaching) own one and pass their events down to it.
public struct ExplorerApp: PlaybackApp {
    /// The current state (an app that owns the explorer replaces its rows; see
    /// ``ExplorerState/replaceRows(with:)``).
    public internal(set) var state: ExplorerState
    /// The screen as the events told it (resize; colour mode at the start).
    public var screen = ScreenGeometry()

    /// An explorer on `run`.
    public init(run: ExplorerRun, palette: ExplorerPalette = .standard) {
        self.init(state: ExplorerState(run: run, palette: palette))
    }

    /// An explorer starting from `state`.
    public init(state: ExplorerState) {
        self.state = state
    }

    public static var keyMap: KeyMap<ExplorerCommand> { ExplorerKeys.map }

    public var playback: Playback { state.playback }

    public var minimumSize: (width: Int, height: Int) { ExplorerLayout.minimumSize }

    /// The layout of the screen the events told of, for the current state (pure: no drawing).
    public var layout: ExplorerLayout {
        ExplorerLayout(state: state, width: screen.width, height: screen.height, colorMode: screen.colorMode)
    }

    public mutating func begin(colorMode: ColorMode) {
        screen.colorMode = colorMode
    }

    public mutating func handle(_ event: InputEvent) -> AppAction {
        if case .key(let key) = event, state.goTo != nil {
            // The `:` prompt takes every key until Enter or Esc.
            if let target = state.handleGoToKey(key) { state.go(to: target) }
            return .continue
        }
        return handleScreenEvent(event)
    }

    public mutating func tick() {
        state.tick()
    }

    /// Applies `command` with what it needs to know of the screen.
    public mutating func apply(_ command: ExplorerCommand) -> AppAction {
        state.apply(command, viewport: viewport(for: command))
    }

    public func render(into buffer: inout CellBuffer) {
        ExplorerFrame(state: state, width: buffer.width, height: buffer.height, mode: buffer.colorMode)
            .render(into: &buffer)
    }

    /// What `command` needs of the screen, from the pure layout: the page size, the focus targets
    /// and, only when scrolling the inspector down, how far it scrolls (its lines are counted then).
    private func viewport(for command: ExplorerCommand) -> ExplorerViewport {
        let layout = self.layout
        var lines = 0
        if command == .nextUnit, state.focus == .inspector, !state.showsHelp, layout.inspector.rect != nil {
            lines = ExplorerFrame(state: state, width: screen.width, height: screen.height, mode: screen.colorMode)
                .inspectorLines().count
        }
        return layout.viewport(state: state, inspectorLines: lines)
    }

    /// A click: closes the help; on a heatmap cell (or a band of the all-layers view) selects its
    /// unit and step and focuses its panel; on the inspector focuses it; on the input row or the time
    /// axis goes to that step (only the input row while the diagram covers the panels).
    public mutating func click(x: Int, y: Int) {
        guard !state.showsHelp else {
            _ = apply(.closeOverlay)
            return
        }
        let layout = self.layout
        if state.showsAllLayers {
            // The all-layers view has its own geometry: one band per layer and direction.
            let frame = ExplorerFrame(state: state, width: screen.width, height: screen.height, mode: screen.colorMode)
            if let hit = frame.bandHit(x: x, y: y) {
                state.inspect(layer: hit.layer, reverse: hit.isReverse)
                if let unit = hit.unit { state.select(unit: unit) }
                if let step = hit.step { state.move(to: step) }
                return
            }
        } else if !state.showsDiagram, let hit = layout.hit(x: x, y: y, state: state) {
            state.select(unit: hit.unit)
            state.move(to: hit.step)
            state.focus(on: .panel(hit.panel))
            return
        }
        if !state.showsDiagram, let rect = layout.inspector.rect, rect.contains(x: x, y: y) {
            state.focus(on: .inspector)
        } else if layout.input.contains(x: x, y: y) || (!state.showsDiagram && layout.axis.contains(x: x, y: y)) {
            let column = x - layout.heatmapX
            if column >= 0, column < layout.heatmapWidth { state.move(to: layout.timeWindow.start + column) }
        }
    }
}

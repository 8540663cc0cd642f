import GateCanvas
/// The explorer as a terminal app: turns keys, the mouse and ticks into state changes, and draws
/// the state. Run it with `runApp` (tests: `TestTerminal`) or `GateTerminal.run(app:)`.
public struct ExplorerApp: TerminalApp {
    /// The current state.
    public private(set) var state: ExplorerState
    private let memory: ExplorerScreenMemory

    /// An explorer on `run`.
    public init(run: ExplorerRun, palette: ExplorerPalette = .standard) {
        self.init(state: ExplorerState(run: run, palette: palette))
    }

    /// An explorer starting from `state`.
    public init(state: ExplorerState) {
        self.state = state
        memory = ExplorerScreenMemory(width: 120, height: 40, mode: .truecolor)
    }

    /// Replaces the state (an app around the explorer moved the cursor or swapped the run's window),
    /// keeping what the last render saw of the screen.
    public mutating func replaceState(_ newState: ExplorerState) {
        state = newState
    }

    public var tickInterval: Duration? {
        state.isPlaying ? .microseconds(1_000_000 / state.speed) : nil
    }

    public var minimumSize: (width: Int, height: Int) { ExplorerLayout.minimumSize }

    /// The layout of the last rendered screen size for the current state.
    public var layout: ExplorerLayout {
        ExplorerLayout(state: state, width: memory.width, height: memory.height, colorMode: memory.mode)
    }

    public mutating func handle(_ event: InputEvent) -> AppAction {
        switch event {
        case .key(let key) where state.goTo != nil:
            if let target = state.handleGoToKey(key) { state.go(to: target) }
        case .key(let key):
            guard let command = ExplorerKeys.command(for: key) else { return .continue }
            return state.apply(command, viewport: viewport())
        case .mouse(let mouse):
            handleMouse(mouse)
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
        memory.mode = buffer.colorMode
        ExplorerFrame(state: state, width: buffer.width, height: buffer.height, mode: buffer.colorMode)
            .render(into: &buffer)
    }

    private func viewport() -> ExplorerViewport {
        let frame = ExplorerFrame(state: state, width: memory.width, height: memory.height, mode: memory.mode)
        let lines = frame.layout.inspector.rect == nil ? 0 : frame.inspectorLines().count
        return frame.layout.viewport(state: state, inspectorLines: lines)
    }

    private mutating func handleMouse(_ mouse: MouseEvent) {
        guard !state.showsHelp else {
            if case .press = mouse.action { _ = state.apply(.closeOverlay, viewport: viewport()) }
            return
        }
        switch mouse.action {
        case .scrollUp: _ = state.apply(.stepBack, viewport: viewport())
        case .scrollDown: _ = state.apply(.stepForward, viewport: viewport())
        case .press(.left) where state.showsAllLayers:
            // The all-layers view has its own geometry: one band per layer and direction.
            let frame = ExplorerFrame(state: state, width: memory.width, height: memory.height, mode: memory.mode)
            if let hit = frame.bandHit(x: mouse.x, y: mouse.y) {
                state.inspect(layer: hit.layer, reverse: hit.isReverse)
                if let unit = hit.unit { state.select(unit: unit) }
                if let step = hit.step { state.move(to: step) }
            } else if let rect = frame.layout.inspector.rect, rect.contains(x: mouse.x, y: mouse.y) {
                state.focus(on: .inspector)
            } else if frame.layout.input.contains(x: mouse.x, y: mouse.y) || frame.layout.axis.contains(x: mouse.x, y: mouse.y) {
                let column = mouse.x - frame.layout.heatmapX
                if column >= 0, column < frame.layout.heatmapWidth {
                    state.move(to: frame.layout.timeWindow.start + column)
                }
            }
        case .press(.left) where state.showsDiagram:
            // The diagram covers the panels: only the input row picks a step there.
            let layout = self.layout
            let column = mouse.x - layout.heatmapX
            if layout.input.contains(x: mouse.x, y: mouse.y), column >= 0, column < layout.heatmapWidth {
                state.move(to: layout.timeWindow.start + column)
            }
        case .press(.left):
            let layout = self.layout
            if let hit = layout.hit(x: mouse.x, y: mouse.y, state: state) {
                state.select(unit: hit.unit)
                state.move(to: hit.step)
                state.focus(on: .panel(hit.panel))
            } else if let rect = layout.inspector.rect, rect.contains(x: mouse.x, y: mouse.y) {
                state.focus(on: .inspector)
            } else if layout.input.contains(x: mouse.x, y: mouse.y) || layout.axis.contains(x: mouse.x, y: mouse.y) {
                let column = mouse.x - layout.heatmapX
                if column >= 0, column < layout.heatmapWidth {
                    state.move(to: layout.timeWindow.start + column)
                }
            }
        case .press, .release:
            break
        }
    }
}

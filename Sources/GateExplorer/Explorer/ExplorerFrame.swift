import GateCanvas
import GateCore

/// One frame of the explorer: the state, its layout, and what every view needs, gathered once per
/// render so that the views stay cheap (each series is looked up once, colours come from tables).
public struct ExplorerFrame {
    /// The state drawn.
    public let state: ExplorerState
    /// Where things go.
    public let layout: ExplorerLayout
    /// The layer shown.
    public let layer: LayerTrace
    /// Unit indices in display order.
    public let order: [Int]
    /// Colours for gates in [0, 1].
    public let sequential: ScaleTable
    /// Colours for signed values.
    public let diverging: ScaleTable
    /// The colour mode.
    public let mode: ColorMode
    /// Statistics of the layer shown (looked up once per frame: colour ranges read them per row).
    let statistics: UnitStatistics

    /// Gathers the frame for `state` on a `width` × `height` terminal in `mode`.
    public init(state: ExplorerState, width: Int, height: Int, mode: ColorMode) {
        self.state = state
        self.mode = mode
        layout = ExplorerLayout(state: state, width: width, height: height, colorMode: mode)
        layer = state.layer
        statistics = state.layerStatistics
        order = state.unitOrder
        sequential = ScaleTable(scale: state.palette.sequential, mode: mode)
        diverging = ScaleTable(scale: state.palette.diverging, mode: mode)
    }

    /// Draws the whole screen.
    public func render(into buffer: inout CellBuffer) {
        if state.showsAllLayers {
            renderBands(into: &buffer)
            return
        }
        drawStatus(into: &buffer)
        drawInput(into: &buffer)
        drawAnnotations(into: &buffer)
        if state.showsDiagram {
            // The diagram takes the panels' place: the status, input and hints stay.
            // Beside it, when the inspector sits on the right with room to spare, its equations.
            let top = max(layout.input.maxY, layout.output?.maxY ?? 0) + 1
            var width = buffer.width
            if case .side(let rect) = layout.inspector, rect.x - 1 >= CellDiagramView.width {
                width = rect.x - 1
                drawInspector(into: &buffer)
            }
            CellDiagramView(state: state).draw(into: &buffer, rect: Rect(x: 0, y: top, width: width, height: max(0, layout.hints.y - top)))
            drawHints(into: &buffer)
            if state.showsHelp { drawHelp(into: &buffer) }
            return
        }
        drawPanels(into: &buffer)
        drawAxis(into: &buffer)
        drawBelt(into: &buffer)
        drawLegendRow(into: &buffer)
        drawHints(into: &buffer)
        drawInspector(into: &buffer)
        if state.showsHelp { drawHelp(into: &buffer) }
    }

    /// The value scale of a signed series: 1 for bounded ones (tanh), the largest magnitude for c and
    /// for unbounded hidden states.
    func magnitude(of kind: PanelKind) -> Float {
        guard kind.isSigned else { return 1 }
        let bounded = kind.series == SeriesName.cellCandidate || kind.series == SeriesName.candidate
            || (kind.series == SeriesName.hidden && layer.kind != .rnnRelu
                && layer.series[SeriesName.hiddenBeforeProjection] == nil)
        if bounded { return 1 }
        return max(1e-6, statistics.largestMagnitude[kind.series] ?? 1)
    }

    /// The colour range of `unit` in a panel: 1 for gates; for signed series the unit's own range
    /// (per-unit scaling) or the series' range (one scale).
    func range(of kind: PanelKind, unit: Int) -> Float {
        guard kind.isSigned else { return 1 }
        if state.valueScaling == .perUnit, let ranges = statistics.unitMagnitude[kind.series],
           unit >= 0, unit < ranges.count {
            return ranges[unit]
        }
        return magnitude(of: kind)
    }

    /// The table for a panel.
    func table(for kind: PanelKind) -> ScaleTable { kind.isSigned ? diverging : sequential }

    /// Whether the column for `step` is drawn (steps after the cursor are still to come).
    /// The reverse direction has seen the steps from the end down to the cursor.
    func isRevealed(_ step: Int) -> Bool {
        state.revealsAllSteps || (layer.isReverse ? step >= state.step : step <= state.step)
    }

    /// The steps read so far (``isRevealed(_:)`` as a range).
    var revealedSteps: Range<Int> {
        if state.revealsAllSteps { return 0..<Int.max }
        return layer.isReverse ? state.step..<Int.max : 0..<(state.step + 1)
    }

    /// "unit 3" (numbered from 1).
    static func unitName(_ unit: Int) -> String { "unit \(unit + 1)" }
}

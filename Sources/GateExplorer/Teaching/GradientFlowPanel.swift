import GateCanvas
import Foundation
import GateCore

/// The gradient-flow view: for the output at the cursor step, how much every earlier step can still
/// influence it. Rows per unit: the cell path Π f (LSTM) or Π z (GRU), log scale, aligned with the
/// explorer's columns; a row of ‖∂y/∂c_t‖ (‖∂y/∂h_t‖ for GRU and RNN); then a log-scale plot of that
/// gradient against the distance T − t, for this model (●) and the stop's twin (×).
public struct GradientFlowPanel {
    /// The session drawn.
    public let session: TeachingSession
    /// Left edge of the heatmap columns (the explorer's).
    public let heatmapX: Int
    /// The explorer's time window.
    public let window: TimeWindow
    /// Columns per step (the presenter's wider steps).
    public var stepWidth = 1
    /// Lowest decade shown: values ≤ 10^floor are drawn as the scale's bottom.
    public static let floorDecade: Float = -8

    /// The gradient flow of `run` at its cursor layer and direction, for the output at `step`. For a
    /// window of a longer run (``ExplorerRun/isWindow``) only the cell path over the window is known:
    /// the gradients need the whole run from its first step, and are left empty.
    public static func series(of run: ExplorerRun, step: Int, layer: Int, reverse: Bool) -> GradientFlowSeries? {
        guard let network = run.network, step >= 0, step < run.steps else { return nil }
        if run.isWindow { return windowSeries(of: run, step: step, layer: layer, reverse: reverse) }
        let all = try? network.gradientFlowSeries(input: run.trace.input, tokens: run.trace.tokens, trace: run.trace,
                                                  outputStep: step)
        return all?.first { $0.layer == layer && $0.isReverse == reverse } ?? all?.first
    }

    /// Rows the panel would like: title, unit rows, gradient row, plot, legend.
    public static func preferredHeight(units: Int, unitsPerRow: Int) -> Int {
        2 + (units + unitsPerRow - 1) / unitsPerRow + 1 + 8 + 1
    }

    /// Position on the sequential scale of a magnitude: log10 mapped from [floor, 0] to [0, 1].
    static func position(_ value: Float) -> Float {
        guard value > 0, value.isFinite else { return 0 }
        return min(1, max(0, (log10(value) - floorDecade) / -floorDecade))
    }

    /// Draws the view into `rect`; returns the row of its title (the highlight goes there).
    @discardableResult
    public func draw(into buffer: inout CellBuffer, rect: Rect) -> Int {
        let state = session.explorer
        let table = ScaleTable(scale: state.palette.sequential, mode: buffer.colorMode)
        var y = rect.y
        guard let flow = Self.series(of: state.run, step: state.step, layer: state.layerIndex, reverse: state.isReverse) else {
            buffer.put(" gradient flow needs the model's weights (a replayed trace has none)", x: rect.x, y: y, style: ExplorerTheme.notice)
            return y
        }
        var head = " gradient flow into output \(flow.outputUnit + 1) at t=\(state.run.stepNumber(flow.outputStep)) · log scale"
        let pathName = flow.kind == .lstm ? "Π f (cell)" : (flow.kind == .gru ? "Π z (update)" : "")
        // A narrow gutter (the presenter's) leaves no room for the path's name on its rows: the title says it.
        let nameFitsRows = 1 + GlyphWidth.columns(of: pathName) < heatmapX - rect.x - 4
        if !pathName.isEmpty && !nameFitsRows { head += " · rows: " + pathName }
        let key = ": bright = still felt, dark = forgotten"
        // The colour key goes when it does not fit (80 columns), rather than being cut mid-word.
        let title = StyledText(GlyphWidth.columns(of: head + key) <= rect.width ? head + key : head, ExplorerTheme.title)
        title.draw(into: &buffer, x: rect.x, y: y, maxX: rect.maxX)
        y += 1
        let steps = window.steps(total: state.totalSteps)
        let unitsPerRow = HeatmapRow.unitsPerRow(in: buffer.colorMode)
        let order = state.unitOrder
        let rowsAvailable = max(1, rect.maxY - y - 11)
        let unitRows = min(rowsAvailable, (order.count + unitsPerRow - 1) / unitsPerRow)
        let position = order.firstIndex(of: state.selectedUnit) ?? 0
        let first = (position / max(1, unitRows * unitsPerRow)) * unitRows * unitsPerRow
        let outputStep = flow.outputStep, isReverse = flow.isReverse
        // Steps that cannot reach the output are a dim dot; the heatmap leaves them alone.
        let reaches: @Sendable (Int) -> Bool = { t in isReverse ? t >= outputStep : t <= outputStep }
        func drawUnreached(_ rows: Int) {
            for t in steps where !reaches(t) {
                for row in 0..<rows { buffer.put("·", x: heatmapX + (t - window.start) * stepWidth, y: y + row, style: ExplorerTheme.dim) }
            }
        }
        let area = { (rows: Int) in Rect(x: heatmapX, y: y, width: rect.maxX - heatmapX, height: rows) }
        if let path = flow.cellPath {
            let shown = Array(order[first..<min(order.count, first + unitRows * unitsPerRow)])
            let rows = HeatmapRow.rows(shown, perRow: unitsPerRow)
            for (row, heatmapRow) in rows.enumerated() {
                let label = heatmapRow.lower.map { "\(heatmapRow.upper + 1),\($0 + 1)" } ?? "\(heatmapRow.upper + 1)"
                let selected = heatmapRow.upper == state.selectedUnit || heatmapRow.lower == state.selectedUnit
                buffer.put(label, x: heatmapX - 1 - label.count, y: y + row, style: selected ? ExplorerTheme.selection : ExplorerTheme.dim)
                // The path's name before the first row's numbers, where the gutter has room for both.
                if row == 0 && nameFitsRows {
                    buffer.put(" " + pathName, x: rect.x, y: y, style: ExplorerTheme.dim)
                }
            }
            Heatmap(source: .function { t, unit in reaches(t) ? Self.position(path[t, unit]) : nil }, rows: rows,
                    steps: steps, firstStep: window.start, table: table, stepWidth: stepWidth).draw(in: area(rows.count), into: &buffer)
            drawUnreached(rows.count)
            y += rows.count
        } else {
            buffer.put(" a plain RNN has no gated path: only the full gradient below reaches back", x: rect.x, y: y, style: ExplorerTheme.dim)
            y += 1
        }
        if flow.stateNorms.isEmpty {
            drawWindowNote(into: &buffer, rect: rect, y: y)
            return rect.y
        }
        let norms = flow.stateNorms
        let peak = max(norms.max() ?? 1, 1e-30)
        let symbol = flow.kind == .lstm ? "c" : "h"
        let normLabels = [" ‖∂y/∂\(symbol)_t‖", " ‖∂y/∂\(symbol)‖", " ∂y"]
        let normLabel = normLabels.first { GlyphWidth.columns(of: $0) <= heatmapX - rect.x } ?? ""
        buffer.put(normLabel, x: rect.x, y: y, style: ExplorerTheme.dim)
        Heatmap(source: .function { t, _ in reaches(t) ? Self.position(norms[t] / peak) : nil },
                rows: [HeatmapRow(upper: 0, lower: 0)], steps: steps, firstStep: window.start, table: table, stepWidth: stepWidth)
            .draw(in: area(1), into: &buffer)
        drawUnreached(1)
        y += 1
        var plotted: [(label: String, flow: GradientFlowSeries, style: CellStyle, mark: String)] = [
            (state.run.name + " " + state.run.kind.displayName, flow, TeachingTheme.plotMain, "●")]
        if let twin = session.twin, let other = Self.series(of: twin, step: min(state.step, twin.steps - 1), layer: 0, reverse: state.isReverse) {
            plotted.append((twin.name + " " + twin.kind.displayName, other, TeachingTheme.plotTwin, "×"))
        }
        let plot = Rect(x: rect.x, y: y, width: rect.width, height: max(0, rect.maxY - y - 1))
        if plot.height >= 3 { drawPlot(plotted, into: &buffer, rect: plot) }
        var legend = Self.legend(plotted, compact: false)
        if legend.width > rect.width { legend = Self.legend(plotted, compact: true) }
        legend.draw(into: &buffer, x: rect.x, y: rect.maxY - 1, maxX: rect.maxX)
        return rect.y
    }

    /// The legend line: each plotted model's mark, name and summary; `compact` for narrow screens.
    static func legend(_ items: [(label: String, flow: GradientFlowSeries, style: CellStyle, mark: String)], compact: Bool) -> StyledText {
        var legend = StyledText(" ")
        for item in items {
            legend.add(item.mark + " " + item.label, item.style)
            legend.add(" " + summary(item.flow, compact: compact) + (compact ? "  " : "   "), ExplorerTheme.dim)
        }
        return legend
    }

    /// "10 steps back: 3e-1 of it" (or "10 back: 3e-1" when `compact`) — the gradient 20 (or fewer)
    /// steps back, relative to the one at the output's step.
    static func summary(_ flow: GradientFlowSeries, compact: Bool = false) -> String {
        let points = flow.byDistance
        guard let first = points.first, first.magnitude > 0 else { return "" }
        let far = points.last { $0.distance <= 20 } ?? first
        let ratio = far.magnitude / first.magnitude
        return compact ? "\(far.distance) back: \(scientific(ratio))" : "\(far.distance) step\(far.distance == 1 ? "" : "s") back: \(scientific(ratio)) of it"
    }

    /// "3.2e-4".
    static func scientific(_ value: Float) -> String {
        guard value > 0, value.isFinite else { return "0" }
        let exponent = Int(saturating: log10(value).rounded(.down))
        let mantissa = value / pow(10, Float(exponent))
        return String(format2: Double(mantissa)).dropLast(1) + "e\(exponent)"
    }

    /// A log-scale scatter of magnitude (relative to distance 0) against distance, from the largest
    /// decade reached down to `floorDecade`.
    func drawPlot(_ items: [(label: String, flow: GradientFlowSeries, style: CellStyle, mark: String)],
                  into buffer: inout CellBuffer, rect: Rect) {
        let axisX = rect.x + 7
        let width = rect.maxX - axisX - 1
        let rows = rect.height - 1
        guard width > 4, rows >= 2 else { return }
        let maxDistance = max(1, items.map { $0.flow.byDistance.last?.distance ?? 0 }.max() ?? 1)
        let perColumn = max(1, (maxDistance + width) / width)
        var top: Float = 0
        for item in items {
            let points = item.flow.byDistance
            guard let base = points.first?.magnitude, base > 0 else { continue }
            for point in points where point.magnitude > 0 { top = max(top, log10(point.magnitude / base).rounded(.up)) }
        }
        let lowest = Self.floorDecade
        for row in 0..<rows { buffer.put("│", x: axisX - 1, y: rect.y + row, style: ExplorerTheme.rule) }
        // Each whole decade labels the row it falls on (the same rounding as the marks), leaving a
        // blank row between labels: no label names a row it is not on, none repeats.
        var lastLabelRow = Int.min
        for decade in stride(from: Int(saturating: top.rounded()), through: Int(saturating: lowest.rounded()), by: -1) {
            let row = min(rows - 1, max(0, Int(saturating: ((top - Float(decade)) / (top - lowest) * Float(rows - 1)).rounded())))
            guard row >= lastLabelRow + 2 || (rows <= 4 && row > lastLabelRow) else { continue }
            buffer.put(String("1e\(decade)".prefix(6)), x: rect.x, y: rect.y + row, style: ExplorerTheme.dim)
            lastLabelRow = row
        }
        let axisLabel = " distance T−t →" + (perColumn == 1 ? "" : " (1 column = \(perColumn) steps)")
        let dashes = max(1, width - axisLabel.count)
        buffer.put("└" + String(repeating: "─", count: dashes), x: axisX - 1, y: rect.y + rows, style: ExplorerTheme.rule)
        buffer.put(axisLabel, x: axisX + dashes, y: rect.y + rows, style: ExplorerTheme.dim)
        for item in items {
            let points = item.flow.byDistance
            guard let base = points.first?.magnitude, base > 0 else { continue }
            for point in points {
                let column = point.distance / perColumn
                guard column < width else { continue }
                let ratio = point.magnitude / base
                let decade = ratio > 0 ? max(lowest, log10(ratio)) : lowest
                let row = min(rows - 1, max(0, Int(saturating: ((top - decade) / (top - lowest) * Float(rows - 1)).rounded())))
                buffer.put(item.mark, x: axisX + column, y: rect.y + row, style: item.style)
            }
        }
    }
}

import GateCanvas
import GateCore

/// Presenter mode: a projector-friendly screen. Fewer panels (the highlighted or focused gate and the
/// belt), every timestep two columns wide, one unit per row in full blocks, bold high-contrast
/// labels, and the selected unit's numbers in large type on their own line.
public struct PresenterView {
    /// The session drawn.
    public let session: TeachingSession

    /// Columns of the label gutter.
    public static let gutter = 8

    /// The panels shown: the target gate (if any) and the state that carries memory.
    public var panels: [PanelKind] {
        let state = session.explorer
        var result: [PanelKind] = []
        if let word = session.highlight, let panel = state.panels.first(where: { $0.word == word }) { result.append(panel) }
        if let gate = session.targetPanel, !result.contains(gate) { result.append(gate) }
        let belt = state.panels.first { $0.series == SeriesName.cell } ?? state.panels.first { $0.series == SeriesName.hidden }
        if let belt, !result.contains(belt) { result.append(belt) }
        return Array(result.prefix(2))
    }

    /// The time window: two columns per step.
    public func window(width: Int) -> TimeWindow {
        TimeWindow(step: session.explorer.step, total: session.explorer.totalSteps, width: max(1, (width - Self.gutter - 1) / 2))
    }

    /// Draws the whole screen into `rect`; returns the narration's rectangle (drawn by the caller).
    @discardableResult
    public func draw(into buffer: inout CellBuffer, rect: Rect, narrationHeight: Int) -> Rect {
        let state = session.explorer
        let layer = state.layer
        let contrast = CellStyle(foreground: .indexed(15), background: .indexed(0), bold: true)
        buffer.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), with: Cell(" ", style: contrast))
        let title = " \(state.run.name.uppercased()) · t = \(state.step + 1) / \(state.totalSteps) · UNIT \(state.selectedUnit + 1)"
            + (state.isReverse ? " · ← REVERSE" : "")
        buffer.put(title, x: rect.x, y: rect.y, style: contrast)
        let window = self.window(width: rect.width)
        let steps = window.steps(total: state.totalSteps)
        let sequential = ScaleTable(scale: state.palette.sequential, mode: buffer.colorMode)
        let diverging = ScaleTable(scale: state.palette.diverging, mode: buffer.colorMode)
        var y = rect.y + 2
        let bottom = rect.maxY - narrationHeight - 2
        let shown = panels
        let order = state.unitOrder
        let perPanel = max(1, (bottom - y) / max(1, shown.count) - 2)
        let position = order.firstIndex(of: state.selectedUnit) ?? 0
        let first = (position / perPanel) * perPanel
        for panel in shown {
            guard y < bottom else { break }
            let marked = panel.word == session.highlight
            let label = (marked ? "▶ " : "  ") + panel.word.uppercased() + " " + panel.symbol + " — " + panel.meaning.joined(separator: ", ")
            buffer.put(label, x: rect.x, y: y, style: marked ? TeachingTheme.highlight : TeachingTheme.presenterLabel)
            y += 1
            let series = layer.series[panel.series]
            var scale: Float = 1
            if panel.isSigned, let series { scale = max(1e-6, series.values.map(abs).max() ?? 1) }
            for unit in order[first..<min(order.count, first + perPanel)] where y < bottom {
                let selected = unit == state.selectedUnit
                buffer.put((selected ? "▶" : " ") + String(unit + 1).leftPadded(to: Self.gutter - 2) + " ", x: rect.x, y: y,
                           style: selected ? TeachingTheme.highlight : TeachingTheme.presenterLabel)
                for t in steps {
                    let x = rect.x + Self.gutter + (t - window.start) * 2
                    let revealed = state.revealsAllSteps || (layer.isReverse ? t >= state.step : t <= state.step)
                    guard revealed, let series else { continue }
                    let value = panel.isSigned ? series[t, unit] / scale : series[t, unit]
                    let table = panel.isSigned ? diverging : sequential
                    let cell = buffer.colorMode == .monochrome ? Cell(table.shade(value))
                        : Cell("█", style: CellStyle(foreground: table.color(value)))
                    buffer[x, y] = cell
                    buffer[x + 1, y] = cell
                }
                y += 1
            }
            y += 1
        }
        if let column = window.column(of: state.step) {
            buffer.put("▲", x: rect.x + Self.gutter + column * 2, y: min(y, bottom), style: TeachingTheme.presenterLabel)
        }
        var readout = StyledText(" unit \(state.selectedUnit + 1) at t=\(state.step + 1):  ", TeachingTheme.presenterLabel)
        for panel in state.panels {
            if let value = layer.value(panel.series, step: state.step, unit: state.selectedUnit) {
                readout.add("\(panel.symbol) = \(String(format2: Double(value)))   ", panel.word == session.highlight ? TeachingTheme.highlight : TeachingTheme.presenterLabel)
            }
        }
        readout.draw(into: &buffer, x: rect.x, y: rect.maxY - narrationHeight - 1, maxX: rect.maxX)
        return Rect(x: rect.x, y: rect.maxY - narrationHeight, width: rect.width, height: narrationHeight)
    }
}

import GateCanvas
import GateCore

/// Draws heatmap panels into a ``CellBuffer``: used by `render --format txt|ansi`, by the frames of
/// `--format cast`, and by the compare view.
///
/// A panel is a title line, then one row per unit (or per two units with half blocks) with the unit
/// number on the left and one column per step, a step axis below, and a colour bar line.
public enum HeatmapCanvas {
    /// Columns taken by the unit labels and their gap.
    public static let labelWidth = 6
    /// Cells (steps × units × series) above which `render --format txt|ansi` is refused: each output
    /// line spans every step, so the whole picture is drawn in memory (about 60 bytes a cell); narrow
    /// with --steps a:b, --units or --series.
    public static let maximumCells = 8_000_000

    /// Rows a panel takes: title, grid, axis, the input characters (text traces), colour bar.
    public static func height(of panel: HeatmapPanel, halfBlocks: Bool) -> Int {
        1 + gridRows(panel.units.count, halfBlocks: halfBlocks) + 2 + (panel.inputText == nil ? 0 : 1)
    }

    /// Columns a panel takes.
    public static func width(of panel: HeatmapPanel) -> Int {
        max(labelWidth + panel.steps, labelWidth + 34, panel.title.count)
    }

    /// Grid rows for `units` units.
    static func gridRows(_ units: Int, halfBlocks: Bool) -> Int {
        halfBlocks ? (units + 1) / 2 : units
    }

    /// A buffer holding `panels` stacked with a blank line between them.
    public static func buffer(panels: [HeatmapPanel], halfBlocks: Bool, mode: ColorMode) -> CellBuffer {
        let columns = panels.map { Self.width(of: $0) }.max() ?? 0
        let rows = panels.reduce(0) { $0 + Self.height(of: $1, halfBlocks: halfBlocks && mode != .monochrome) } + max(0, panels.count - 1)
        var buffer = CellBuffer(width: columns, height: rows, colorMode: mode)
        var y = 0
        for panel in panels {
            y += draw(panel, into: &buffer, x: 0, y: y, halfBlocks: halfBlocks) + 1
        }
        return buffer
    }

    /// Draws `panel` with its top-left corner at `x`, `y` and returns the rows used.
    @discardableResult
    public static func draw(_ panel: HeatmapPanel, into buffer: inout CellBuffer, x: Int, y: Int,
                            halfBlocks: Bool, maximumWidth: Int? = nil) -> Int {
        let mode = buffer.colorMode
        let halves = halfBlocks && mode != .monochrome
        buffer.put(panel.title, x: x, y: y, style: CellStyle(bold: true))
        let rows = HeatmapRow.rows(Array(panel.units.indices), perRow: halves ? 2 : 1)
        let visibleSteps = min(panel.steps, max(0, (maximumWidth ?? Int.max / 2) - labelWidth))
        // Unit numbers from 1, as the explorer shows them: the upper unit of each row.
        for (row, heatmapRow) in rows.enumerated() {
            let label = String(panel.units[heatmapRow.upper] + 1)
            buffer.put(String(repeating: " ", count: max(0, labelWidth - 1 - label.count)) + label, x: x, y: y + 1 + row,
                       style: CellStyle(dim: true))
        }
        let values = panel
        Heatmap(source: .function { step, column in Float(values.scaled(values.values[step, column])) }, rows: rows,
                steps: 0..<visibleSteps, firstStep: 0, table: ScaleTable(scale: panel.scale, mode: mode))
            .draw(in: Rect(x: x + labelWidth, y: y + 1, width: visibleSteps, height: rows.count), into: &buffer)
        // Step axis: numbers (from 1, as the explorer shows them) at round steps, the first step's when
        // it fits. A label that would run into the one before it or past the panel's width (into the
        // next panel) is left out, never cut.
        let axisY = y + 1 + rows.count
        let tick = HeatmapSVG.tickSpacing(visibleSteps)
        var nextFree = x + labelWidth
        let axisEnd = x + (maximumWidth ?? width(of: panel))
        buffer.put("step", x: x, y: axisY, style: CellStyle(dim: true))
        for number in HeatmapSVG.stepLabels(first: panel.firstStep + 1, count: visibleSteps, tick: tick) {
            let column = x + labelWidth + number - 1 - panel.firstStep
            if column >= nextFree, column + 1 + String(number).count <= min(axisEnd, buffer.width) {
                nextFree = buffer.put("╵" + String(number), x: column, y: axisY, style: CellStyle(dim: true)) + 1
            }
        }
        // The input characters, one per step, under the step numbers.
        var textRows = 0
        if let text = panel.inputText {
            textRows = 1
            buffer.put("input", x: x, y: axisY + 1, style: CellStyle(dim: true))
            for step in 0..<min(visibleSteps, text.count) {
                let glyph = String(text[step].first ?? " ")
                buffer.put(GlyphWidth.columns(of: glyph) == 1 ? glyph : "?", x: x + labelWidth + step, y: axisY + 1)
            }
        }
        // Colour legend: low, 16 swatches, high — fewer swatches (at least 4) when `maximumWidth` is
        // narrower, so the high label does not run into the panel beside it.
        let barY = axisY + 1 + textRows
        let lowText = NumberFormat.fixed(Double(panel.low)), highText = NumberFormat.fixed(Double(panel.high))
        let labels = lowText.count + highText.count + 4
        let samples = maximumWidth.map { max(4, min(16, $0 - labelWidth - labels)) } ?? 16
        let barX = maximumWidth.map { labelWidth + labels + samples > $0 ? x : x + labelWidth - 1 } ?? x + labelWidth - 1
        Legend(low: lowText, high: highText, table: ScaleTable(scale: panel.scale, mode: mode), swatchCount: samples)
            .draw(in: Rect(x: barX, y: barY, width: maximumWidth.map { x + $0 - barX } ?? buffer.width - barX, height: 1), into: &buffer)
        return 1 + rows.count + 2 + textRows
    }
}

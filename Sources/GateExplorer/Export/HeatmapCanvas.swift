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
        let rows = gridRows(panel.units.count, halfBlocks: halves)
        let visibleSteps = min(panel.steps, max(0, (maximumWidth ?? Int.max / 2) - labelWidth))
        for row in 0..<rows {
            let top = halves ? 2 * row : row
            let label = String(panel.units[top])
            buffer.put(String(repeating: " ", count: max(0, labelWidth - 1 - label.count)) + label, x: x, y: y + 1 + row,
                       style: CellStyle(dim: true))
            for step in 0..<visibleSteps {
                let cell: Cell
                if halves {
                    let upper = panel.scaled(panel.values[step, top])
                    if top + 1 < panel.units.count {
                        cell = panel.scale.halfBlock(top: upper, bottom: panel.scaled(panel.values[step, top + 1]), mode: mode)
                    } else {
                        cell = Cell("▀", style: CellStyle(foreground: panel.scale.color(for: upper, mode: mode)))
                    }
                } else {
                    cell = panel.scale.cell(for: panel.scaled(panel.values[step, top]), mode: mode)
                }
                buffer[x + labelWidth + step, y + 1 + row] = cell
            }
        }
        // Step axis: numbers at round steps.
        let axisY = y + 1 + rows
        let tick = HeatmapSVG.tickSpacing(visibleSteps)
        var step = ((panel.firstStep + tick - 1) / tick) * tick
        var nextFree = x + labelWidth
        buffer.put("step", x: x, y: axisY, style: CellStyle(dim: true))
        while step < panel.firstStep + visibleSteps {
            let column = x + labelWidth + step - panel.firstStep
            if column >= nextFree {
                nextFree = buffer.put("╵" + String(step), x: column, y: axisY, style: CellStyle(dim: true)) + 1
            }
            step += tick
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
        // Colour bar: low ▕ 16 samples ▏ high — fewer samples (at least 4) when `maximumWidth` is
        // narrower, so the high label does not run into the panel beside it.
        let barY = axisY + 1 + textRows
        let lowText = ExportNumber.fixed(Double(panel.low)) + " ", highText = " " + ExportNumber.fixed(Double(panel.high))
        let labels = lowText.count + highText.count
        let samples = maximumWidth.map { max(4, min(16, $0 - labelWidth - labels)) } ?? 16
        let barX = maximumWidth.map { labelWidth + labels + samples > $0 ? x : x + labelWidth } ?? x + labelWidth
        var column = buffer.put(lowText, x: barX, y: barY, style: CellStyle(dim: true))
        for k in 0..<samples {
            let value = panel.low + (panel.high - panel.low) * (Float(k) + 0.5) / Float(samples)
            buffer[column, barY] = panel.scale.cell(for: panel.scaled(value), mode: mode)
            column += 1
        }
        buffer.put(highText, x: column, y: barY, style: CellStyle(dim: true))
        return 1 + rows + 2 + textRows
    }
}

import GateCanvas
/// One frame of a replay for `render --format cast`: a header line (step, layer) and, per series, a
/// heatmap of the steps up to the current one (the latest step at the right edge), in half blocks.
public enum ReplayFrame {
    /// Draws the frame for `step` of `totalSteps` into a `width` × `height` buffer. Each panel holds
    /// the window of steps ending at `step` (at most `width − HeatmapCanvas.labelWidth` of them).
    public static func render(panels: [HeatmapPanel], step: Int, totalSteps: Int, header: String,
                              width: Int, height: Int, mode: ColorMode = .truecolor) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: height, colorMode: mode)
        buffer.put("\(header)  step \(step + 1)/\(totalSteps)", x: 0, y: 0, style: CellStyle(bold: true))
        var y = 2
        for panel in panels {
            guard y < height else { break }
            y += HeatmapCanvas.draw(panel, into: &buffer, x: 0, y: y, halfBlocks: true, maximumWidth: width) + 1
        }
        return buffer
    }

    /// The window of steps a frame for `step` shows, given the frame width.
    public static func window(step: Int, first: Int, width: Int) -> Range<Int> {
        let span = max(1, width - HeatmapCanvas.labelWidth)
        return max(first, step + 1 - span)..<(step + 1)
    }
}

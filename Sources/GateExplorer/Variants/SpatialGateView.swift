import GateCanvas
import GateCore

/// Draws ConvLSTM state as spatial maps: one gate (or the candidate, cell, hidden state) of one
/// channel at one step as an H × W picture, two pixels per terminal cell with half blocks (`▀`, upper
/// pixel in the foreground, lower in the background), or every channel side by side in a grid.
///
/// `values` is one row of a ConvLSTM series, C·H·W channel-first (`SpatialShape`). Gates use a
/// sequential scale over [0, 1]; signed series a diverging one over [−range, range]. The buffer's
/// `colorMode` picks the glyphs: colours in every colour mode, the shade ramp in monochrome.
public struct SpatialGateView: Sendable, Equatable {
    /// One row of a series: C·H·W values, channel-first.
    public var values: [Float]
    /// The shape of `values`.
    public var shape: SpatialShape
    /// The colour scale.
    public var scale: ColorScale
    /// Values are divided by this before a diverging scale reads them (ignored by sequential ones).
    public var range: Float

    /// A view of `values`; `range` ≤ 0 means the largest |value| (1 when all are 0).
    public init(values: [Float], shape: SpatialShape, scale: ColorScale, range: Float = 1) {
        precondition(values.count == shape.count, "SpatialGateView: \(values.count) values for \(shape.description)")
        self.values = values
        self.shape = shape
        self.scale = scale
        let largest = values.reduce(Float(0)) { max($0, abs($1)) }
        self.range = range > 0 ? range : (largest > 0 ? largest : 1)
    }

    /// A view of series `series` at `step` of a ConvLSTM layer trace; the scale follows
    /// `SpatialGateView.scale(for:)` and signed series are normalised by their largest |value| over
    /// the whole trace, so colours stay comparable while stepping.
    public init?(trace: LayerTrace, series: String, step: Int, shape: SpatialShape, colorBlindSafe: Bool = false) {
        guard let matrix = trace.series[series], step >= 0, step < matrix.rows, matrix.columns == shape.count else { return nil }
        let scale = Self.scale(for: series, colorBlindSafe: colorBlindSafe)
        let range = scale.isDiverging ? matrix.values.reduce(Float(0)) { max($0, abs($1)) } : 1
        self.init(values: matrix.row(step), shape: shape, scale: scale, range: range)
    }

    /// Sequential for the σ gates (values in [0, 1]); diverging for candidate, cell, hidden and
    /// pre-activations.
    public static func scale(for series: String, colorBlindSafe: Bool = false) -> ColorScale {
        let gates = [SeriesName.inputGate, SeriesName.forgetGate, SeriesName.outputGate]
        if gates.contains(series) { return colorBlindSafe ? .sequentialColorBlindSafe : .sequential }
        return colorBlindSafe ? .divergingColorBlindSafe : .diverging
    }

    /// Columns × rows one channel's map takes: W × ⌈H/2⌉.
    public var mapSize: (width: Int, height: Int) { (shape.width, (shape.height + 1) / 2) }

    /// The value at (channel, y, x) as the scale reads it.
    func scaled(_ channel: Int, _ y: Int, _ x: Int) -> Double {
        let value = Double(values[shape.index(channel: channel, y: y, x: x)])
        return scale.isDiverging ? value / Double(range) : value
    }

    /// Draws channel `channel` with its top-left corner at (`x`, `y`); cells outside `clip` (default
    /// the whole buffer) are left alone.
    public func drawMap(channel: Int, in buffer: inout CellBuffer, x: Int, y: Int, clip: Rect? = nil) {
        let full = Rect(x: x, y: y, width: shape.width, height: mapSize.height)
        let visible = full.intersection(clip ?? buffer.area)
        guard !visible.isEmpty else { return }
        // Pixel rows are the heatmap's units (two to a text row), pixel columns its steps.
        let rows = HeatmapRow.rows(Array(0..<shape.height), perRow: 2).dropFirst(visible.y - y)
        let view = self
        Heatmap(source: .function { px, py in Float(view.scaled(channel, py, px)) }, rows: Array(rows),
                steps: 0..<shape.width, firstStep: visible.x - x, table: ScaleTable(scale: scale, mode: buffer.colorMode))
            .draw(in: visible, into: &buffer)
    }

    /// Draws channels from `firstChannel` on as a grid of labelled maps (`ch 1`, `ch 2`, … above each: channels count from 1, as on screen),
    /// left to right then top to bottom, inside `area`; returns how many channels fitted.
    @discardableResult
    public func drawGrid(in buffer: inout CellBuffer, area: Rect, firstChannel: Int = 0,
                         labelStyle: CellStyle = CellStyle(dim: true), highlight: Int? = nil) -> Int {
        let labelWidth = "ch \(max(shape.channels, 1))".count
        let cellWidth = max(shape.width, labelWidth) + 1
        let cellHeight = mapSize.height + 1
        let columns = max(1, (area.width + 1) / cellWidth)
        guard area.width >= shape.width, area.height >= cellHeight else { return 0 }
        var drawn = 0
        for channel in firstChannel..<shape.channels {
            let slot = channel - firstChannel
            let x = area.x + (slot % columns) * cellWidth, y = area.y + (slot / columns) * cellHeight
            guard y + cellHeight <= area.maxY, x + shape.width <= area.maxX else { break }
            var style = labelStyle
            if channel == highlight { style = CellStyle(bold: true, reverse: true) }
            let label = "ch \(channel + 1)"
            let clipped = String(label.prefix(area.maxX - x))
            buffer.put(clipped, x: x, y: y, style: style)
            drawMap(channel: channel, in: &buffer, x: x, y: y + 1, clip: area)
            drawn += 1
        }
        return drawn
    }
}

import GateCanvas
import GateCore

/// One heatmap to export: a window of one series (steps × units) with its colour scale and axes.
///
/// Rows of `values` are steps `firstStep`, `firstStep + 1`, …; columns are the units listed in `units`.
public struct HeatmapPanel: Sendable, Equatable {
    /// A caption: "layer 1 · forget_gate".
    public var title: String
    /// The series name (`forget_gate`), used for the colour scale and in SVG attributes.
    public var series: String
    /// steps × units, exactly as recorded.
    public var values: Matrix
    /// The step number (0-based) of row 0.
    public var firstStep: Int
    /// The unit number (0-based) of each column.
    public var units: [Int]
    /// Sequential for gates, diverging for signed values.
    public var scale: ColorScale
    /// The values mapped to the ends of the scale (`0...1` for gates, `−m...m` otherwise).
    public var low: Float
    /// See `low`.
    public var high: Float
    /// The input at each step (a text trace's characters, made visible), drawn along the time axis.
    public var inputText: [String]? = nil

    /// A panel whose scale follows the series: gates in [0, 1] use the sequential scale; every
    /// other series a diverging scale symmetric around 0 over the largest magnitude shown (at least 1).
    public init(title: String, series: String, values: Matrix, firstStep: Int, units: [Int],
                colorBlindSafe: Bool = false) {
        self.title = title
        self.series = series
        self.values = values
        self.firstStep = firstStep
        self.units = units
        if HeatmapPanel.isGate(series) {
            scale = colorBlindSafe ? .sequentialColorBlindSafe : .sequential
            low = 0
            high = 1
        } else {
            scale = colorBlindSafe ? .divergingColorBlindSafe : .diverging
            let magnitude = values.values.reduce(Float(1)) { $1.isFinite ? max($0, abs($1)) : $0 }
            low = -magnitude
            high = magnitude
        }
    }

    /// Whether `series` is a gate (values in [0, 1]).
    public static func isGate(_ series: String) -> Bool {
        series.hasSuffix("_gate")
    }

    /// Number of steps shown.
    public var steps: Int { values.rows }

    /// The value as the scale reads it: [0, 1] for sequential scales, [−1, 1] for diverging ones.
    public func scaled(_ value: Float) -> Double {
        guard value.isFinite else { return value.isNaN ? .nan : (value > 0 ? 1 : (scale.isDiverging ? -1 : 0)) }
        if scale.isDiverging { return Double(value) / Double(max(abs(low), abs(high))) }
        return Double((value - low) / (high - low))
    }
}

extension HeatmapPanel {
    /// The columns `units` of `matrix`, in that order.
    public static func columns(_ units: [Int], of matrix: Matrix) -> Matrix {
        if units == Array(0..<matrix.columns) { return matrix }
        var values: [Float] = []
        values.reserveCapacity(matrix.rows * units.count)
        for row in 0..<matrix.rows {
            for unit in units { values.append(matrix[row, unit]) }
        }
        return Matrix(rows: matrix.rows, columns: units.count, values: values)
    }
}

extension HeatmapPanel {
    /// A panel with an explicit scale and range (e.g. |A − B| on a sequential scale over [0, max]).
    public init(title: String, series: String, values: Matrix, firstStep: Int, units: [Int],
                scale: ColorScale, low: Float, high: Float) {
        self.title = title
        self.series = series
        self.values = values
        self.firstStep = firstStep
        self.units = units
        self.scale = scale
        self.low = low
        self.high = high > low ? high : low + 1
    }
}

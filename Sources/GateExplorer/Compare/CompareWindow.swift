import GateCanvas
import GateCore

/// The same window of one series in two traces (steps × units each), for ``CompareView``.
public struct CompareWindow: Sendable, Equatable {
    /// The series name.
    public var series: String
    /// Trace A's rows.
    public var a: Matrix
    /// Trace B's rows (same shape).
    public var b: Matrix
    /// The step of row 0.
    public var firstStep: Int

    /// A window from its parts; `a` and `b` must have the same shape.
    public init(series: String, a: Matrix, b: Matrix, firstStep: Int) {
        precondition(a.rows == b.rows && a.columns == b.columns, "CompareWindow: A and B differ in shape")
        self.series = series
        self.a = a
        self.b = b
        self.firstStep = firstStep
    }

    /// |A − B| element-wise (0 where both are NaN, infinity where one is).
    public var difference: Matrix {
        Matrix(rows: a.rows, columns: a.columns, values: zip(a.values, b.values).map(Self.distance))
    }

    /// |p − q|, 0 where both are NaN and infinity where only one is.
    static func distance(_ p: Float, _ q: Float) -> Float {
        if p.isNaN || q.isNaN { return p.isNaN == q.isNaN ? 0 : .infinity }
        return abs(p - q)
    }

    /// The largest |A − B| at `step` (0 when the step is outside the window).
    public func maxDifference(atStep step: Int) -> Float {
        let row = step - firstStep
        guard row >= 0, row < a.rows else { return 0 }
        var worst: Float = 0
        for unit in 0..<a.columns { worst = max(worst, Self.distance(a[row, unit], b[row, unit])) }
        return worst
    }
}

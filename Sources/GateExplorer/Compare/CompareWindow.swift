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
    /// Whether NaN on both sides means "not computed yet" (rows a background fill has not reached):
    /// their difference is then NaN, unknown (drawn ×), not 0.
    public var bothNaNUnknown = false

    /// A window from its parts; `a` and `b` must have the same shape.
    public init(series: String, a: Matrix, b: Matrix, firstStep: Int) {
        precondition(a.rows == b.rows && a.columns == b.columns, "CompareWindow: A and B differ in shape")
        self.series = series
        self.a = a
        self.b = b
        self.firstStep = firstStep
    }

    /// |A − B| element-wise (0 where both are NaN — NaN when ``bothNaNUnknown`` — infinity where one is).
    public var difference: Matrix {
        Matrix(rows: a.rows, columns: a.columns, values: zip(a.values, b.values).map(distance))
    }

    /// |p − q|: where both are NaN, 0 (or NaN when ``bothNaNUnknown``); infinity where only one is.
    func distance(_ p: Float, _ q: Float) -> Float {
        if p.isNaN || q.isNaN { return p.isNaN == q.isNaN ? (bothNaNUnknown ? .nan : 0) : .infinity }
        return abs(p - q)
    }

    /// The largest known |A − B| at `step` (0 when the step is outside the window).
    public func maxDifference(atStep step: Int) -> Float {
        let row = step - firstStep
        guard row >= 0, row < a.rows else { return 0 }
        var worst: Float = 0
        for unit in 0..<a.columns {
            let value = distance(a[row, unit], b[row, unit])
            if !value.isNaN { worst = max(worst, value) }
        }
        return worst
    }

    /// Whether some |A − B| at `step` is not known yet (both sides not computed).
    public func isUnknown(atStep step: Int) -> Bool {
        let row = step - firstStep
        guard bothNaNUnknown, row >= 0, row < a.rows else { return false }
        return (0..<a.columns).contains { distance(a[row, $0], b[row, $0]).isNaN }
    }
}

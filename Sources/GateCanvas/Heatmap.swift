/// The one half-block heatmap every screen draws: units are rows (two per text row with `▀`, one in
/// monochrome, where ``ScaleTable`` shades the upper value), steps are columns.
///
/// Values come row-major from a flat array (`stride` values per step) or, for values spread over
/// several series, from a function; steps outside `steps` (not read yet) are left as they are.
public struct Heatmap: Widget {
    /// Where the values come from.
    public enum Source {
        /// Row-major values, `stride` per step: the value of column j at step t is `values[t·stride + j]`.
        case matrix(values: [Float], stride: Int)
        /// The value of a column at a step, or nil where there is none.
        case function(@Sendable (_ step: Int, _ column: Int) -> Float?)
    }

    /// The values.
    public var source: Source
    /// The text rows, top first.
    public var rows: [HeatmapRow]
    /// The steps drawn.
    public var steps: Range<Int>
    /// The step at the rectangle's left edge.
    public var firstStep: Int
    /// Colours (or shades) for values already in the scale's domain.
    public var table: ScaleTable
    /// Columns each step takes (presenter mode draws steps wider).
    public var stepWidth: Int

    /// A heatmap of `rows` over `steps`, the rectangle's left edge at `firstStep`.
    public init(source: Source, rows: [HeatmapRow], steps: Range<Int>, firstStep: Int, table: ScaleTable, stepWidth: Int = 1) {
        self.source = source
        self.rows = rows
        self.steps = steps
        self.firstStep = firstStep
        self.table = table
        self.stepWidth = max(1, stepWidth)
    }

    /// Draws the rows that fit, the steps that fall inside the rectangle.
    public func draw(in rect: Rect, into buffer: inout CellBuffer) {
        let shownSteps = (rect.width + stepWidth - 1) / stepWidth
        let first = max(steps.lowerBound, firstStep), last = min(steps.upperBound, firstStep + shownSteps)
        guard last > first else { return }
        for (index, row) in rows.prefix(rect.height).enumerated() {
            let y = rect.y + index
            var x = rect.x + (first - firstStep) * stepWidth
            switch source {
            case .matrix(let values, let stride):
                guard row.upper < stride, row.lower.map({ $0 < stride }) ?? true,
                      last * stride <= values.count else { continue }
                for step in first..<last {
                    let base = step * stride
                    let top = values[base + row.upper] * row.upperFactor
                    let bottom = row.lower.map { values[base + $0] * row.lowerFactor }
                    put(table.cell(upper: top, lower: bottom), x: &x, y: y, maxX: rect.maxX, into: &buffer)
                }
            case .function(let value):
                for step in first..<last {
                    guard let top = value(step, row.upper) else { x += stepWidth; continue }
                    let bottom = row.lower.flatMap { value(step, $0) }.map { $0 * row.lowerFactor }
                    put(table.cell(upper: top * row.upperFactor, lower: bottom), x: &x, y: y, maxX: rect.maxX, into: &buffer)
                }
            }
        }
    }

    /// Puts one step's cell `stepWidth` times from `x` (never past `maxX`) and moves `x` on.
    @inline(__always)
    private func put(_ cell: Cell, x: inout Int, y: Int, maxX: Int, into buffer: inout CellBuffer) {
        if stepWidth == 1 {
            buffer[x, y] = cell
        } else {
            for column in x..<min(maxX, x + stepWidth) { buffer[column, y] = cell }
        }
        x += stepWidth
    }
}

/// A dense row-major matrix of `Float`: row `t` of a trace tensor is the value after input position `t`.
public struct Matrix: Sendable, Equatable {
    /// Number of rows.
    public internal(set) var rows: Int
    /// Number of columns.
    public internal(set) var columns: Int
    /// `rows * columns` values, row after row.
    public internal(set) var values: [Float]

    /// A matrix of zeros.
    public init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        self.values = [Float](repeating: 0, count: rows * columns)
    }

    /// A matrix over existing values; `values.count` must equal `rows * columns`.
    public init(rows: Int, columns: Int, values: [Float]) {
        precondition(values.count == rows * columns, "Matrix: \(values.count) values for \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// A matrix from nested rows (all of the same length).
    public init(_ nested: [[Float]]) {
        let columns = nested.first?.count ?? 0
        self.init(rows: nested.count, columns: columns, values: nested.flatMap { $0 })
    }

    /// The element at `row`, `column`.
    public subscript(row: Int, column: Int) -> Float {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    /// A copy of one row.
    public func row(_ index: Int) -> [Float] {
        Array(values[index * columns ..< (index + 1) * columns])
    }

    /// Replaces one row.
    public mutating func setRow(_ index: Int, _ row: [Float]) {
        precondition(row.count == columns)
        values.replaceSubrange(index * columns ..< (index + 1) * columns, with: row)
    }

    /// The transpose.
    public var transposed: Matrix {
        var result = Matrix(rows: columns, columns: rows)
        for r in 0..<rows {
            for c in 0..<columns { result.values[c * rows + r] = values[r * columns + c] }
        }
        return result
    }

    /// Rows `range` as a new matrix.
    public func rows(_ range: Range<Int>) -> Matrix {
        Matrix(rows: range.count, columns: columns,
               values: Array(values[range.lowerBound * columns ..< range.upperBound * columns]))
    }

    /// One column as an array (a unit's history over time, for a trace tensor).
    public func column(_ index: Int) -> [Float] {
        (0..<rows).map { values[$0 * columns + index] }
    }

    /// Largest absolute element-wise difference; `.infinity` when shapes differ.
    public func maxAbsDifference(_ other: Matrix) -> Float {
        guard rows == other.rows, columns == other.columns else { return .infinity }
        var worst: Float = 0
        for k in values.indices { worst = max(worst, abs(values[k] - other.values[k])) }
        return worst
    }
}

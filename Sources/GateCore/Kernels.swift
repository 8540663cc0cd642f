import CGateKernels

/// The hot linear-algebra kernels: fast C versions (SIMD, chosen per CPU at load time) and plain
/// Swift twins that the tests compare them against.
public enum Kernels {
    /// y += W x, with W row-major (rows × columns), x of `columns` values, y of `rows` values.
    /// `rowOffset` and `rowCount` select a band of rows of W (y then has `rowCount` values).
    @inline(__always)
    public static func matVecAccumulate(_ weights: Matrix, _ x: [Float], into y: inout [Float],
                                        rowOffset: Int = 0, rowCount: Int? = nil) {
        let count = rowCount ?? weights.rows
        precondition(x.count == weights.columns && y.count >= count && rowOffset + count <= weights.rows)
        weights.values.withUnsafeBufferPointer { w in
            x.withUnsafeBufferPointer { xs in
                y.withUnsafeMutableBufferPointer { ys in
                    gk_matvec_accumulate(w.baseAddress! + rowOffset * weights.columns, count,
                                         weights.columns, xs.baseAddress!, ys.baseAddress!)
                }
            }
        }
    }

    /// Y[t] = W X[t] + b for every row t of `inputs` (T × columns), giving T × rows.
    public static func projectSequence(weights: Matrix, bias: [Float], inputs: Matrix) -> Matrix {
        precondition(inputs.columns == weights.columns && bias.count == weights.rows)
        guard inputs.rows > 0, weights.rows > 0 else { return Matrix(rows: inputs.rows, columns: weights.rows) }
        if weights.columns == 0 {
            var result = Matrix(rows: inputs.rows, columns: weights.rows)
            for t in 0..<inputs.rows { result.setRow(t, bias) }
            return result
        }
        let projector = SequenceProjector(weights: weights, bias: bias, longestInput: inputs.rows)
        // Every element is written by the kernel, so the result is not zero-filled first.
        let values = [Float](unsafeUninitializedCapacity: inputs.rows * weights.rows) { y, written in
            inputs.values.withUnsafeBufferPointer { x in
                projector.project(x.baseAddress!, rows: inputs.rows, into: y.baseAddress!)
            }
            written = inputs.rows * weights.rows
        }
        return Matrix(rows: inputs.rows, columns: weights.rows, values: values)
    }

    /// The plain Swift twin of `matVecAccumulate`, kept as the reference for tests.
    public static func plainMatVecAccumulate(_ weights: Matrix, _ x: [Float], into y: inout [Float],
                                             rowOffset: Int = 0, rowCount: Int? = nil) {
        for r in 0..<(rowCount ?? weights.rows) {
            var sum: Float = 0
            for c in 0..<weights.columns { sum += weights.values[(rowOffset + r) * weights.columns + c] * x[c] }
            y[r] += sum
        }
    }

    /// The plain Swift twin of `projectSequence`.
    public static func plainProjectSequence(weights: Matrix, bias: [Float], inputs: Matrix) -> Matrix {
        var result = Matrix(rows: inputs.rows, columns: weights.rows)
        for t in 0..<inputs.rows {
            var y = bias
            plainMatVecAccumulate(weights, inputs.row(t), into: &y)
            result.setRow(t, y)
        }
        return result
    }
}

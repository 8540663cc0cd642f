import CGateKernels

/// The C versions of the backpropagation kernels (SIMD, chosen per CPU at load time). The plain Swift
/// functions in `BackpropKernels` are their twins, which the tests compare them against.
extension BackpropKernels {
    /// Out[c, r] += Σ_t B[t, c] · A[t, r] for A (steps × aColumns) and B (steps × bColumns); Out is
    /// bColumns × aColumns: the sum over steps of outer products, Bᵀ A.
    static func outerSum(_ a: [Float], aColumns: Int, _ b: [Float], bColumns: Int, steps: Int,
                         into out: inout [Float]) {
        precondition(aColumns >= 0 && bColumns >= 0 && steps >= 0, "sizes must not be negative")
        precondition(a.count >= steps * aColumns && b.count >= steps * bColumns && out.count >= aColumns * bColumns,
                     "outerSum: arrays smaller than their sizes")
        guard aColumns > 0, bColumns > 0, steps > 0 else { return }
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                out.withUnsafeMutableBufferPointer { op in
                    gk_outer_sum_accumulate(ap.baseAddress!, aColumns, bp.baseAddress!, bColumns, steps, op.baseAddress!)
                }
            }
        }
    }

    /// A · W for A (steps × rows) and W (rows × columns), through the register-tiled C kernel (same
    /// order of sums as `product`, so the same result).
    static func fastProduct(_ a: [Float], steps: Int, _ w: [Float], rows: Int, columns: Int) -> Matrix {
        precondition(steps >= 0 && rows >= 0 && columns >= 0, "sizes must not be negative")
        precondition(a.count >= steps * rows && w.count >= rows * columns, "fastProduct: arrays smaller than their sizes")
        guard steps > 0, columns > 0 else { return Matrix(rows: steps, columns: columns) }
        guard rows > 0 else { return Matrix(rows: steps, columns: columns) }
        let values = [Float](unsafeUninitializedCapacity: steps * columns) { y, written in
            a.withUnsafeBufferPointer { ap in
                w.withUnsafeBufferPointer { wp in
                    gk_backward_product(ap.baseAddress!, steps, rows, wp.baseAddress!, columns, y.baseAddress!)
                }
            }
            written = steps * columns
        }
        return Matrix(rows: steps, columns: columns, values: values)
    }

    /// The transpose of A (rows × columns), added to `into` (columns × rows).
    static func addTransposed(_ a: [Float], rows: Int, columns: Int, into b: inout [Float]) {
        precondition(rows >= 0 && columns >= 0 && a.count >= rows * columns && b.count >= rows * columns,
                     "addTransposed: arrays smaller than their sizes")
        guard rows > 0, columns > 0 else { return }
        var transposed = [Float](repeating: 0, count: rows * columns)
        a.withUnsafeBufferPointer { ap in
            transposed.withUnsafeMutableBufferPointer { tp in gk_transpose(ap.baseAddress!, rows, columns, tp.baseAddress!) }
        }
        add(transposed, into: &b)
    }

    /// y += x, elementwise.
    static func add(_ x: [Float], into y: inout [Float]) {
        precondition(x.count == y.count, "add: \(x.count) values added to \(y.count)")
        guard !x.isEmpty else { return }
        x.withUnsafeBufferPointer { xp in
            y.withUnsafeMutableBufferPointer { yp in gk_add(yp.baseAddress!, xp.baseAddress!, xp.count) }
        }
    }
}

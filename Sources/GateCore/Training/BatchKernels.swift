import CGateKernels

/// The C kernels of batched training (a whole mini-batch through each step at once), behind checks of
/// every size: the C side trusts its arguments. `BatchKernels+Plain.swift` holds their plain Swift twins.
enum BatchKernels {
    /// C (m × n) += A (m × k) · B (k × n), all row-major; one fused multiply-add chain over k per element.
    static func gemm(_ a: UnsafeBufferPointer<Float>, rows m: Int, inner k: Int, _ b: UnsafeBufferPointer<Float>,
                     columns n: Int, into c: UnsafeMutableBufferPointer<Float>) {
        precondition(m >= 0 && k >= 0 && n >= 0, "gemm: negative size")
        precondition(a.count >= m * k && b.count >= k * n && c.count >= m * n, "gemm: buffers smaller than their sizes")
        guard m > 0, n > 0, k > 0 else { return }
        gk_gemm_accumulate(a.baseAddress!, m, k, b.baseAddress!, n, c.baseAddress!)
    }

    /// B (k × n) packed in panels of 16 columns for `gemmPacked`; nil when n is not a multiple of 16.
    /// With `transposed`, `b` holds Bᵀ (n × k, e.g. W_hh for B = W_hhᵀ) and is packed without a copy of B.
    static func packPanels(_ b: [Float], rows k: Int, columns n: Int, transposed: Bool = false) -> [Float]? {
        precondition(k >= 0 && n >= 0 && b.count >= k * n, "packPanels: array smaller than its size")
        guard n % 16 == 0, k > 0, n > 0 else { return nil }
        return [Float](unsafeUninitializedCapacity: k * n) { p, written in
            b.withUnsafeBufferPointer {
                gk_pack_panels($0.baseAddress!, transposed ? 1 : n, transposed ? k : 1, k, n, p.baseAddress!)
            }
            written = k * n
        }
    }

    /// `gemm` with B given as `packPanels` made it (n a multiple of 16): the same sums, the same bits.
    static func gemmPacked(_ a: UnsafeBufferPointer<Float>, rows m: Int, inner k: Int, _ packed: UnsafeBufferPointer<Float>,
                           columns n: Int, into c: UnsafeMutableBufferPointer<Float>) {
        precondition(m >= 0 && k >= 0 && n >= 0 && n % 16 == 0, "gemmPacked: negative size or columns not a multiple of 16")
        precondition(a.count >= m * k && packed.count >= k * n && c.count >= m * n, "gemmPacked: buffers smaller than their sizes")
        guard m > 0, n > 0, k > 0 else { return }
        gk_gemm_packed_accumulate(a.baseAddress!, m, k, packed.baseAddress!, n, c.baseAddress!)
    }

    /// `gemmPacked` when `packed` exists, else `gemm` on the unpacked `b`.
    static func gemm(_ a: UnsafeBufferPointer<Float>, rows m: Int, inner k: Int, _ b: UnsafeBufferPointer<Float>,
                     packed: UnsafeBufferPointer<Float>?, columns n: Int, into c: UnsafeMutableBufferPointer<Float>) {
        if let packed {
            gemmPacked(a, rows: m, inner: k, packed, columns: n, into: c)
        } else {
            gemm(a, rows: m, inner: k, b, columns: n, into: c)
        }
    }

    /// C (k × n) += Aᵀ · B for A (m × k) and B (m × n): A transposed once, then `gemm` (so one fused
    /// multiply-add chain over m per element, reading rows of Aᵀ contiguously).
    static func gemmTransposedA(_ a: UnsafeBufferPointer<Float>, rows m: Int, columns k: Int,
                                _ b: UnsafeBufferPointer<Float>, columns n: Int, into c: UnsafeMutableBufferPointer<Float>) {
        precondition(m >= 0 && k >= 0 && n >= 0, "gemmTransposedA: negative size")
        precondition(a.count >= m * k && b.count >= m * n && c.count >= k * n,
                     "gemmTransposedA: buffers smaller than their sizes")
        guard m > 0, n > 0, k > 0 else { return }
        let transposed = [Float](unsafeUninitializedCapacity: m * k) { t, written in
            gk_transpose(a.baseAddress!, m, k, t.baseAddress!)
            written = m * k
        }
        // (A strided Aᵀ·B kernel reading A by columns measured slower than this: 4 KB strides.)
        transposed.withUnsafeBufferPointer { gk_gemm_accumulate($0.baseAddress!, k, m, b.baseAddress!, n, c.baseAddress!) }
    }

    /// One LSTM step for `rows` sequences: from `z` (rows × 4H pre-activations), the gates, cell and
    /// hidden rows. `previousCell` nil is a zero state (passed to C as zeros).
    static func lstmForward(_ z: UnsafeBufferPointer<Float>, previousCell: UnsafeBufferPointer<Float>?,
                            rows: Int, hidden h: Int, gates: UnsafeMutableBufferPointer<Float>,
                            cells: UnsafeMutableBufferPointer<Float>, hiddens: UnsafeMutableBufferPointer<Float>) {
        precondition(rows >= 0 && h >= 0, "lstmForward: negative size")
        precondition(z.count >= rows * 4 * h && gates.count >= rows * 4 * h && cells.count >= rows * h
                     && hiddens.count >= rows * h && (previousCell?.count ?? rows * h) >= rows * h,
                     "lstmForward: buffers smaller than their sizes")
        guard rows > 0, h > 0 else { return }
        withPreviousCell(previousCell, count: rows * h) { p in
            gk_lstm_train_forward(z.baseAddress!, p, rows, h, gates.baseAddress!, cells.baseAddress!, hiddens.baseAddress!)
        }
    }

    /// One LSTM step of backpropagation through time for `rows` sequences: the pre-activation
    /// gradients `dz` (rows × 4H) from ∂L/∂h from above and from the next step, and ∂L/∂c carried back.
    static func lstmBackward(above: UnsafeBufferPointer<Float>, next: UnsafeBufferPointer<Float>,
                             cellGradient: UnsafeMutableBufferPointer<Float>, gates: UnsafeBufferPointer<Float>,
                             cells: UnsafeBufferPointer<Float>, previousCell: UnsafeBufferPointer<Float>?,
                             rows: Int, hidden h: Int, dz: UnsafeMutableBufferPointer<Float>) {
        precondition(rows >= 0 && h >= 0, "lstmBackward: negative size")
        let n = rows * h
        precondition(above.count >= n && next.count >= n && cellGradient.count >= n && gates.count >= 4 * n
                     && cells.count >= n && (previousCell?.count ?? n) >= n && dz.count >= 4 * n,
                     "lstmBackward: buffers smaller than their sizes")
        guard n > 0 else { return }
        withPreviousCell(previousCell, count: n) { p in
            gk_lstm_train_backward(above.baseAddress!, next.baseAddress!, cellGradient.baseAddress!, gates.baseAddress!,
                                   cells.baseAddress!, p, rows, h, dz.baseAddress!)
        }
    }

    /// Calls `body` with the previous cell rows, or with `count` zeros for a sequence's first step.
    private static func withPreviousCell(_ previous: UnsafeBufferPointer<Float>?, count: Int,
                                         _ body: (UnsafePointer<Float>) -> Void) {
        if let base = previous?.baseAddress { return body(base) }
        [Float](repeating: 0, count: count).withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    /// y += x over the first `count` values.
    static func add(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>, count: Int) {
        precondition(count >= 0 && x.count >= count && y.count >= count, "add: buffers smaller than their sizes")
        guard count > 0 else { return }
        gk_add(y.baseAddress!, x.baseAddress!, count)
    }

    /// B (columns × rows) = Aᵀ for A (rows × columns).
    static func transpose(_ a: [Float], rows: Int, columns: Int) -> [Float] {
        precondition(rows >= 0 && columns >= 0 && a.count >= rows * columns, "transpose: array smaller than its size")
        return [Float](unsafeUninitializedCapacity: rows * columns) { b, written in
            if rows > 0, columns > 0 {
                a.withUnsafeBufferPointer { gk_transpose($0.baseAddress!, rows, columns, b.baseAddress!) }
            }
            written = rows * columns
        }
    }
}

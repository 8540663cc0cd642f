import CGateKernels

/// The plain Swift twins of the batched training kernels, kept as the references for tests. The
/// products use `addingProduct` (a fused multiply-add) in the kernels' order, so they give the same bits.
extension BatchKernels {
    /// The twin of `gemm`: C (m × n) += A (m × k) · B (k × n).
    static func plainGemm(_ a: [Float], rows m: Int, inner k: Int, _ b: [Float], columns n: Int, into c: inout [Float]) {
        for i in 0..<m {
            for j in 0..<n {
                var s = c[i * n + j]
                for p in 0..<k { s = s.addingProduct(a[i * k + p], b[p * n + j]) }
                c[i * n + j] = s
            }
        }
    }

    /// The twin of `gemmTransposedA`: C (k × n) += Aᵀ · B for A (m × k) and B (m × n).
    static func plainGemmTransposedA(_ a: [Float], rows m: Int, columns k: Int, _ b: [Float], columns n: Int,
                                     into c: inout [Float]) {
        for p in 0..<k {
            for j in 0..<n {
                var s = c[p * n + j]
                for i in 0..<m { s = s.addingProduct(a[i * k + p], b[i * n + j]) }
                c[p * n + j] = s
            }
        }
    }

    /// The twin of `lstmForward` (σ and tanh through the kernels' own approximations).
    static func plainLSTMForward(_ z: [Float], previousCell: [Float]?, rows: Int, hidden h: Int,
                                 gates: inout [Float], cells: inout [Float], hiddens: inout [Float]) {
        for r in 0..<rows {
            let base = r * 4 * h
            for j in 0..<h {
                let i = gk_sigmoid_scalar(z[base + j]), f = gk_sigmoid_scalar(z[base + h + j])
                let g = gk_tanh_scalar(z[base + 2 * h + j]), o = gk_sigmoid_scalar(z[base + 3 * h + j])
                let cell = f * (previousCell?[r * h + j] ?? 0) + i * g
                gates[base + j] = i; gates[base + h + j] = f; gates[base + 2 * h + j] = g; gates[base + 3 * h + j] = o
                cells[r * h + j] = cell
                hiddens[r * h + j] = o * gk_tanh_scalar(cell)
            }
        }
    }

    /// The twin of `lstmBackward`.
    static func plainLSTMBackward(above: [Float], next: [Float], cellGradient: inout [Float], gates: [Float],
                                  cells: [Float], previousCell: [Float]?, rows: Int, hidden h: Int, dz: inout [Float]) {
        for r in 0..<rows {
            let base = r * 4 * h
            for j in 0..<h {
                let k = r * h + j
                let dh = above[k] + next[k], tc = gk_tanh_scalar(cells[k])
                let i = gates[base + j], f = gates[base + h + j], g = gates[base + 2 * h + j], o = gates[base + 3 * h + j]
                let dc = cellGradient[k] + dh * o * (1 - tc * tc)
                let previous = previousCell?[k] ?? 0
                dz[base + j] = dc * g * i * (1 - i)
                dz[base + h + j] = dc * previous * f * (1 - f)
                dz[base + 2 * h + j] = dc * i * (1 - g * g)
                dz[base + 3 * h + j] = dh * tc * o * (1 - o)
                cellGradient[k] = dc * f
            }
        }
    }
}

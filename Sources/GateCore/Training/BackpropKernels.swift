/// The linear-algebra pieces of backpropagation, in plain Swift over flat row-major arrays.
enum BackpropKernels {
    /// y[c] += Σ_r W[r, c] · v[r] for W (rows × columns): the transpose product Wᵀ v.
    static func transposedMatVecAccumulate(_ w: [Float], rows: Int, columns: Int, _ v: [Float],
                                           vOffset: Int = 0, into y: inout [Float]) {
        w.withUnsafeBufferPointer { wp in
            v.withUnsafeBufferPointer { vp in
                y.withUnsafeMutableBufferPointer { yp in
                    for r in 0..<rows {
                        let scale = vp[vOffset + r]
                        if scale == 0 { continue }
                        let base = r * columns
                        for c in 0..<columns { yp[c] += wp[base + c] * scale }
                    }
                }
            }
        }
    }

    /// G[r, c] += Σ_t A[t, r] · B[t, c]: the sum over steps of outer products, Aᵀ B.
    static func outerAccumulate(_ a: [Float], _ b: [Float], steps: Int, aColumns: Int, bColumns: Int,
                                into g: inout [Float]) {
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                g.withUnsafeMutableBufferPointer { gp in
                    for t in 0..<steps {
                        let aBase = t * aColumns, bBase = t * bColumns
                        for r in 0..<aColumns {
                            let scale = ap[aBase + r]
                            if scale == 0 { continue }
                            let gBase = r * bColumns
                            for c in 0..<bColumns { gp[gBase + c] += scale * bp[bBase + c] }
                        }
                    }
                }
            }
        }
    }

    /// Column sums of A (steps × columns), added to `into`.
    static func columnSumAccumulate(_ a: [Float], steps: Int, columns: Int, into g: inout [Float]) {
        for t in 0..<steps {
            let base = t * columns
            for c in 0..<columns { g[c] += a[base + c] }
        }
    }

    /// A · W for A (steps × rows) and W (rows × columns): gradients flowing back to a layer's input.
    static func product(_ a: [Float], steps: Int, _ w: [Float], rows: Int, columns: Int) -> Matrix {
        var result = Matrix(rows: steps, columns: columns)
        var row = [Float](repeating: 0, count: columns)
        for t in 0..<steps {
            for c in 0..<columns { row[c] = 0 }
            transposedMatVecAccumulate(w, rows: rows, columns: columns, a, vOffset: t * rows, into: &row)
            for c in 0..<columns { result.values[t * columns + c] = row[c] }
        }
        return result
    }

    /// Position t of the s-th step processed backward from the end (s counts in reading order), and the
    /// position whose state step t read (nil at the start of the sequence).
    static func position(_ s: Int, of steps: Int, reverse: Bool) -> (t: Int, previous: Int?) {
        let t = reverse ? steps - 1 - s : s
        return (t, s == 0 ? nil : (reverse ? t + 1 : t - 1))
    }

    /// h_{t−1} (h_{t+1} when reading backward) for every position t of `hiddens` (steps × width), zeros
    /// where the sequence starts.
    static func previousHidden(_ hiddens: [Float], steps: Int, width: Int, reverse: Bool) -> [Float] {
        var result = [Float](repeating: 0, count: steps * width)
        for s in 0..<steps {
            guard case let (t, previous?) = position(s, of: steps, reverse: reverse) else { continue }
            for j in 0..<width { result[t * width + j] = hiddens[previous * width + j] }
        }
        return result
    }

    /// The Euclidean norm of `v[offset ..< offset + count]`, accumulated in `Double`.
    static func norm(_ v: [Float], offset: Int = 0, count: Int) -> Float {
        var sum = 0.0
        for k in offset..<(offset + count) { sum += Double(v[k]) * Double(v[k]) }
        return Float(sum.squareRoot())
    }
}

extension BackpropKernels {
    /// Turns per-step pre-activation gradients into a `LayerGradient`, through the C kernels.
    ///
    /// `inputSide` is ∂L/∂(W_ih x_t + b_ih) and `recurrentSide` is ∂L/∂(W_hh h_{t−1} + b_hh), each
    /// T × G·H (they differ only for the GRU candidate, where r multiplies the recurrent term);
    /// `previousHidden` holds h_{t−1} for every position (zeros where the sequence starts).
    /// Without `needsInputGradient` (the bottom layer of a network without an embedding), ∂L/∂x is left
    /// at zero instead of computed.
    static func assemble(inputSide: [Float], recurrentSide: [Float], inputs: Matrix, previousHidden: [Float],
                         inputWeights: Matrix, hiddenSize: Int, hiddenNorms: [Float], cellNorms: [Float],
                         stateGradient: Matrix, needsInputGradient: Bool = true) -> LayerGradient {
        let steps = inputs.rows, rows = inputWeights.rows
        precondition(inputWeights.columns == inputs.columns && inputSide.count == steps * rows
                     && recurrentSide.count == steps * rows && previousHidden.count == steps * hiddenSize,
                     "assemble: gradient sizes do not match the layer")
        // ∂W_ih is accumulated transposed (one row per input column), so that a zero input, as in
        // one-hot text, skips its whole row, then transposed once.
        var transposedIH = [Float](repeating: 0, count: rows * inputs.columns)
        outerSum(inputSide, aColumns: rows, inputs.values, bColumns: inputs.columns, steps: steps, into: &transposedIH)
        var gradIH = [Float](repeating: 0, count: rows * inputs.columns)
        addTransposed(transposedIH, rows: inputs.columns, columns: rows, into: &gradIH)
        var gradHH = [Float](repeating: 0, count: rows * hiddenSize)
        outerSum(previousHidden, aColumns: hiddenSize, recurrentSide, bColumns: rows, steps: steps, into: &gradHH)
        var biasIH = [Float](repeating: 0, count: rows)
        var biasHH = [Float](repeating: 0, count: rows)
        columnSumAccumulate(inputSide, steps: steps, columns: rows, into: &biasIH)
        columnSumAccumulate(recurrentSide, steps: steps, columns: rows, into: &biasHH)
        let inputGradient = needsInputGradient
            ? fastProduct(inputSide, steps: steps, inputWeights.values, rows: rows, columns: inputs.columns)
            : Matrix(rows: steps, columns: inputs.columns)
        return LayerGradient(inputWeights: gradIH, recurrentWeights: gradHH, inputBias: biasIH, recurrentBias: biasHH,
                             inputGradient: inputGradient, hiddenNorms: hiddenNorms, cellNorms: cellNorms,
                             stateGradient: stateGradient)
    }
}

extension BackpropKernels {
    /// The plain Swift twin of `assemble`, kept as the reference for tests.
    ///
    /// `inputSide` is ∂L/∂(W_ih x_t + b_ih) and `recurrentSide` is ∂L/∂(W_hh h_{t−1} + b_hh), each
    /// T × G·H (they differ only for the GRU candidate, where r multiplies the recurrent term);
    /// `previousHidden` holds h_{t−1} for every position (zeros where the sequence starts).
    static func plainAssemble(inputSide: [Float], recurrentSide: [Float], inputs: Matrix, previousHidden: [Float],
                         inputWeights: Matrix, hiddenSize: Int, hiddenNorms: [Float], cellNorms: [Float],
                         stateGradient: Matrix) -> LayerGradient {
        let steps = inputs.rows, rows = inputWeights.rows
        var gradIH = [Float](repeating: 0, count: rows * inputs.columns)
        var gradHH = [Float](repeating: 0, count: rows * hiddenSize)
        var biasIH = [Float](repeating: 0, count: rows)
        var biasHH = [Float](repeating: 0, count: rows)
        outerAccumulate(inputSide, inputs.values, steps: steps, aColumns: rows, bColumns: inputs.columns, into: &gradIH)
        outerAccumulate(recurrentSide, previousHidden, steps: steps, aColumns: rows, bColumns: hiddenSize, into: &gradHH)
        columnSumAccumulate(inputSide, steps: steps, columns: rows, into: &biasIH)
        columnSumAccumulate(recurrentSide, steps: steps, columns: rows, into: &biasHH)
        let inputGradient = product(inputSide, steps: steps, inputWeights.values, rows: rows, columns: inputs.columns)
        return LayerGradient(inputWeights: gradIH, recurrentWeights: gradHH, inputBias: biasIH, recurrentBias: biasHH,
                             inputGradient: inputGradient, hiddenNorms: hiddenNorms, cellNorms: cellNorms,
                             stateGradient: stateGradient)
    }
}

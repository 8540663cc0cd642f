extension RNNWeights {
    /// Backpropagation through time for this layer, given the forward `run` over `inputs` from a zero
    /// state and ∂L/∂h_t from above (T × H): δz_t = δh_t ⊙ (1 − h_t²) (or the relu step),
    /// δh_{t−1} = W_hhᵀ δz_t — the product that shrinks or explodes geometrically.
    public func backward(inputs: Matrix, run: LayerRun, outputGradient: Matrix, reverse: Bool = false) -> LayerGradient {
        let steps = inputs.rows, h = hiddenSize
        let hiddens = run.series[SeriesName.hidden]!.values
        let pre = run.series[SeriesName.preactivation(SeriesName.hidden)]!.values
        var dz = [Float](repeating: 0, count: steps * h)
        let previousHidden = BackpropKernels.previousHidden(hiddens, steps: steps, width: h, reverse: reverse)
        var dhNext = [Float](repeating: 0, count: h), dhRow = dhNext
        var hiddenNorms = [Float](repeating: 0, count: steps)
        var stateGradient = Matrix(rows: steps, columns: h)
        for s in stride(from: steps - 1, through: 0, by: -1) {
            let t = BackpropKernels.position(s, of: steps, reverse: reverse).t
            let row = t * h
            for j in 0..<h {
                let dh = outputGradient.values[row + j] + dhNext[j]
                let value = hiddens[row + j]
                dz[row + j] = usesRelu ? (pre[row + j] > 0 ? dh : 0) : dh * (1 - value * value)
                dhRow[j] = dh
                stateGradient.values[row + j] = dh
                dhNext[j] = 0
            }
            hiddenNorms[t] = BackpropKernels.norm(dhRow, count: h)
            BackpropKernels.transposedMatVecAccumulate(recurrentWeights.values, rows: h, columns: h, dz,
                                                       vOffset: row, into: &dhNext)
        }
        return BackpropKernels.assemble(inputSide: dz, recurrentSide: dz, inputs: inputs, previousHidden: previousHidden,
                                        inputWeights: inputWeights, hiddenSize: h, hiddenNorms: hiddenNorms,
                                        cellNorms: [], stateGradient: stateGradient)
    }
}

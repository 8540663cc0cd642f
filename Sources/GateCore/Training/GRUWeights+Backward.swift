extension GRUWeights {
    /// Backpropagation through time for this layer (PyTorch's reset-after form), given the forward
    /// `run` over `inputs` from a zero state and ∂L/∂h_t from above (T × H).
    ///
    /// h' = (1 − z) ⊙ n + z ⊙ h, n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)): the reset gate scales
    /// the candidate's recurrent term, so that term's gradient is δn_pre ⊙ r while the input side's is δn_pre.
    public func backward(inputs: Matrix, run: LayerRun, outputGradient: Matrix, reverse: Bool = false) -> LayerGradient {
        let steps = inputs.rows, h = hiddenSize, width = 3 * h
        let gr = run.series[SeriesName.resetGate]!.values, gz = run.series[SeriesName.updateGate]!.values
        let gn = run.series[SeriesName.candidate]!.values
        let term = run.series[SeriesName.candidateRecurrent]!.values, hiddens = run.series[SeriesName.hidden]!.values
        var inputSide = [Float](repeating: 0, count: steps * width), recurrentSide = inputSide
        let previousHidden = BackpropKernels.previousHidden(hiddens, steps: steps, width: h, reverse: reverse)
        var dhNext = [Float](repeating: 0, count: h), dhRow = dhNext
        var hiddenNorms = [Float](repeating: 0, count: steps)
        var stateGradient = Matrix(rows: steps, columns: h)
        for s in stride(from: steps - 1, through: 0, by: -1) {
            let t = BackpropKernels.position(s, of: steps, reverse: reverse).t
            let row = t * h, base = t * width
            for j in 0..<h {
                let dh = outputGradient.values[row + j] + dhNext[j]
                let r = gr[row + j], z = gz[row + j], n = gn[row + j]
                let hp = previousHidden[row + j]
                let dnPre = dh * (1 - z) * (1 - n * n)
                let dzPre = dh * (hp - n) * z * (1 - z)
                let drPre = dnPre * term[row + j] * r * (1 - r)
                inputSide[base + j] = drPre; recurrentSide[base + j] = drPre
                inputSide[base + h + j] = dzPre; recurrentSide[base + h + j] = dzPre
                inputSide[base + 2 * h + j] = dnPre; recurrentSide[base + 2 * h + j] = dnPre * r
                dhRow[j] = dh
                stateGradient.values[row + j] = dh
                dhNext[j] = dh * z
            }
            hiddenNorms[t] = BackpropKernels.norm(dhRow, count: h)
            BackpropKernels.transposedMatVecAccumulate(recurrentWeights.values, rows: width, columns: h, recurrentSide,
                                                       vOffset: base, into: &dhNext)
        }
        return BackpropKernels.assemble(inputSide: inputSide, recurrentSide: recurrentSide, inputs: inputs,
                                        previousHidden: previousHidden, inputWeights: inputWeights, hiddenSize: h,
                                        hiddenNorms: hiddenNorms, cellNorms: [], stateGradient: stateGradient)
    }
}

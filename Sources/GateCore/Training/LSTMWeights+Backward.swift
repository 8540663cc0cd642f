import CGateKernels

extension LSTMWeights {
    /// Backpropagation through time for this layer: given the forward `run` over `inputs` (from a
    /// zero state) and ∂L/∂h_t from above (`outputGradient`, T × H), the parameter gradients and
    /// ∂L/∂x_t.
    ///
    /// δh_t = ∂L/∂h_t + W_hhᵀ δz_{t+1}; δc_t = δh_t ⊙ o_t ⊙ (1 − tanh² c_t) + δc_{t+1} ⊙ f_{t+1};
    /// δi = δc ⊙ g, δf = δc ⊙ c_{t−1}, δg = δc ⊙ i, δo = δh ⊙ tanh c_t, through each gate's derivative.
    ///
    /// Without `needsInputGradient`, ∂L/∂x_t is left at zero (nothing below needs it).
    public func backward(inputs: Matrix, run: LayerRun, outputGradient: Matrix, reverse: Bool = false,
                         needsInputGradient: Bool = true) -> LayerGradient {
        let steps = inputs.rows, h = hiddenSize, width = 4 * h
        precondition(inputs.columns == inputWeights.columns && recurrentWeights.rows == width
                     && recurrentWeights.columns == h && outputGradient.rows == steps && outputGradient.columns == h,
                     "LSTM backward: inputs or output gradient do not match the layer")
        let gi = run.series[SeriesName.inputGate]!.values, gf = run.series[SeriesName.forgetGate]!.values
        let gg = run.series[SeriesName.cellCandidate]!.values, go = run.series[SeriesName.outputGate]!.values
        let cells = run.series[SeriesName.cell]!.values, hiddens = run.series[SeriesName.hidden]!.values
        for series in [gi, gf, gg, go, cells, hiddens] {
            precondition(series.count == steps * h, "LSTM backward: the run does not match the inputs")
        }
        var dz = [Float](repeating: 0, count: steps * width)
        var hiddenNorms = [Float](repeating: 0, count: steps), cellNorms = hiddenNorms
        var stateGradient = Matrix(rows: steps, columns: h)
        var dhNext = [Float](repeating: 0, count: h), dcNext = dhNext, norms: [Float] = [0, 0]
        outputGradient.values.withUnsafeBufferPointer { above in
        gi.withUnsafeBufferPointer { i in gf.withUnsafeBufferPointer { f in
        gg.withUnsafeBufferPointer { g in go.withUnsafeBufferPointer { o in
        cells.withUnsafeBufferPointer { c in
        recurrentWeights.values.withUnsafeBufferPointer { u in
        dz.withUnsafeMutableBufferPointer { dz in
        stateGradient.values.withUnsafeMutableBufferPointer { dc in
        dhNext.withUnsafeMutableBufferPointer { dhNext in
        dcNext.withUnsafeMutableBufferPointer { dcNext in
        norms.withUnsafeMutableBufferPointer { norms in
            for s in stride(from: steps - 1, through: 0, by: -1) {
                let (t, before) = BackpropKernels.position(s, of: steps, reverse: reverse)
                let row = t * h
                let previous: UnsafePointer<Float>? = before.map { c.baseAddress! + $0 * h }
                gk_lstm_backward_pointwise(above.baseAddress! + row, dhNext.baseAddress!, dcNext.baseAddress!,
                                           i.baseAddress! + row, f.baseAddress! + row, g.baseAddress! + row,
                                           o.baseAddress! + row, c.baseAddress! + row, previous, h,
                                           dz.baseAddress! + t * width, dc.baseAddress! + row, norms.baseAddress!)
                hiddenNorms[t] = norms[0]
                cellNorms[t] = norms[1]
                gk_backward_product(dz.baseAddress! + t * width, 1, width, u.baseAddress!, h, dhNext.baseAddress!)
            }
        }}}}}}}}}}}}
        let previousHidden = BackpropKernels.previousHidden(hiddens, steps: steps, width: h, reverse: reverse)
        return BackpropKernels.assemble(inputSide: dz, recurrentSide: dz, inputs: inputs, previousHidden: previousHidden,
                                        inputWeights: inputWeights, hiddenSize: h, hiddenNorms: hiddenNorms,
                                        cellNorms: cellNorms, stateGradient: stateGradient,
                                        needsInputGradient: needsInputGradient)
    }

    /// The plain Swift twin of `backward`, kept as the reference for tests.
    func plainBackward(inputs: Matrix, run: LayerRun, outputGradient: Matrix, reverse: Bool = false) -> LayerGradient {
        let steps = inputs.rows, h = hiddenSize, width = 4 * h
        let gi = run.series[SeriesName.inputGate]!.values, gf = run.series[SeriesName.forgetGate]!.values
        let gg = run.series[SeriesName.cellCandidate]!.values, go = run.series[SeriesName.outputGate]!.values
        let cells = run.series[SeriesName.cell]!.values, hiddens = run.series[SeriesName.hidden]!.values
        var dz = [Float](repeating: 0, count: steps * width)
        var dhNext = [Float](repeating: 0, count: h), dcNext = [Float](repeating: 0, count: h)
        var hiddenNorms = [Float](repeating: 0, count: steps), cellNorms = hiddenNorms
        var stateGradient = Matrix(rows: steps, columns: h)
        var dhRow = [Float](repeating: 0, count: h), dcRow = dhRow
        for s in stride(from: steps - 1, through: 0, by: -1) {
            let (t, previous) = BackpropKernels.position(s, of: steps, reverse: reverse)
            let row = t * h, base = t * width
            for j in 0..<h {
                let dh = outputGradient.values[row + j] + dhNext[j]
                let c = cells[row + j], tc = Activation.tanh(c)
                let i = gi[row + j], f = gf[row + j], g = gg[row + j], o = go[row + j]
                let dc = dcNext[j] + dh * o * (1 - tc * tc)
                let cPrev = previous.map { cells[$0 * h + j] } ?? 0
                dz[base + j] = dc * g * i * (1 - i)
                dz[base + h + j] = dc * cPrev * f * (1 - f)
                dz[base + 2 * h + j] = dc * i * (1 - g * g)
                dz[base + 3 * h + j] = dh * tc * o * (1 - o)
                dcNext[j] = dc * f
                dhRow[j] = dh
                dcRow[j] = dc
                stateGradient.values[row + j] = dc
            }
            hiddenNorms[t] = BackpropKernels.norm(dhRow, count: h)
            cellNorms[t] = BackpropKernels.norm(dcRow, count: h)
            for j in 0..<h { dhNext[j] = 0 }
            BackpropKernels.transposedMatVecAccumulate(recurrentWeights.values, rows: width, columns: h, dz,
                                                       vOffset: base, into: &dhNext)
        }
        let previousHidden = BackpropKernels.previousHidden(hiddens, steps: steps, width: h, reverse: reverse)
        return BackpropKernels.plainAssemble(inputSide: dz, recurrentSide: dz, inputs: inputs,
                                             previousHidden: previousHidden, inputWeights: inputWeights,
                                             hiddenSize: h, hiddenNorms: hiddenNorms, cellNorms: cellNorms,
                                             stateGradient: stateGradient)
    }
}

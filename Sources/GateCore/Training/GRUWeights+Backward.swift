import CGateKernels

extension GRUWeights {
    /// One step's elementwise backward for one row: (∂L/∂h from above, ∂L/∂h from the next step (in: from
    /// the step after; out: dh·z), r, z, n, W_hn h + b_hn, h₋₁, H, input side, recurrent side, state
    /// gradient) → ‖dh‖.
    typealias BackwardRow = (UnsafePointer<Float>, UnsafeMutablePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>,
                             UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>, Int,
                             UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>) -> Float

    /// Backpropagation through time for this layer (PyTorch's reset-after form), given the forward
    /// `run` over `inputs` from a zero state and ∂L/∂h_t from above (T × H).
    ///
    /// h' = (1 − z) ⊙ n + z ⊙ h, n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)): the reset gate scales
    /// the candidate's recurrent term, so that term's gradient is δn_pre ⊙ r while the input side's is δn_pre.
    /// The gate derivatives run in a C kernel (`gk_gru_backward_pointwise`).
    public func backward(inputs: Matrix, run: LayerRun, outputGradient: Matrix, reverse: Bool = false) -> LayerGradient {
        backward(inputs: inputs, run: run, outputGradient: outputGradient, reverse: reverse) { a, dh, r, z, n, term, hp, h, i, u, sg in
            var norm: Float = 0
            gk_gru_backward_pointwise(a, dh, r, z, n, term, hp, h, i, u, sg, &norm)
            return norm
        }
    }

    /// The plain Swift twin of `backward` (the same loop with the gate derivatives in Swift), kept as the
    /// reference for tests.
    func plainBackward(inputs: Matrix, run: LayerRun, outputGradient: Matrix, reverse: Bool = false) -> LayerGradient {
        backward(inputs: inputs, run: run, outputGradient: outputGradient, reverse: reverse) { a, dhNext, gr, gz, gn, term, hp, h, i, u, sg in
            var sum = 0.0
            for j in 0..<h {
                let dh = a[j] + dhNext[j]
                let r = gr[j], z = gz[j], n = gn[j]
                let dnPre = dh * (1 - z) * (1 - n * n)
                let dzPre = dh * (hp[j] - n) * z * (1 - z)
                let drPre = dnPre * term[j] * r * (1 - r)
                i[j] = drPre; u[j] = drPre
                i[h + j] = dzPre; u[h + j] = dzPre
                i[2 * h + j] = dnPre; u[2 * h + j] = dnPre * r
                sg[j] = dh
                dhNext[j] = dh * z
                sum += Double(dh) * Double(dh)
            }
            return Float(sum.squareRoot())
        }
    }

    /// The loop over steps, with `row` for each step's gate derivatives.
    private func backward(inputs: Matrix, run: LayerRun, outputGradient: Matrix, reverse: Bool,
                          row: BackwardRow) -> LayerGradient {
        let steps = inputs.rows, h = hiddenSize, width = 3 * h
        let gr = run.series[SeriesName.resetGate]!.values, gz = run.series[SeriesName.updateGate]!.values
        let gn = run.series[SeriesName.candidate]!.values
        let term = run.series[SeriesName.candidateRecurrent]!.values, hiddens = run.series[SeriesName.hidden]!.values
        precondition(inputs.columns == inputWeights.columns && recurrentWeights.rows == width && recurrentWeights.columns == h
                     && outputGradient.rows == steps && outputGradient.columns == h
                     && [gr, gz, gn, term, hiddens].allSatisfy { $0.count == steps * h },
                     "GRU backward: inputs, run or output gradient do not match the layer")
        var inputSide = [Float](repeating: 0, count: steps * width), recurrentSide = inputSide
        let previousHidden = BackpropKernels.previousHidden(hiddens, steps: steps, width: h, reverse: reverse)
        var dhNext = [Float](repeating: 0, count: h)
        var hiddenNorms = [Float](repeating: 0, count: steps)
        var stateGradient = Matrix(rows: steps, columns: h)
        guard h > 0 else {
            return BackpropKernels.assemble(inputSide: inputSide, recurrentSide: recurrentSide, inputs: inputs,
                                            previousHidden: previousHidden, inputWeights: inputWeights, hiddenSize: h,
                                            hiddenNorms: hiddenNorms, cellNorms: [], stateGradient: stateGradient)
        }
        for s in stride(from: steps - 1, through: 0, by: -1) {
            let t = BackpropKernels.position(s, of: steps, reverse: reverse).t
            let at = t * h, base = t * width
            hiddenNorms[t] = outputGradient.values.withUnsafeBufferPointer { a in
                dhNext.withUnsafeMutableBufferPointer { dh in
                gr.withUnsafeBufferPointer { r in gz.withUnsafeBufferPointer { z in gn.withUnsafeBufferPointer { n in
                term.withUnsafeBufferPointer { tm in previousHidden.withUnsafeBufferPointer { hp in
                inputSide.withUnsafeMutableBufferPointer { i in recurrentSide.withUnsafeMutableBufferPointer { u in
                stateGradient.values.withUnsafeMutableBufferPointer { sg in
                    row(a.baseAddress! + at, dh.baseAddress!, r.baseAddress! + at, z.baseAddress! + at, n.baseAddress! + at,
                        tm.baseAddress! + at, hp.baseAddress! + at, h, i.baseAddress! + base, u.baseAddress! + base,
                        sg.baseAddress! + at)
                }}}}}}}}}
            }
            BackpropKernels.transposedMatVecAccumulate(recurrentWeights.values, rows: width, columns: h, recurrentSide,
                                                       vOffset: base, into: &dhNext)
        }
        return BackpropKernels.assemble(inputSide: inputSide, recurrentSide: recurrentSide, inputs: inputs,
                                        previousHidden: previousHidden, inputWeights: inputWeights, hiddenSize: h,
                                        hiddenNorms: hiddenNorms, cellNorms: [], stateGradient: stateGradient)
    }
}

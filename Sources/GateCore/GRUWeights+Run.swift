import CGateKernels

extension GRUWeights {
    /// Order of the series in the kernel's storage (matches `gk_gru_pointwise`).
    static let kernelSeriesOrder = [
        SeriesName.preactivation(SeriesName.resetGate), SeriesName.preactivation(SeriesName.updateGate),
        SeriesName.preactivation(SeriesName.candidate), SeriesName.candidateRecurrent,
        SeriesName.resetGate, SeriesName.updateGate, SeriesName.candidate, SeriesName.hidden,
    ]

    /// Runs the layer over `inputs` (T × X), forward or in reverse, capturing every intermediate.
    ///
    /// PyTorch's form (reset after the recurrent product) runs in the C kernels; Keras'
    /// `reset_after=False`, which needs a second mat-vec between the gates, uses `referenceRun`.
    public func run(_ inputs: Matrix, reverse: Bool = false, from initial: RecurrentState? = nil) -> LayerRun {
        RunPreconditions.check(.gru(self), inputs: inputs, state: initial)
        guard resetAfter else { return referenceRun(inputs, reverse: reverse, from: initial) }
        let steps = inputs.rows, h = hiddenSize
        let projected = Kernels.projectSequence(weights: inputWeights, bias: inputBias, inputs: inputs)
        var hidden = (initial ?? RecurrentState.zero(for: .gru(self))).hidden
        let arrays = UninitializedArrays.make(count: 8, size: steps * h) { pointers in
            projected.values.withUnsafeBufferPointer { pre in
            hidden.withUnsafeMutableBufferPointer { state in
                if steps > 0 {
                    runSteps(projected: pre.baseAddress!, steps: steps, reverse: reverse, state: state.baseAddress!, series: pointers)
                }
            }}
        }
        var series: [String: Matrix] = [:]
        for (k, name) in Self.kernelSeriesOrder.enumerated() {
            series[name] = Matrix(rows: steps, columns: h, values: arrays[k])
        }
        return LayerRun(series: series, finalState: RecurrentState(hidden: hidden))
    }

    /// The step loop on raw storage (PyTorch's reset-after form), shared by ``run(_:reverse:from:)``
    /// and ``LayerStreamer``: `projected` holds W_ih x + b_ih for `steps` rows (3H each), `state` (H)
    /// carries the hidden state in and out, row t of series k goes to `series[k] + t·H` (``kernelSeriesOrder``).
    func runSteps(projected pre: UnsafePointer<Float>, steps: Int, reverse: Bool, state: UnsafeMutablePointer<Float>,
                  series pointers: [UnsafeMutablePointer<Float>]) {
        let h = hiddenSize, width = 3 * h
        var recurrent = [Float](repeating: 0, count: width)
        let rows = UnsafeMutablePointer<UnsafeMutablePointer<Float>?>.allocate(capacity: 8)
        defer { rows.deallocate() }
        recurrentWeights.values.withUnsafeBufferPointer { weights in
        recurrentBias.withUnsafeBufferPointer { bias in
        recurrent.withUnsafeMutableBufferPointer { term in
            for s in 0..<steps {
                let t = reverse ? steps - 1 - s : s
                term.baseAddress!.update(from: bias.baseAddress!, count: width)
                gk_matvec_accumulate(weights.baseAddress!, width, h, state, term.baseAddress!)
                for k in 0..<8 { rows[k] = pointers[k] + t * h }
                gk_gru_pointwise(pre + t * width, term.baseAddress!, h, state, rows)
            }
        }}}
    }
}

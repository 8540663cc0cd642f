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
        let steps = inputs.rows, h = hiddenSize, width = 3 * h
        let projected = Kernels.projectSequence(weights: inputWeights, bias: inputBias, inputs: inputs)
        var hidden = (initial ?? RecurrentState.zero(for: .gru(self))).hidden
        var recurrent = [Float](repeating: 0, count: width)
        let arrays = UninitializedArrays.make(count: 8, size: steps * h) { pointers in
            projected.values.withUnsafeBufferPointer { pre in
            recurrentWeights.values.withUnsafeBufferPointer { weights in
            recurrentBias.withUnsafeBufferPointer { bias in
            hidden.withUnsafeMutableBufferPointer { state in
            recurrent.withUnsafeMutableBufferPointer { term in
                let rows = UnsafeMutablePointer<UnsafeMutablePointer<Float>?>.allocate(capacity: 8)
                defer { rows.deallocate() }
                for s in 0..<steps {
                    let t = reverse ? steps - 1 - s : s
                    term.baseAddress!.update(from: bias.baseAddress!, count: width)
                    gk_matvec_accumulate(weights.baseAddress!, width, h, state.baseAddress!, term.baseAddress!)
                    for k in 0..<8 { rows[k] = pointers[k] + t * h }
                    gk_gru_pointwise(pre.baseAddress! + t * width, term.baseAddress!, h, state.baseAddress!, rows)
                }
            }}}}}
        }
        var series: [String: Matrix] = [:]
        for (k, name) in Self.kernelSeriesOrder.enumerated() {
            series[name] = Matrix(rows: steps, columns: h, values: arrays[k])
        }
        return LayerRun(series: series, finalState: RecurrentState(hidden: hidden))
    }
}

import CGateKernels

extension RNNWeights {
    /// Runs the layer over `inputs` (T × X), forward or in reverse, capturing every intermediate.
    public func run(_ inputs: Matrix, reverse: Bool = false, from initial: RecurrentState? = nil) -> LayerRun {
        RunPreconditions.check(.rnn(self), inputs: inputs, state: initial)
        let steps = inputs.rows, h = hiddenSize
        let bias = zip(inputBias, recurrentBias).map { $0 + $1 }
        let projected = Kernels.projectSequence(weights: inputWeights, bias: bias, inputs: inputs)
        var preSeries = [Float](repeating: 0, count: steps * h)
        var hiddenSeries = preSeries
        var hidden = (initial ?? RecurrentState.zero(for: .rnn(self))).hidden
        var z = [Float](repeating: 0, count: h)
        projected.values.withUnsafeBufferPointer { pre in
        recurrentWeights.values.withUnsafeBufferPointer { weights in
        preSeries.withUnsafeMutableBufferPointer { preOut in
        hiddenSeries.withUnsafeMutableBufferPointer { hiddenOut in
        hidden.withUnsafeMutableBufferPointer { state in
        z.withUnsafeMutableBufferPointer { z in
            for s in 0..<steps {
                let t = reverse ? steps - 1 - s : s
                z.baseAddress!.update(from: pre.baseAddress! + t * h, count: h)
                gk_matvec_accumulate(weights.baseAddress!, h, h, state.baseAddress!, z.baseAddress!)
                gk_rnn_pointwise(z.baseAddress!, h, usesRelu ? 1 : 0, state.baseAddress!,
                                 preOut.baseAddress! + t * h, hiddenOut.baseAddress! + t * h)
            }
        }}}}}}
        let series: [String: Matrix] = [
            SeriesName.hidden: Matrix(rows: steps, columns: h, values: hiddenSeries),
            SeriesName.preactivation(SeriesName.hidden): Matrix(rows: steps, columns: h, values: preSeries),
        ]
        return LayerRun(series: series, finalState: RecurrentState(hidden: hidden))
    }
}

import CGateKernels

extension RNNWeights {
    /// Runs the layer over `inputs` (T × X), forward or in reverse, capturing every intermediate.
    public func run(_ inputs: Matrix, reverse: Bool = false, from initial: RecurrentState? = nil) -> LayerRun {
        RunPreconditions.check(.rnn(self), inputs: inputs, state: initial)
        let steps = inputs.rows, h = hiddenSize
        let projected = Kernels.projectSequence(weights: inputWeights, bias: combinedBias, inputs: inputs)
        var preSeries = [Float](repeating: 0, count: steps * h)
        var hiddenSeries = preSeries
        var hidden = (initial ?? RecurrentState.zero(for: .rnn(self))).hidden
        projected.values.withUnsafeBufferPointer { pre in
        preSeries.withUnsafeMutableBufferPointer { preOut in
        hiddenSeries.withUnsafeMutableBufferPointer { hiddenOut in
        hidden.withUnsafeMutableBufferPointer { state in
            if steps > 0 {
                runSteps(projected: pre.baseAddress!, steps: steps, reverse: reverse, state: state.baseAddress!,
                         preactivations: preOut.baseAddress!, hiddens: hiddenOut.baseAddress!)
            }
        }}}}
        return layerRun(steps: steps, preactivations: preSeries, hiddens: hiddenSeries, final: hidden)
    }

    /// b_ih + b_hh, added once in the input projection.
    var combinedBias: [Float] { zip(inputBias, recurrentBias).map { $0 + $1 } }

    /// A run's result from its step-major buffers (`steps` × H each) and the final hidden state; shared
    /// by ``run(_:reverse:from:)`` and ``referenceRun(_:reverse:from:)``.
    func layerRun(steps: Int, preactivations: [Float], hiddens: [Float], final hidden: [Float]) -> LayerRun {
        let h = hiddenSize
        let series: [String: Matrix] = [
            SeriesName.hidden: Matrix(rows: steps, columns: h, values: hiddens),
            SeriesName.preactivation(SeriesName.hidden): Matrix(rows: steps, columns: h, values: preactivations),
        ]
        return LayerRun(series: series, finalState: RecurrentState(hidden: hidden))
    }

    /// The step loop on raw storage, shared by ``run(_:reverse:from:)`` and ``LayerStreamer``:
    /// `projected` holds W_ih x + b for `steps` rows (H each), `state` (H) carries the hidden state in
    /// and out, row t goes to `preactivations + t·H` and `hiddens + t·H`.
    func runSteps(projected pre: UnsafePointer<Float>, steps: Int, reverse: Bool, state: UnsafeMutablePointer<Float>,
                  preactivations: UnsafeMutablePointer<Float>, hiddens: UnsafeMutablePointer<Float>) {
        let h = hiddenSize
        var z = [Float](repeating: 0, count: h)
        recurrentWeights.values.withUnsafeBufferPointer { weights in
        z.withUnsafeMutableBufferPointer { z in
            for s in 0..<steps {
                let t = reverse ? steps - 1 - s : s
                z.baseAddress!.update(from: pre + t * h, count: h)
                gk_matvec_accumulate(weights.baseAddress!, h, h, state, z.baseAddress!)
                gk_rnn_pointwise(z.baseAddress!, h, usesRelu ? 1 : 0, state, preactivations + t * h, hiddens + t * h)
            }
        }}
    }
}

extension RNNWeights {
    /// The plain Swift version of `run`, kept as the reference the fast path is tested against.
    public func referenceRun(_ inputs: Matrix, reverse: Bool = false, from initial: RecurrentState? = nil) -> LayerRun {
        let steps = inputs.rows, h = hiddenSize
        let projected = Kernels.plainProjectSequence(weights: inputWeights, bias: combinedBias, inputs: inputs)
        var preSeries = [Float](repeating: 0, count: steps * h)
        var hiddenSeries = preSeries
        var hidden = (initial ?? RecurrentState.zero(for: .rnn(self))).hidden
        var z = [Float](repeating: 0, count: h)
        for s in 0..<steps {
            let t = reverse ? steps - 1 - s : s
            let row = t * h
            for j in 0..<h { z[j] = projected.values[row + j] }
            Kernels.plainMatVecAccumulate(recurrentWeights, hidden, into: &z)
            for j in 0..<h {
                let value = usesRelu ? Activation.relu(z[j]) : Activation.tanh(z[j])
                hidden[j] = value
                preSeries[row + j] = z[j]
                hiddenSeries[row + j] = value
            }
        }
        return layerRun(steps: steps, preactivations: preSeries, hiddens: hiddenSeries, final: hidden)
    }
}

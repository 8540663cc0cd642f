extension RecurrentNetwork {
    /// One forward and backward pass: the loss of `input` (T × X) against `target` and its gradient
    /// with respect to every parameter in `ParameterLayout(of: self)` order.
    ///
    /// With an embedding, pass the `tokens` the input was encoded from: their rows get the gradient.
    /// The state starts at zero, as in PyTorch when no initial state is given.
    public func lossAndGradient(input: Matrix, tokens: [Int]? = nil, target: TrainingTarget) -> NetworkGradient {
        backpropagate(input: input, tokens: tokens) { outputs in
            SequenceLoss.evaluate(outputs: outputs, target: target)
        }
    }

    /// Forward pass, then backward from the gradient `lossOf` gives for the outputs (T × O).
    func backpropagate(input: Matrix, tokens: [Int]?,
                       lossOf: (Matrix) -> (loss: Double, gradient: Matrix)) -> NetworkGradient {
        precondition(embedding == nil || tokens != nil, "a network with an embedding needs the tokens")
        var layerInputs: [Matrix] = []
        var runs: [[LayerRun]] = []
        var current = input
        for directions in layers {
            layerInputs.append(current)
            var layerRuns: [LayerRun] = []
            for (direction, weights) in directions.enumerated() {
                layerRuns.append(weights.run(current, reverse: isReverse(direction: direction)))
            }
            runs.append(layerRuns)
            let outputs = layerRuns.map { $0.series[SeriesName.hidden]! }
            current = outputs.count == 1 ? outputs[0] : Self.concatenateColumns(outputs)
        }
        let top = current
        // Gradients start from the head's logits (W h + b): training heads are linear, and for an
        // imported head with an activation the flow is shown into its pre-activation.
        let outputs = head?.logits(of: top) ?? top
        let (loss, outputGradient) = lossOf(outputs)

        var headGradient: [Float] = []
        var gradientAbove: Matrix
        if let head {
            var weights = [Float](repeating: 0, count: head.outputSize * head.inputSize)
            var bias = [Float](repeating: 0, count: head.outputSize)
            BackpropKernels.outerSum(top.values, aColumns: head.inputSize, outputGradient.values,
                                     bColumns: head.outputSize, steps: top.rows, into: &weights)
            BackpropKernels.columnSumAccumulate(outputGradient.values, steps: top.rows, columns: head.outputSize,
                                                into: &bias)
            headGradient = weights + bias
            gradientAbove = BackpropKernels.fastProduct(outputGradient.values, steps: top.rows, head.weights.values,
                                                        rows: head.outputSize, columns: head.inputSize)
        } else {
            gradientAbove = outputGradient
        }

        var layerGradients: [[LayerGradient]] = Array(repeating: [], count: layers.count)
        for index in stride(from: layers.count - 1, through: 0, by: -1) {
            let x = layerInputs[index]
            // The bottom layer's input gradient only feeds an embedding.
            let needsBelow = index > 0 || embedding != nil
            var below = Matrix(rows: x.rows, columns: x.columns)
            var offset = 0
            for (direction, weights) in layers[index].enumerated() {
                let width = weights.outputSize
                var slice = Matrix(rows: x.rows, columns: width)
                for t in 0..<x.rows {
                    for k in 0..<width { slice.values[t * width + k] = gradientAbove.values[t * gradientAbove.columns + offset + k] }
                }
                offset += width
                let run = runs[index][direction], reverse = isReverse(direction: direction)
                let gradient: LayerGradient
                switch weights {
                case .lstm(let w):
                    gradient = w.backward(inputs: x, run: run, outputGradient: slice, reverse: reverse,
                                          needsInputGradient: needsBelow)
                case .gru(let w): gradient = w.backward(inputs: x, run: run, outputGradient: slice, reverse: reverse)
                case .rnn(let w): gradient = w.backward(inputs: x, run: run, outputGradient: slice, reverse: reverse)
                }
                if needsBelow { BackpropKernels.add(gradient.inputGradient.values, into: &below.values) }
                layerGradients[index].append(gradient)
            }
            gradientAbove = below
        }

        var flat: [Float] = []
        if let embedding, let tokens {
            var rows = [Float](repeating: 0, count: embedding.values.count)
            let width = embedding.columns
            for (t, token) in tokens.enumerated() {
                for k in 0..<width { rows[token * width + k] += gradientAbove.values[t * width + k] }
            }
            flat += rows
        }
        for layer in layerGradients {
            for g in layer { flat += g.inputWeights + g.recurrentWeights + g.inputBias + g.recurrentBias }
        }
        flat += headGradient
        return NetworkGradient(loss: loss, gradient: flat, outputs: outputs, layers: layerGradients.flatMap { $0 })
    }
}

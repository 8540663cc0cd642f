extension ConvLSTMNetwork {
    /// Mean binary cross-entropy with logits between the 1×1 head's output and `targets`
    /// (T × (O·H·W), channel-first like the output, values in [0, 1]), and its gradient with respect to
    /// `parameters` by backpropagation through time.
    ///
    /// `stepWeights` (T values, default all 1) weights each step's pixels; the mean divides by
    /// Σ weights · O·H·W. This is PyTorch's `binary_cross_entropy_with_logits` (mean) when all weights are 1.
    public func pixelLossAndGradient(frames: Matrix, targets: Matrix, stepWeights: [Float]? = nil)
        -> (loss: Float, gradient: [Float]) {
        guard case .pointwise(let linear)? = head else {
            preconditionFailure("ConvLSTM pixel loss needs a 1×1 (pointwise) head")
        }
        let (_, caches) = forward(frames)
        let top = caches.last!
        let steps = frames.rows, p = height * width, c = top.shape.channels, o = linear.outputSize
        precondition(targets.rows == steps && targets.columns == o * p, "ConvLSTM: targets must be T × (O·H·W)")
        let weights = stepWeights ?? [Float](repeating: 1, count: steps)
        let total = weights.reduce(0, +) * Float(o * p)
        var loss: Double = 0
        var dHead = [Float](repeating: 0, count: o * c), dHeadBias = [Float](repeating: 0, count: o)
        var dHidden = [Float](repeating: 0, count: steps * p * c)
        for t in 0..<steps where weights[t] != 0 {
            let scale = weights[t] / total
            for pixel in 0..<p {
                let h = (t * p + pixel) * c
                for q in 0..<o {
                    var y = linear.bias[q]
                    for ch in 0..<c { y += linear.weights.values[q * c + ch] * top.hiddens[h + ch] }
                    let target = targets.values[t * o * p + q * p + pixel]
                    // log(1 + e^−|y|) + max(y, 0) − y·target, the stable form.
                    loss += Double(weights[t]) * Double(max(y, 0) - y * target + Activation.log(1 + Activation.exp(-abs(y))))
                    let dy = (Activation.sigmoid(y) - target) * scale
                    dHeadBias[q] += dy
                    for ch in 0..<c {
                        dHead[q * c + ch] += dy * top.hiddens[h + ch]
                        dHidden[h + ch] += dy * linear.weights.values[q * c + ch]
                    }
                }
            }
        }
        var layerGradients: [ConvLSTMLayerGradient] = []
        var upstream = dHidden
        for k in layers.indices.reversed() {
            let (gradient, input) = layers[k].backward(caches[k], hiddenGradient: upstream, needInputGradient: k > 0)
            layerGradients.append(gradient)
            if let input { upstream = input }
        }
        var flat: [Float] = []
        flat.reserveCapacity(parameterCount)
        for gradient in layerGradients.reversed() {
            flat += gradient.inputKernel
            flat += gradient.recurrentKernel
            flat += gradient.bias
            if let peepholes = gradient.peepholes { flat += peepholes }
        }
        flat += dHead
        flat += dHeadBias
        return (Float(loss / Double(max(total, 1e-12))), flat)
    }
}

extension ConvLSTMNetwork {
    /// Every trainable value in one flat vector: per layer the input kernel, recurrent kernel, bias and
    /// peepholes (when present), then the head's weights and bias. `setParameters` reads the same order.
    public var parameters: [Float] {
        var result: [Float] = []
        result.reserveCapacity(parameterCount)
        for layer in layers {
            result += layer.inputKernel.values
            result += layer.recurrentKernel.values
            result += layer.bias
            if let peepholes = layer.peepholes { result += peepholes.values }
        }
        if let head {
            result += head.linear.weights.values
            result += head.linear.bias
        }
        return result
    }

    /// Replaces every trainable value from a flat vector in the order of `parameters`.
    public mutating func setParameters(_ values: [Float]) {
        precondition(values.count == parameterCount, "ConvLSTM: \(values.count) parameters for \(parameterCount)")
        var offset = 0
        func take(_ count: Int) -> [Float] {
            defer { offset += count }
            return Array(values[offset ..< offset + count])
        }
        for k in layers.indices {
            layers[k].inputKernel.values = take(layers[k].inputKernel.values.count)
            layers[k].recurrentKernel.values = take(layers[k].recurrentKernel.values.count)
            layers[k].bias = take(layers[k].bias.count)
            if let peepholes = layers[k].peepholes { layers[k].peepholes!.values = take(peepholes.values.count) }
        }
        if let head {
            var linear = head.linear
            linear.weights.values = take(linear.weights.values.count)
            linear.bias = take(linear.bias.count)
            switch head {
            case .pointwise: self.head = .pointwise(linear)
            case .dense: self.head = .dense(linear)
            }
        }
    }
}

extension ConvLSTMNetwork {
    /// Runs the network over `frames` (T × (Cin·H·W), channel-first) and records everything.
    ///
    /// Each `LayerTrace` has kind `.lstm` and the LSTM series names; its rows are C·H·W wide
    /// (channel-first), so the trace file, the stepper and the numeric views take it as is, and
    /// `spatialShape(layer:)` folds a row into maps. `output` is the head's output (logits; see
    /// metadata `output_activation`).
    public func run(_ frames: Matrix) -> NetworkTrace {
        let (trace, _) = forward(frames)
        return trace
    }

    /// The trace and every layer's pixel-major buffers (for the backward pass).
    func forward(_ frames: Matrix) -> (NetworkTrace, [ConvLSTMForwardCache]) {
        precondition(frames.columns == inputShape.count,
                     "ConvLSTM: frames have \(frames.columns) columns; expected \(inputShape.description)")
        let p = height * width
        var input = ConvLSTMForwardCache.pixelMajor(frames, channels: inputShape.channels, pixels: p)
        var caches: [ConvLSTMForwardCache] = []
        var traces: [LayerTrace] = []
        for (index, layer) in layers.enumerated() {
            let cache = layer.forward(pixelMajorInput: input, steps: frames.rows, height: height, width: width)
            traces.append(LayerTrace(layer: index, isReverse: false, kind: .lstm, series: cache.series()))
            input = cache.hiddens
            caches.append(cache)
        }
        var output: Matrix? = nil
        if let head, let top = caches.last {
            output = Self.applyHead(head, top: top, hidden: traces.last!.hidden)
        }
        return (NetworkTrace(input: frames, layers: traces, output: output), caches)
    }

    /// The head's output: pointwise heads map each pixel's channels (then reorder channel-first).
    static func applyHead(_ head: ConvLSTMHead, top: ConvLSTMForwardCache, hidden: Matrix) -> Matrix {
        switch head {
        case .dense(let linear):
            return linear.apply(to: hidden)
        case .pointwise(let linear):
            let perPixel = linear.apply(to: Matrix(rows: top.steps * top.pixels, columns: top.shape.channels, values: top.hiddens))
            return ConvLSTMForwardCache.channelFirst(perPixel.values, steps: top.steps, pixels: top.pixels,
                                                     stride: linear.outputSize, offset: 0, width: linear.outputSize)
        }
    }
}

/// A stack of ConvLSTM layers over frames of one size, with an optional head: the spatial sibling of
/// `RecurrentNetwork`. Its `run` gives an ordinary `NetworkTrace` whose series rows are C·H·W wide
/// (channel-first); `spatialShape(layer:)` tells views how to fold them back into maps.
public struct ConvLSTMNetwork: Sendable, Equatable {
    /// Layers bottom first; layer k+1 takes layer k's hidden channels as its input channels.
    public var layers: [ConvLSTMWeights]
    /// Frame height H (every layer keeps it: stride 1, "same" padding).
    public var height: Int
    /// Frame width W.
    public var width: Int
    /// The read-out after the top layer.
    public var head: ConvLSTMHead?
    /// Free-form facts (source, task, metrics, `output_activation`).
    public var metadata: [String: String]

    /// A network from its parts; call `validate()` before running weights from a file.
    public init(layers: [ConvLSTMWeights], height: Int, width: Int, head: ConvLSTMHead? = nil,
                metadata: [String: String] = [:]) {
        self.layers = layers
        self.height = height
        self.width = width
        self.head = head
        self.metadata = metadata
    }

    /// The shape of one input frame.
    public var inputShape: SpatialShape {
        SpatialShape(channels: layers.first?.inputChannels ?? 0, height: height, width: width)
    }

    /// The shape of layer `layer`'s gates, cell and hidden state (C_layer × H × W).
    public func spatialShape(layer: Int) -> SpatialShape {
        SpatialShape(channels: layers[layer].hiddenChannels, height: height, width: width)
    }

    /// The shape of one output row of the head: O × H × W for a pointwise head, O × 1 × 1 for a dense one.
    public var outputShape: SpatialShape? {
        switch head {
        case .pointwise(let linear)?: SpatialShape(channels: linear.outputSize, height: height, width: width)
        case .dense(let linear)?: SpatialShape(channels: linear.outputSize, height: 1, width: 1)
        case nil: nil
        }
    }

    /// Checks every layer for this frame size, the chaining of channels and the head.
    public func validate() throws(ShapeError) {
        guard !layers.isEmpty else { throw ShapeError("the ConvLSTM model has no layers") }
        var channels = layers[0].inputChannels
        for (index, layer) in layers.enumerated() {
            do {
                try layer.validate(height: height, width: width)
            } catch {
                throw ShapeError("layer \(index + 1): \(error.message)")
            }
            guard layer.inputChannels == channels else {
                throw ShapeError("ConvLSTM layer \(index + 1) takes \(layer.inputChannels) channels but receives \(channels)")
            }
            channels = layer.hiddenChannels
        }
        switch head {
        case .pointwise(let linear)?:
            guard linear.inputSize == channels, linear.bias.count == linear.outputSize else {
                throw ShapeError("the 1×1 head is \(linear.outputSize)×\(linear.inputSize) but the top layer has \(channels) channels")
            }
        case .dense(let linear)?:
            let count = channels * height * width
            guard linear.inputSize == count, linear.bias.count == linear.outputSize else {
                throw ShapeError("the dense head is \(linear.outputSize)×\(linear.inputSize) but the top layer emits \(count) values")
            }
        case nil: break
        }
    }

    /// "ConvLSTM 1→8 3×3 on 8×8, 2 layers, peepholes, head 1×1 8→1".
    public var summary: String {
        guard let first = layers.first else { return "ConvLSTM (no layers)" }
        var parts = ["ConvLSTM \(first.inputChannels)→" + layers.map { String($0.hiddenChannels) }.joined(separator: "→")
                     + " \(first.kernelHeight)×\(first.kernelWidth) on \(height)×\(width)"]
        if layers.count > 1 { parts.append("\(layers.count) layers") }
        if layers.contains(where: { $0.peepholes != nil }) { parts.append("peepholes") }
        switch head {
        case .pointwise(let l)?: parts.append("head 1×1 \(l.inputSize)→\(l.outputSize)")
        case .dense(let l)?: parts.append("head dense \(l.inputSize)→\(l.outputSize)")
        case nil: break
        }
        return parts.joined(separator: ", ")
    }

    /// Number of trainable values.
    public var parameterCount: Int {
        layers.reduce(0) { $0 + $1.parameterCount } + (head.map { $0.linear.weights.values.count + $0.linear.bias.count } ?? 0)
    }
}

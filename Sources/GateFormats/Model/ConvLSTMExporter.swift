import GateCore

/// Writes a ``ConvLSTMNetwork`` as safetensors in gatescope's own ConvLSTM layout, read back by
/// ``ConvLSTMImporter`` (and by PyTorch code using `F.conv2d`, whose weight layout it is).
///
/// Tensors: `convlstm.input_kernel_l{k}` [4C, Cin, kh, kw], `convlstm.recurrent_kernel_l{k}`
/// [4C, C, kh, kw], `convlstm.bias_l{k}` [4C] (gates i, f, g, o), `convlstm.peephole_l{k}` [3, C, H, W]
/// (rows i, f, o) when present; `head.weight` [O, C, 1, 1] for a 1×1 head or [O, C·H·W] for a dense
/// one, `head.bias` [O]. Metadata: `format` = `gatescope-model`, `format_version` = `1`,
/// `cell` = `convlstm`, `height`, `width`, `head` (`pointwise`, `dense`, `none`) and the network's metadata.
public enum ConvLSTMExporter {
    /// The `cell` metadata value.
    public static let cellName = "convlstm"
    /// The prefix of the layer tensors.
    public static let prefix = "convlstm"

    /// `convlstm.<part>_l<layer>`.
    public static func tensorName(_ part: String, layer: Int) -> String { "\(prefix).\(part)_l\(layer)" }

    /// The file's contents as a writer.
    public static func writer(for network: ConvLSTMNetwork) throws -> SafeTensorsWriter {
        var metadata = try ModelExporter.fileMetadata(network.metadata, cell: cellName, model: "ConvLSTM model",
                                                      validate: network.validate)
        metadata["height"] = String(network.height)
        metadata["width"] = String(network.width)
        metadata["head"] = network.head?.kindName ?? "none"
        var writer = SafeTensorsWriter(metadata: metadata)
        for (k, layer) in network.layers.enumerated() {
            let g = layer.inputKernel.rows, kh = layer.kernelHeight, kw = layer.kernelWidth
            try writer.add(name: tensorName("input_kernel", layer: k), shape: [g, layer.inputChannels, kh, kw],
                           floats: layer.inputKernel.values)
            try writer.add(name: tensorName("recurrent_kernel", layer: k), shape: [g, layer.hiddenChannels, kh, kw],
                           floats: layer.recurrentKernel.values)
            try writer.add(name: tensorName("bias", layer: k), shape: [g], floats: layer.bias)
            if let peepholes = layer.peepholes {
                try writer.add(name: tensorName("peephole", layer: k), shape: [3, layer.hiddenChannels, network.height, network.width],
                               floats: peepholes.values)
            }
        }
        switch network.head {
        case .pointwise(let linear)?:
            try writer.add(name: "head.weight", shape: [linear.outputSize, linear.inputSize, 1, 1], floats: linear.weights.values)
            try writer.add(name: "head.bias", shape: [linear.outputSize], floats: linear.bias)
        case .dense(let linear)?:
            try writer.add(name: "head.weight", shape: [linear.outputSize, linear.inputSize], floats: linear.weights.values)
            try writer.add(name: "head.bias", shape: [linear.outputSize], floats: linear.bias)
        case nil:
            break
        }
        return writer
    }

    /// The file's bytes.
    public static func serialize(_ network: ConvLSTMNetwork) throws -> [UInt8] {
        try writer(for: network).serialize()
    }

    /// Writes `network` to `path` atomically.
    public static func save(_ network: ConvLSTMNetwork, to path: String) throws {
        try SafeTensorsWriter.save(to: path) { try writer(for: network) }
    }
}

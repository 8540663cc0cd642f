import GateCore

/// Writes a ConvLSTM run as an ordinary gatescope trace file (docs/formats.md) with the spatial
/// shape in the metadata, so `replay`, Python and the views can fold rows back into maps.
///
/// Metadata beyond the usual keys (`cell` = `lstm`, `input_size` = Cin·H·W, `hidden_size` = C·H·W of
/// layer 0): `variant` = `convlstm`, `height`, `width`, `input_channels`, `channels` (per layer,
/// comma-separated), `kernels` (per layer, `3x3,2x2`), `layout` = `channel-first` and, with a head,
/// `output_shape` (`O,H,W`).
public enum ConvLSTMTraceWriter {
    /// The `variant` metadata value.
    public static let variantName = "convlstm"

    /// The trace metadata for a run of `network` over `steps` frames.
    public static func metadata(for network: ConvLSTMNetwork, steps: Int, model: String? = nil, input: String? = nil) -> TraceMetadata {
        var extra: [String: String] = [
            "variant": variantName,
            "height": String(network.height),
            "width": String(network.width),
            "input_channels": String(network.inputShape.channels),
            "channels": network.layers.map { String($0.hiddenChannels) }.joined(separator: ","),
            "kernels": network.layers.map { "\($0.kernelHeight)x\($0.kernelWidth)" }.joined(separator: ","),
            "layout": "channel-first",
        ]
        if let shape = network.outputShape { extra["output_shape"] = "\(shape.channels),\(shape.height),\(shape.width)" }
        if let activation = network.metadata["output_activation"] { extra["output_activation"] = activation }
        return TraceMetadata(cell: .lstm, inputSize: network.inputShape.count, hiddenSize: network.spatialShape(layer: 0).count,
                             layers: network.layers.count, directions: 1, projectionSize: 0, steps: steps,
                             model: model, input: input, network: nil, extra: extra)
    }

    /// Writes `trace` of `network` to `path` atomically.
    public static func write(_ trace: NetworkTrace, network: ConvLSTMNetwork, to path: String,
                             model: String? = nil, input: String? = nil) throws {
        try TraceFile.write(trace, metadata: metadata(for: network, steps: trace.steps, model: model, input: input), to: path)
    }

    /// The spatial shapes of a ConvLSTM trace's layers from its metadata, or nil when it is not one.
    public static func spatialShapes(_ metadata: TraceMetadata) -> [SpatialShape]? {
        guard metadata.extra["variant"] == variantName, let h = metadata.extra["height"].flatMap({ Int($0) }),
              let w = metadata.extra["width"].flatMap({ Int($0) }), let channels = metadata.extra["channels"] else { return nil }
        let counts = channels.split(separator: ",").compactMap { Int($0) }
        return counts.map { SpatialShape(channels: $0, height: h, width: w) }
    }
}

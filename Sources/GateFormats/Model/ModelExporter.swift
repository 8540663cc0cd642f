import GateCore

/// Writes a network as a safetensors file with PyTorch names, readable by ``ModelImporter`` and by
/// `torch.nn.LSTM(...).load_state_dict` (after stripping the `rnn.` prefix).
///
/// Layout: recurrent weights under `rnn.` (`rnn.weight_ih_l0`, `rnn.bias_hh_l1_reverse`, `rnn.weight_hr_l0`,
/// gatescope's own `rnn.peephole_l0` for ONNX-style peepholes), the head as `head.weight`/`head.bias`,
/// the embedding as `embedding.weight`. Metadata: `format` = `gatescope-model`, `format_version` = `1`,
/// `cell` (`lstm`, `gru`, `rnn_tanh`, `rnn_relu`), `nonlinearity` for RNNs, `reset_after` = `false` for a
/// Keras-style GRU, `clip`/`input_forget` for ONNX options, `vocab` (JSON array) and the network's metadata.
public enum ModelExporter {
    /// The `format` metadata value.
    public static let formatName = "gatescope-model"
    /// The `format_version` metadata value.
    public static let formatVersion = "1"
    /// The prefix of the recurrent weights.
    public static let recurrentPrefix = "rnn"

    /// The file's contents as a writer (tensors and metadata), for callers that add more.
    public static func writer(for network: RecurrentNetwork) throws -> SafeTensorsWriter {
        var metadata = try fileMetadata(network.metadata, cell: network.kind.rawValue, model: "model",
                                        validate: network.validate)
        if network.kind == .rnnRelu || network.kind == .rnnTanh {
            metadata["nonlinearity"] = network.kind == .rnnRelu ? "relu" : "tanh"
        }
        if let vocabulary = network.vocabulary {
            var json: [UInt8] = [0x5B]
            for (index, token) in vocabulary.enumerated() {
                if index > 0 { json.append(0x2C) }
                JSONValue.appendQuoted(token, to: &json)
            }
            json.append(0x5D)
            metadata["vocab"] = String(decoding: json, as: UTF8.self)
        }
        var writer = SafeTensorsWriter(metadata: metadata)
        func add(_ name: String, _ matrix: Matrix) throws {
            try requireFinite(name, matrix.values, columns: matrix.columns)
            try writer.add(name: name, shape: [matrix.rows, matrix.columns], floats: matrix.values)
        }
        func add(_ name: String, _ vector: [Float]) throws {
            try requireFinite(name, vector, columns: nil)
            try writer.add(name: name, shape: [vector.count], floats: vector)
        }
        for (index, directions) in network.layers.enumerated() {
            for (direction, weights) in directions.enumerated() {
                let suffix = "_l\(index)" + (direction == 1 ? "_reverse" : "")
                let p = recurrentPrefix + "."
                switch weights {
                case .lstm(let w):
                    try add(p + "weight_ih" + suffix, w.inputWeights)
                    try add(p + "weight_hh" + suffix, w.recurrentWeights)
                    try add(p + "bias_ih" + suffix, w.inputBias)
                    try add(p + "bias_hh" + suffix, w.recurrentBias)
                    if let projection = w.projection { try add(p + "weight_hr" + suffix, projection) }
                    if let peepholes = w.peepholes { try add(p + "peephole" + suffix, peepholes) }
                    if let clip = w.clip { writer.metadata["clip"] = "\(clip)" }
                    if w.couplesInputAndForget { writer.metadata["input_forget"] = "true" }
                case .gru(let w):
                    try add(p + "weight_ih" + suffix, w.inputWeights)
                    try add(p + "weight_hh" + suffix, w.recurrentWeights)
                    try add(p + "bias_ih" + suffix, w.inputBias)
                    try add(p + "bias_hh" + suffix, w.recurrentBias)
                    if !w.resetAfter { writer.metadata["reset_after"] = "false" }
                case .rnn(let w):
                    try add(p + "weight_ih" + suffix, w.inputWeights)
                    try add(p + "weight_hh" + suffix, w.recurrentWeights)
                    try add(p + "bias_ih" + suffix, w.inputBias)
                    try add(p + "bias_hh" + suffix, w.recurrentBias)
                }
            }
        }
        if let head = network.head {
            try add("head.weight", head.weights)
            try add("head.bias", head.bias)
            if head.activation != .linear { writer.metadata[ModelImporter.headActivationKey] = head.activation.rawValue }
        }
        if let embedding = network.embedding { try add("embedding.weight", embedding) }
        return writer
    }

    /// Refuses a tensor holding NaN or ±inf: the importer refuses such a file, so it would be a model no one
    /// could open again (training with too large a learning rate makes one).
    static func requireFinite(_ name: String, _ values: [Float], columns: Int?) throws {
        guard let index = values.firstIndex(where: { !$0.isFinite }) else { return }
        let position = columns.map { "[\(index / max(1, $0)), \(index % max(1, $0))]" } ?? "[\(index)]"
        throw FormatError("cannot save the model: tensor '\(name)' holds \(values[index]) at \(position); weights must be finite (did training diverge? try a smaller learning rate)")
    }

    /// The metadata every gatescope model file starts from, once `validate` has passed (its message
    /// becomes "cannot save the <model>: …"): the network's own `metadata` with `format`,
    /// `format_version` and `cell` set. Shared with ``ConvLSTMExporter``.
    static func fileMetadata(_ metadata: [String: String], cell: String, model: String,
                             validate: () throws(ShapeError) -> Void) throws -> [String: String] {
        do {
            try validate()
        } catch {
            throw FormatError("cannot save the \(model): \(error.message)")
        }
        var result = metadata
        result["format"] = formatName
        result["format_version"] = formatVersion
        result["cell"] = cell
        return result
    }

    /// The file's bytes.
    public static func serialize(_ network: RecurrentNetwork) throws -> [UInt8] {
        try writer(for: network).serialize()
    }

    /// Writes `network` to `path` atomically (a temporary file renamed into place).
    public static func save(_ network: RecurrentNetwork, to path: String) throws {
        try SafeTensorsWriter.save(to: path) { try writer(for: network) }
    }
}

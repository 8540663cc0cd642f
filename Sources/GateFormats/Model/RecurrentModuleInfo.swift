import GateCore

/// A recurrent module found in a weights file, before it is loaded.
public struct RecurrentModuleInfo: Sendable, Equatable {
    /// The module's prefix as `--prefix` takes it (`encoder.lstm`, `lstm`, `""` for top-level weights).
    public var prefix: String
    /// PyTorch or Keras names.
    public var layout: WeightLayout
    /// LSTM, GRU or RNN (RNNs are reported as tanh until the nonlinearity is known).
    public var kind: CellKind
    /// Number of stacked layers.
    public var layers: Int
    /// 1, or 2 when bidirectional.
    public var directions: Int
    /// Input features of the bottom layer.
    public var inputSize: Int
    /// Hidden units per layer and direction.
    public var hiddenSize: Int
    /// LSTM `proj_size` (0 when none).
    public var projectionSize: Int
    /// For Keras stacks (`lstm`, `lstm_1`, …): the prefix of each layer; else `[prefix]`.
    public var layerPrefixes: [String]

    /// Short family name: "LSTM", "GRU", "RNN".
    public var familyName: String {
        switch kind {
        case .lstm: "LSTM"
        case .gru: "GRU"
        case .rnnTanh, .rnnRelu: "RNN"
        }
    }

    /// "encoder (LSTM 3→4)", "rnn (GRU 2→4, 2 layers, bidirectional)".
    public var summary: String {
        var parts = ["\(familyName) \(inputSize)→\(hiddenSize)"]
        if layers > 1 { parts.append("\(layers) layers") }
        if directions == 2 { parts.append("bidirectional") }
        if projectionSize > 0 { parts.append("proj \(projectionSize)") }
        if layout == .keras { parts.append("Keras") }
        return "\(prefix.isEmpty ? "(no prefix)" : prefix) (\(parts.joined(separator: ", ")))"
    }
}

import GateCore

/// One Keras recurrent layer (or a `Bidirectional` wrapper's pair of layers) found by its
/// `recurrent_kernel` tensors.
struct KerasUnit {
    /// The layer's name as `--prefix` takes it (`lstm`, `bidirectional`).
    var name: String
    /// Tensor prefixes of the directions: forward first (`lstm.lstm_cell`), then backward.
    var tensorPrefixes: [String]
    /// Number of gate blocks: 4 LSTM, 3 GRU, 1 SimpleRNN.
    var gates: Int
    /// Input features.
    var inputSize: Int
    /// Units per direction.
    var units: Int
    /// The layer's entry in the model configuration, when the file carries one.
    var config: KerasLayerConfig? = nil

    /// The layer's name in Keras: the last component of `name` (`sequential.lstm` → `lstm`).
    var layerName: String { WeightFile.split(name).last }

    /// Output width (directions concatenated).
    var outputWidth: Int { units * tensorPrefixes.count }

    /// `name` split into its parent path and its base name without a `_N` suffix, and N (0 when absent).
    var stackKey: (parent: String, base: String, index: Int) {
        let (parent, last) = WeightFile.split(name)
        if let underscore = last.lastIndex(of: "_") {
            let digits = last[last.index(after: underscore)...]
            if !digits.isEmpty, digits.count < 6, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(digits) {
                return (parent, String(last[..<underscore]), n)
            }
        }
        return (parent, last, 0)
    }
}

/// One layer of a Keras model's configuration (a `.keras` archive's `config.json`, or the
/// `model_config` attribute of a Keras 2 `.h5` file), with the fields gatescope uses.
struct KerasLayerConfig: Sendable, Equatable {
    /// `LSTM`, `GRU`, `SimpleRNN`, `Bidirectional`, `Dense`, `Embedding`, `Dropout`, ….
    var className: String
    /// The layer's name (`lstm`, `lstm_1`, `bidirectional`), which names its weights in Keras 2 files.
    var name: String
    /// The name Keras 3 stores its weights under (`layers/lstm_1/…`): the class name in snake case,
    /// numbered per class in model order, whatever the layer's own name.
    var storageName: String = ""
    /// `units` of a recurrent or Dense layer.
    var units: Int? = nil
    /// `activation` (`tanh`, `relu`, `softmax`, …).
    var activation: String? = nil
    /// `axis` of a `Softmax` layer, when it is one number.
    var axis: Int? = nil
    /// `recurrent_activation` of LSTM and GRU (`sigmoid`).
    var recurrentActivation: String? = nil
    /// GRU `reset_after`.
    var resetAfter: Bool? = nil
    /// `return_sequences`.
    var returnSequences: Bool? = nil
    /// `go_backwards`.
    var goBackwards: Bool? = nil
    /// The layer a `Bidirectional` (its forward layer) or `TimeDistributed` wrapper holds.
    var wrapped: [KerasLayerConfig] = []
    /// A `Bidirectional` wrapper's `merge_mode` (`concat`, `sum`, `mul`, `ave`, or nil for a list).
    /// Only set for Bidirectional.
    var mergeMode: String? = nil

    /// The name identifying this layer's weights: ``storageName`` in Keras 3 files, else ``name``.
    func weightsName(keras3: Bool) -> String { keras3 ? storageName : name }

    /// Keras's `naming.to_snake_case` for class names: `SimpleRNN` → `simple_rnn`, `InputLayer` → `input_layer`.
    static func snakeCase(_ className: String) -> String {
        let characters = Array(className.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
        var out = ""
        for (index, character) in characters.enumerated() {
            if character.isUppercase, index > 0 {
                let previous = characters[index - 1]
                let nextIsLower = index + 1 < characters.count && characters[index + 1].isLowercase
                // Keras: "(.)([A-Z][a-z]+)" then "([a-z])([A-Z])" each insert an underscore.
                if nextIsLower || previous.isLowercase { out.append("_") }
            }
            out.append(character)
        }
        return out.lowercased()
    }

    /// Recurrent layer classes gatescope runs.
    static let recurrentClasses: Set<String> = ["LSTM", "GRU", "SimpleRNN"]
    /// Layers without weights that pass their input through at inference, so they do not break a stack.
    static let transparentClasses: Set<String> = ["InputLayer", "Dropout", "SpatialDropout1D", "GaussianNoise",
                                                  "GaussianDropout", "AlphaDropout", "ActivityRegularization", "Masking"]

    /// True for LSTM, GRU, SimpleRNN and a Bidirectional wrapper of one.
    var isRecurrent: Bool {
        KerasLayerConfig.recurrentClasses.contains(className)
            || (className == "Bidirectional" && wrapped.first.map { KerasLayerConfig.recurrentClasses.contains($0.className) } == true)
    }

    /// The recurrent layer itself: the wrapped one of a Bidirectional, else this one.
    var recurrentLayer: KerasLayerConfig { className == "Bidirectional" ? (wrapped.first ?? self) : self }

    /// Why gatescope cannot run this recurrent layer as Keras does, or nil when it can.
    var unsupportedReason: String? {
        let layer = recurrentLayer
        let quoted = TextSequence.quote(name)
        if className == "Bidirectional", let mode = mergeMode, mode != "concat" {
            return "layer \(quoted) merges its directions with merge_mode='\(TextSequence.quote(mode).dropFirst().dropLast())'; gatescope shows both directions side by side as merge_mode='concat' does: rebuild the model with the default merge_mode"
        }
        if className != "Bidirectional", layer.goBackwards == true {
            return "layer \(quoted) runs backwards (go_backwards=True); gatescope runs a single layer forwards: wrap it in Bidirectional or reverse the input yourself"
        }
        let activation = layer.activation ?? "tanh"
        let allowed: Set<String> = layer.className == "SimpleRNN" ? ["tanh", "relu"] : ["tanh"]
        if !allowed.contains(activation) {
            return "layer \(quoted) uses activation \(TextSequence.quote(activation)); gatescope's \(layer.className) cells use \(allowed.sorted().joined(separator: " or ")): retrain with the default activation"
        }
        if layer.className != "SimpleRNN", let recurrent = layer.recurrentActivation, recurrent != "sigmoid" {
            return "layer \(quoted) uses recurrent_activation \(TextSequence.quote(recurrent)); gatescope's gates use sigmoid (Keras 3's default): retrain with recurrent_activation='sigmoid'"
        }
        return nil
    }
}

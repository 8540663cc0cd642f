/// A stack of recurrent layers (each with one or two directions), an optional embedding in front and
/// an optional linear head behind: the shape of nearly every recurrent model people train.
public struct RecurrentNetwork: Sendable, Equatable {
    /// Per layer, the forward direction and, when bidirectional, the reverse one.
    public var layers: [[CellWeights]]
    /// A token embedding (V × E) applied to token ids before the first layer.
    public var embedding: Matrix?
    /// A linear read-out applied to the top layer's output at every step.
    public var head: LinearHead?
    /// Token strings for text models: index i is token id i.
    public var vocabulary: [String]?
    /// Free-form facts about where the model came from (source file, task, metrics).
    public var metadata: [String: String]
    /// True when every layer's single direction reads the sequence from its end (ONNX
    /// `direction=reverse`); its output is aligned to input positions, like a bidirectional reverse half.
    public var readsBackward: Bool = false
    /// The state each layer and direction starts from (ONNX constant `initial_h`/`initial_c`);
    /// nil: zeros, as PyTorch and Keras start.
    public var initialStates: [[RecurrentState]]? = nil

    /// A network from its parts; call `validate()` before running weights from a file.
    public init(layers: [[CellWeights]], embedding: Matrix? = nil, head: LinearHead? = nil,
                vocabulary: [String]? = nil, metadata: [String: String] = [:]) {
        self.layers = layers
        self.embedding = embedding
        self.head = head
        self.vocabulary = vocabulary
        self.metadata = metadata
    }

    /// The cell kind of the bottom layer (all layers share it in the models gatescope reads).
    public var kind: CellKind { layers.first?.first?.kind ?? .lstm }
    /// True when the layers run in both directions.
    public var isBidirectional: Bool { (layers.first?.count ?? 1) == 2 }
    /// True when a step's values depend on later inputs (bidirectional or reverse-reading layers), so
    /// the whole sequence must be known before the first step and live input is impossible.
    public var needsWholeSequence: Bool { isBidirectional || readsBackward }

    /// Whether layer `layer`, direction `direction` reads the sequence from its end.
    public func isReverse(direction: Int) -> Bool { direction == 1 || readsBackward }

    /// The state layer `layer`, direction `direction` starts from; nil means zeros.
    public func initialState(layer: Int, direction: Int) -> RecurrentState? {
        guard let initialStates, layer < initialStates.count, direction < initialStates[layer].count else { return nil }
        return initialStates[layer][direction]
    }
    /// Features per timestep the bottom layer expects (the embedding width for token models).
    public var inputSize: Int { layers.first?.first?.inputSize ?? 0 }
    /// Hidden units per layer and direction.
    public var hiddenSize: Int { layers.first?.first?.hiddenSize ?? 0 }
    /// Width of the top layer's output (directions concatenated).
    public var outputWidth: Int { (layers.last ?? []).reduce(0) { $0 + $1.outputSize } }

    /// Checks that every layer's shapes agree with its neighbours and with the head.
    public func validate() throws(ShapeError) {
        guard !layers.isEmpty else { throw ShapeError("the model has no recurrent layers") }
        var expectedInput = inputSize
        if let embedding, embedding.columns != expectedInput {
            throw ShapeError("the embedding is \(embedding.rows)×\(embedding.columns) but layer 1 takes \(expectedInput) inputs")
        }
        let directions = layers[0].count
        for (index, layer) in layers.enumerated() {
            guard layer.count == directions, directions == 1 || directions == 2 else {
                throw ShapeError("layer \(index + 1) has \(layer.count) directions; expected \(directions)")
            }
            for weights in layer {
                try weights.validate()
                guard weights.kind == layers[0][0].kind else {
                    throw ShapeError("layer \(index + 1) is \(weights.kind.displayName) but layer 1 is \(kind.displayName)")
                }
                guard weights.inputSize == expectedInput else {
                    throw ShapeError("layer \(index + 1) takes \(weights.inputSize) inputs but receives \(expectedInput)")
                }
            }
            expectedInput = layer.reduce(0) { $0 + $1.outputSize }
        }
        if let head {
            guard head.inputSize == expectedInput, head.bias.count == head.outputSize else {
                throw ShapeError("the head is \(head.outputSize)×\(head.inputSize) but the top layer emits \(expectedInput) values")
            }
        }
        if readsBackward, directions != 1 {
            throw ShapeError("a reverse-reading model has one direction per layer, not \(directions)")
        }
        if let initialStates {
            guard initialStates.count == layers.count else {
                throw ShapeError("\(initialStates.count) initial states given for \(layers.count) layers")
            }
            for (index, layer) in layers.enumerated() {
                guard initialStates[index].count == layer.count else {
                    throw ShapeError("layer \(index + 1) has \(layer.count) directions but \(initialStates[index].count) initial states")
                }
                for (state, weights) in zip(initialStates[index], layer) {
                    let zero = RecurrentState.zero(for: weights)
                    guard state.hidden.count == zero.hidden.count, state.cell.count == zero.cell.count,
                          state.hidden.allSatisfy(\.isFinite), state.cell.allSatisfy(\.isFinite) else {
                        throw ShapeError("layer \(index + 1)'s initial state has \(state.hidden.count) hidden and \(state.cell.count) cell values (finite numbers); expected \(zero.hidden.count) and \(zero.cell.count)")
                    }
                }
            }
        }
        if let vocabulary, let embedding, vocabulary.count != embedding.rows {
            throw ShapeError("the vocabulary has \(vocabulary.count) tokens but the embedding has \(embedding.rows) rows")
        }
    }

    /// A one-line summary: "LSTM 1→16, 2 layers, bidirectional, head 16→3 softmax".
    public var summary: String {
        var parts = ["\(kind.displayName) \(inputSize)→\(hiddenSize)"]
        if layers.count > 1 { parts.append("\(layers.count) layers") }
        if isBidirectional { parts.append("bidirectional") }
        if readsBackward { parts.append("reverse") }
        if initialStates != nil { parts.append("initial state given") }
        if case .lstm(let w)? = layers.first?.first, let p = w.projection { parts.append("projection \(p.rows)") }
        if case .lstm(let w)? = layers.first?.first, w.peepholes != nil { parts.append("peepholes") }
        if let embedding { parts.append("embedding \(embedding.rows)×\(embedding.columns)") }
        if let head { parts.append("head " + head.shapeDescription) }
        return parts.joined(separator: ", ")
    }
}

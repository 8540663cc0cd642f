/// Every trainable tensor of a network laid end to end in one flat vector, under PyTorch's names.
///
/// Training works on flat vectors (parameters, gradients, Adam's moments) so the optimizer and the
/// clipping need no knowledge of cells. Names follow a PyTorch model with submodules `embedding`,
/// `rnn` and `head`: `embedding.weight`, `rnn.weight_ih_l0`, `rnn.bias_hh_l1_reverse`, `head.weight`,
/// `head.bias`. Order: embedding, then per layer forward before reverse (ih, hh weights, ih, hh
/// biases), then the head.
public struct ParameterLayout: Sendable, Equatable {
    /// The tensors, in flat order.
    public private(set) var entries: [ParameterEntry] = []
    /// Total number of parameters.
    public private(set) var count = 0

    /// The layout of `network`. Training supports plain LSTM (no projection, peepholes, clip or
    /// coupled gates), GRU with PyTorch's reset-after form, and RNN (tanh or relu).
    public init(of network: RecurrentNetwork) throws(ShapeError) {
        try network.validate()
        if let embedding = network.embedding { add("embedding.weight", [embedding.rows, embedding.columns]) }
        for (index, directions) in network.layers.enumerated() {
            for (direction, weights) in directions.enumerated() {
                let suffix = "_l\(index)" + (direction == 1 ? "_reverse" : "")
                switch weights {
                case .lstm(let w):
                    guard w.projection == nil, w.peepholes == nil, w.clip == nil, !w.couplesInputAndForget else {
                        throw ShapeError("training supports plain LSTM layers (no projection, peepholes, clip or coupled gates)")
                    }
                case .gru(let w):
                    guard w.resetAfter else { throw ShapeError("training supports GRU layers in PyTorch's reset-after form") }
                case .rnn:
                    break
                }
                let rows = weights.hiddenSize * weights.kind.gateCount
                add("rnn.weight_ih" + suffix, [rows, weights.inputSize])
                add("rnn.weight_hh" + suffix, [rows, weights.hiddenSize])
                add("rnn.bias_ih" + suffix, [rows])
                add("rnn.bias_hh" + suffix, [rows])
            }
        }
        if let head = network.head {
            add("head.weight", [head.outputSize, head.inputSize])
            add("head.bias", [head.outputSize])
        }
    }

    private mutating func add(_ name: String, _ shape: [Int]) {
        let entry = ParameterEntry(name: name, shape: shape, offset: count)
        entries.append(entry)
        count += entry.count
    }

    /// The entry called `name`.
    public func entry(named name: String) -> ParameterEntry? { entries.first { $0.name == name } }

    /// The network's parameters as one flat vector in this layout.
    public func flatten(_ network: RecurrentNetwork) -> [Float] {
        var flat: [Float] = []
        flat.reserveCapacity(count)
        if let embedding = network.embedding { flat += embedding.values }
        for directions in network.layers {
            for weights in directions { flat += weights.trained.trainedValues }
        }
        if let head = network.head { flat += head.weights.values + head.bias }
        precondition(flat.count == count, "the network does not match this layout")
        return flat
    }

    /// Writes the flat vector `flat` back into `network`'s tensors.
    public func assign(_ flat: [Float], to network: inout RecurrentNetwork) {
        precondition(flat.count == count, "\(flat.count) values for a layout of \(count)")
        var cursor = 0
        func take(_ n: Int) -> [Float] {
            defer { cursor += n }
            return Array(flat[cursor..<(cursor + n)])
        }
        if let embedding = network.embedding {
            network.embedding = Matrix(rows: embedding.rows, columns: embedding.columns, values: take(embedding.values.count))
        }
        for l in network.layers.indices {
            for d in network.layers[l].indices { network.layers[l][d].assignTrained(from: flat, cursor: &cursor) }
        }
        if var head = network.head {
            head.weights.values = take(head.weights.values.count)
            head.bias = take(head.bias.count)
            network.head = head
        }
    }
}

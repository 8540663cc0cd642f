import GateCore

/// An `LSTM`, `GRU` or `RNN` node of an ONNX graph with its sizes read from the weight shapes.
struct ONNXRecurrentNode: Sendable {
    /// The node.
    var node: ONNXNode
    /// Its position in the graph's node list.
    var index: Int
    /// The cell family (RNN as tanh or relu from its `activations`).
    var kind: CellKind
    /// 1, or 2 when bidirectional.
    var directions: Int
    /// Hidden units per direction.
    var hiddenSize: Int
    /// Input features.
    var inputSize: Int

    /// The name `--prefix` takes: the node name, or `LSTM_3` (op and node index) for unnamed nodes.
    var label: String { node.name.isEmpty ? "\(node.opType)_\(index)" : node.name }

    /// Gate blocks per hidden unit in W and R.
    var gates: Int { kind.gateCount }
}

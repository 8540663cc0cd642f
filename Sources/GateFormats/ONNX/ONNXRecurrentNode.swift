import GateCore

/// An `LSTM`, `GRU` or `RNN` node of an ONNX graph (or of a subgraph) with its sizes read from the
/// weight shapes.
struct ONNXRecurrentNode: Sendable {
    /// The node.
    var node: ONNXNode
    /// Its position in its graph's node list.
    var index: Int
    /// The graph it sits in, with the graphs around it.
    var scope: ONNXScope
    /// The cell family (RNN as tanh or relu from its `activations`).
    var kind: CellKind
    /// 1, or 2 when bidirectional.
    var directions: Int
    /// True for `direction=reverse`.
    var readsBackward: Bool
    /// Hidden units per direction.
    var hiddenSize: Int
    /// Input features.
    var inputSize: Int

    /// The name `--node` takes: the node name (or `LSTM_3`, op and index, when unnamed) under the
    /// path of the subgraph holding it (`If_0/then_branch/LSTM_3`).
    var label: String { ONNXConstantFolder.label(node, index: index, path: scope.path) }

    /// Gate blocks per hidden unit in W and R.
    var gates: Int { kind.gateCount }
}

import GateCore

extension ONNXImporter {
    /// Operators that pass a tensor on with only its shape or type changed (followed when linking
    /// stacked nodes, an embedding in front and a head behind).
    static let passThrough: Set<String> = ["Transpose", "Reshape", "Squeeze", "Unsqueeze", "Identity", "Cast", "Dropout", "Flatten"]

    /// Every recurrent node of the graph and its subgraphs (`If` branches, `Loop`/`Scan` bodies), in
    /// graph order, a node's subgraphs right after it.
    static func recurrentNodes(in scope: ONNXScope, folder: inout ONNXConstantFolder, source: String) throws -> [ONNXRecurrentNode] {
        var result: [ONNXRecurrentNode] = []
        for (index, node) in scope.graph.nodes.enumerated() {
            if ["LSTM", "GRU", "RNN"].contains(node.opType), node.domain.isEmpty || node.domain == "ai.onnx" {
                result.append(try describeNode(node, index: index, scope: scope, folder: &folder, source: source))
            }
            let label = ONNXConstantFolder.label(node, index: index, path: scope.path)
            for attribute in node.attributes {
                for (k, graph) in attribute.graphs.enumerated() {
                    let name = Escaped.text(attribute.name) + (attribute.graphs.count > 1 ? "_\(k)" : "")
                    result += try recurrentNodes(in: scope.entering(graph, path: label + "/" + name), folder: &folder, source: source)
                }
            }
        }
        return result
    }

    /// The recurrent nodes grouped into stacks: consecutive nodes of one graph, kind and direction
    /// whose input is the previous node's output (through shape operators) and whose sizes chain.
    static func stacks(in model: ONNXModel, folder: inout ONNXConstantFolder, source: String) throws -> [[ONNXRecurrentNode]] {
        let nodes = try recurrentNodes(in: ONNXScope(graph: model.graph), folder: &folder, source: source)
        guard !nodes.isEmpty else {
            let operators = Set(allOperators(model.graph))
            if model.producerName == "pytorch", operators.contains("MatMul"), operators.contains("Tanh"), !operators.contains("Sigmoid") {
                throw FormatError("holds no RNN node: PyTorch's default exporter (dynamo=True) unrolls nn.RNN into one MatMul and Tanh per step, which gatescope rebuilds only from the biases' names (this one has none: bias=False?); export it with torch.onnx.export(..., dynamo=False) to keep an RNN node", source: source)
            }
            let ops = operators.sorted().joined(separator: ", ")
            throw FormatError("holds no LSTM, GRU or RNN node, in its graph or any subgraph (its operators: \(ops.isEmpty ? "none" : Escaped.text(ops))); a recurrence unrolled into MatMul/Gemm and Sigmoid/Tanh cannot be recovered; export a model whose recurrent layer is an LSTM, GRU or RNN node (nn.LSTM, nn.GRU, nn.RNN)", source: source)
        }
        var stacks: [[ONNXRecurrentNode]] = []
        for node in nodes {
            if let last = stacks.last?.last, last.scope.path == node.scope.path, last.kind == node.kind,
               last.directions == node.directions, last.readsBackward == node.readsBackward,
               last.hiddenSize * last.directions == node.inputSize,
               let y = last.node.outputs.first, !y.isEmpty, let x = node.node.input(0),
               derives(x, from: y, in: node.scope.levels[node.scope.levels.count - 1]) {
                stacks[stacks.count - 1].append(node)
            } else {
                stacks.append([node])
            }
        }
        return stacks
    }

    /// Whether value `name` is `origin` passed through shape operators of the same graph.
    static func derives(_ name: String, from origin: String, in level: ONNXScope.Level) -> Bool {
        var current = name
        for _ in 0..<16 {
            if current == origin { return true }
            guard let (index, _) = level.producers[current] else { return false }
            let node = level.graph.nodes[index]
            guard passThrough.contains(node.opType), let input = node.input(0) else { return false }
            current = input
        }
        return false
    }

    /// Every operator in a graph and its subgraphs.
    static func allOperators(_ graph: ONNXGraph) -> [String] {
        graph.nodes.flatMap { node in [node.opType] + node.attributes.flatMap { $0.graphs.flatMap(allOperators) } }
    }

    /// Sizes and kind of one node from its attributes and its W and R shapes.
    static func describeNode(_ node: ONNXNode, index: Int, scope: ONNXScope, folder: inout ONNXConstantFolder,
                             source: String) throws -> ONNXRecurrentNode {
        let label = ONNXConstantFolder.label(node, index: index, path: scope.path)
        func fail(_ message: String) -> FormatError { FormatError("\(node.opType) node '\(label)': \(message)", source: source) }
        let gates = node.opType == "LSTM" ? 4 : node.opType == "GRU" ? 3 : 1
        let direction = node.attribute("direction")?.string ?? "forward"
        let directions: Int
        switch direction {
        case "forward", "reverse": directions = 1
        case "bidirectional": directions = 2
        default: throw fail("has direction '\(Escaped.text(direction))'; expected forward, reverse or bidirectional")
        }
        func weight(_ position: Int, _ role: String) throws -> (name: String, value: ONNXValue) {
            guard let name = node.input(position) else { throw fail("has no \(role) input; the file is corrupt") }
            switch try folder.origin(of: name, in: scope) {
            case .constant(let value): return (name, value)
            case .graphInput:
                throw fail("its \(role) '\(Escaped.text(name))' is a graph input, given at run time; export with the weights stored in the model (torch.onnx.export(..., export_params=True))")
            case .computed(let op, let producer):
                throw fail("its \(role) '\(Escaped.text(name))' is computed at run time by \(Escaped.text(op)) node '\(producer)', which gatescope cannot fold into a constant; export with do_constant_folding=True")
            case .undefined:
                throw fail("its \(role) '\(Escaped.text(name))' is defined nowhere in the graph; the file is corrupt")
            }
        }
        let (wName, w) = try weight(1, "weights W")
        let (rName, r) = try weight(2, "recurrent weights R")
        guard w.dims.count == 3, w.dims[0] == directions, w.dims[1] > 0, w.dims[1] % gates == 0 else {
            throw fail("W '\(Escaped.text(wName))' has dims \(w.dims); expected [\(directions), \(gates)×hidden_size, input_size]")
        }
        let hidden = w.dims[1] / gates
        // Far beyond any real layer; keeps every size computed from them (2·gates·hidden, …) in range.
        guard hidden <= Self.largestSize, w.dims[2] >= 0, w.dims[2] <= Self.largestSize else {
            throw fail("W '\(Escaped.text(wName))' has dims \(w.dims), far too large for a recurrent layer; the file is corrupt")
        }
        guard r.dims == [directions, gates * hidden, hidden] else {
            throw fail("R '\(Escaped.text(rName))' has dims \(r.dims); expected [\(directions), \(gates * hidden), \(hidden)]")
        }
        if let size = node.attribute("hidden_size")?.int, size != Int64(hidden) {
            throw fail("hidden_size is \(size) but W holds \(hidden) units; the file is inconsistent")
        }
        var kind: CellKind = gates == 4 ? .lstm : gates == 3 ? .gru : .rnnTanh
        let defaults: [String] = gates == 4 ? ["sigmoid", "tanh", "tanh"] : gates == 3 ? ["sigmoid", "tanh"] : ["tanh"]
        if let activations = node.attribute("activations")?.strings, !activations.isEmpty {
            let lower = activations.map { $0.lowercased() }
            guard lower.count == defaults.count * directions else {
                throw fail("lists \(activations.count) activations; expected \(defaults.count * directions)")
            }
            if gates == 1, lower.allSatisfy({ $0 == "relu" }) {
                kind = .rnnRelu
            } else if lower != Array(repeating: defaults, count: directions).flatMap({ $0 }) {
                throw fail("uses activations \(Escaped.text(activations.joined(separator: ", "))); gatescope computes \(defaults.map { $0 == "sigmoid" ? "Sigmoid" : "Tanh" }.joined(separator: ", "))\(gates == 1 ? " (or Relu)" : "") only, as PyTorch does")
            }
        }
        if node.attribute("clip") != nil, gates != 4 {
            throw fail("uses 'clip', which gatescope supports for LSTM only")
        }
        return ONNXRecurrentNode(node: node, index: index, scope: scope, kind: kind, directions: directions,
                                 readsBackward: direction == "reverse", hiddenSize: hidden, inputSize: w.dims[2])
    }
}

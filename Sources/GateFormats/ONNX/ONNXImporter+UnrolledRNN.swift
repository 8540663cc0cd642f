import GateCore

extension ONNXImporter {
    /// An `nn.RNN` that PyTorch's default exporter (dynamo=True) unrolled into one MatMul, Add and
    /// Tanh (or Relu) per step, recovered from its biases' names (`NAME.bias_ih_l{k}`, `…_reverse`, as
    /// in the state dict): the constant multiplied before the Add with `bias_ih` is W_ihᵀ, the one before
    /// the Add with `bias_hh` is W_hhᵀ. Nil when the graph holds no such biases (e.g. `bias=False`).
    static func unrolledRNN(in model: ONNXModel, folder: inout ONNXConstantFolder,
                            source: String) throws -> (network: RecurrentNetwork, prefix: String, used: [String], head: String?, embedding: String?,
                                                          headNote: String?)? {
        let graph = model.graph
        let scope = ONNXScope(graph: graph)
        let level = scope.levels[0]
        var consumers: [String: [Int]] = [:]
        for (index, node) in graph.nodes.enumerated() {
            for input in node.inputs where !input.isEmpty { consumers[input, default: []].append(index) }
        }
        let names = graph.initializers.map(\.name)
        guard let first = names.first(where: { $0.hasSuffix("bias_ih_l0") }) else { return nil }
        let prefix = String(first.dropLast("bias_ih_l0".count))
        /// The constant B of `MatMul(_, B)` feeding an `Add` with `bias`, and the Add's consumers' ops.
        func weight(beside bias: String) throws -> (name: String, value: ONNXValue, activation: String?)? {
            for index in consumers[bias] ?? [] {
                let add = graph.nodes[index]
                guard add.opType == "Add", add.inputs.count == 2 else { continue }
                let other = add.inputs[0] == bias ? add.inputs[1] : add.inputs[0]
                guard let (producer, _) = level.producers[other] else { continue }
                let matmul = graph.nodes[producer]
                guard matmul.opType == "MatMul", let name = matmul.input(1),
                      let value = try folder.value(of: name, in: scope), value.dims.count == 2 else { continue }
                // The activation: Add(·, bias) → Add(·, input part) → Tanh/Relu, or directly.
                var activation: String? = nil
                var frontier = add.outputs
                for _ in 0..<3 where activation == nil {
                    var next: [String] = []
                    for value in frontier {
                        for consumer in consumers[value] ?? [] {
                            let op = graph.nodes[consumer].opType
                            if op == "Tanh" || op == "Relu" { activation = op } else if op == "Add" { next += graph.nodes[consumer].outputs }
                        }
                    }
                    frontier = next
                }
                return (name, value, activation)
            }
            return nil
        }
        var layers: [[CellWeights]] = []
        var used: [String] = []
        var usedWeights: Set<String> = []
        var relu: Bool? = nil
        for layer in 0..<64 {
            var directions: [CellWeights] = []
            for suffix in ["", "_reverse"] {
                let ihName = "\(prefix)bias_ih_l\(layer)\(suffix)", hhName = "\(prefix)bias_hh_l\(layer)\(suffix)"
                guard names.contains(ihName), names.contains(hhName),
                      let ih = try folder.value(of: ihName, in: scope), let hh = try folder.value(of: hhName, in: scope),
                      let wi = try weight(beside: ihName), let wh = try weight(beside: hhName) else { continue }
                let hidden = hh.count
                guard ih.count == hidden, wi.value.dims[1] == hidden, wh.value.dims == [hidden, hidden] else {
                    throw FormatError("its unrolled RNN layer \(layer + 1) has weights \(wi.value.dims) and \(wh.value.dims) for \(hidden) units; the file is inconsistent", source: source)
                }
                let isRelu = (wh.activation ?? "Tanh") == "Relu"
                if let relu, relu != isRelu { throw FormatError("its unrolled RNN mixes Tanh and Relu layers, which gatescope cannot represent", source: source) }
                relu = isRelu
                func transposed(_ value: ONNXValue) -> Matrix {
                    let (rows, columns) = (value.dims[1], value.dims[0])
                    var matrix = Matrix(rows: rows, columns: columns)
                    let raw = value.floats
                    for r in 0..<rows { for c in 0..<columns { matrix[r, c] = raw[c * rows + r] } }
                    return matrix
                }
                directions.append(.rnn(RNNWeights(inputWeights: transposed(wi.value), recurrentWeights: transposed(wh.value),
                                                  inputBias: ih.floats, recurrentBias: hh.floats, usesRelu: isRelu)))
                used += [wi.name, wh.name, ihName, hhName]
                usedWeights.formUnion([wi.name, wh.name])
            }
            if directions.isEmpty { break }
            layers.append(directions)
        }
        guard !layers.isEmpty else { return nil }
        var network = RecurrentNetwork(layers: layers, metadata: ["source_format": "onnx", "onnx_unrolled_rnn": prefix])
        var headNode: String? = nil, embeddingNode: String? = nil, headNote: String? = nil
        for (index, node) in graph.nodes.enumerated() where node.opType == "MatMul" || node.opType == "Gemm" {
            guard let weightName = node.input(1), !usedWeights.contains(weightName), let input = node.input(0) else { continue }
            let label = ONNXConstantFolder.label(node, index: index, path: "")
            if let found = try linear(node, label: label, reading: input, width: network.outputWidth, scope: scope,
                                      consumers: consumers, folder: &folder) {
                network.head = found.value
                headNode = found.node
                headNote = found.note
                used += found.tensors
                break
            }
        }
        for (index, node) in graph.nodes.enumerated() where node.opType == "Gather" && (node.attribute("axis")?.int ?? 0) == 0 {
            guard let tableName = node.input(0), let table = try folder.value(of: tableName, in: scope), table.dims.count == 2,
                  table.dims[1] == network.inputSize, table.dims[0] > 0 else { continue }
            network.embedding = Matrix(rows: table.dims[0], columns: table.dims[1], values: table.floats)
            embeddingNode = ONNXConstantFolder.label(node, index: index, path: "")
            used.append(tableName)
            break
        }
        return (network, prefix.hasSuffix(".") ? String(prefix.dropLast()) : prefix, used, headNode, embeddingNode, headNote)
    }
}

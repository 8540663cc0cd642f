import GateCore

extension ONNXImporter {
    /// A token embedding or linear head found around the recurrent nodes.
    struct Surrounding<Value> {
        /// The matrix (embedding) or head.
        var value: Value
        /// The node that applies it.
        var node: String
        /// The constants it was built from.
        var tensors: [String]
        /// A `note:` line about it for the user (a function after the head that gatescope does not apply).
        var note: String? = nil
    }

    /// The `role` part ("embedding" or "head", the `--role` option's value `wanted`) that `find` finds,
    /// unless the option says "none"; throws when the option names another node or one that is not there
    /// (`missing` and `place` describe what was looked for, e.g. "Gather embedding" "before").
    static func surrounding<Value>(_ role: String, wanted: String?, missing: String, place: String, source: String?,
                                   find: () throws -> Surrounding<Value>?) throws -> Surrounding<Value>? {
        if wanted?.lowercased() != "none", let found = try find() {
            if let wanted, wanted != found.node {
                throw FormatError("has no \(role) node '\(Escaped.text(wanted))'; the \(role) found is '\(found.node)'; give --\(role) \(found.node) or --\(role) none", source: source)
            }
            return found
        } else if let wanted, wanted.lowercased() != "none" {
            throw FormatError("has no \(missing) '\(Escaped.text(wanted))' \(place) the recurrent nodes; leave --\(role) out", source: source)
        }
        return nil
    }

    /// The embedding in front of `first`: a `Gather` along axis 0 of a constant V × inputSize table
    /// whose output reaches the node's X through shape operators only.
    static func embedding(before first: ONNXRecurrentNode, folder: inout ONNXConstantFolder) throws -> Surrounding<Matrix>? {
        let level = first.scope.levels[first.scope.levels.count - 1]
        guard var current = first.node.input(0) else { return nil }
        for _ in 0..<16 {
            guard let (index, _) = level.producers[current] else { return nil }
            let node = level.graph.nodes[index]
            if node.opType == "Gather", (node.attribute("axis")?.int ?? 0) == 0, let tableName = node.input(0),
               let table = try folder.value(of: tableName, in: first.scope), table.dims.count == 2,
               table.dims[1] == first.inputSize, table.dims[0] > 0 {
                let floats = table.floats
                guard floats.allSatisfy(\.isFinite) else { return nil }
                return Surrounding(value: Matrix(rows: table.dims[0], columns: table.dims[1], values: floats),
                                   node: ONNXConstantFolder.label(node, index: index, path: first.scope.path), tensors: [tableName])
            }
            guard passThrough.contains(node.opType), let input = node.input(0) else { return nil }
            current = input
        }
        return nil
    }

    /// The linear head after `last`: a `MatMul` by a constant width × O matrix (plus an `Add` of a
    /// constant O-vector) or a `Gemm`, reached from the node's Y or Y_h through shape operators, `Gather` or `Slice`.
    static func head(after last: ONNXRecurrentNode, width: Int, folder: inout ONNXConstantFolder) throws -> Surrounding<LinearHead>? {
        let scope = last.scope
        let graph = scope.graph
        var consumers: [String: [Int]] = [:]
        for (index, node) in graph.nodes.enumerated() {
            for input in node.inputs where !input.isEmpty { consumers[input, default: []].append(index) }
        }
        var frontier = last.node.outputs.prefix(2).filter { !$0.isEmpty }
        var seen = Set(frontier)
        var visits = 0
        while !frontier.isEmpty, visits < 256 {
            let value = frontier.removeFirst()
            for index in consumers[value] ?? [] {
                visits += 1
                let node = graph.nodes[index]
                let label = ONNXConstantFolder.label(node, index: index, path: scope.path)
                if let found = try linear(node, label: label, reading: value, width: width, scope: scope,
                                          consumers: consumers, folder: &folder) {
                    return found
                }
                guard passThrough.contains(node.opType) || node.opType == "Gather" || node.opType == "Slice",
                      node.input(0) == value, let output = node.outputs.first, !output.isEmpty,
                      seen.insert(output).inserted else { continue }
                frontier.append(output)
            }
        }
        return nil
    }

    /// `node` as a linear layer applied to `value`, when it is one with constant weights of the right width.
    static func linear(_ node: ONNXNode, label: String, reading value: String, width: Int, scope: ONNXScope,
                               consumers: [String: [Int]], folder: inout ONNXConstantFolder) throws -> Surrounding<LinearHead>? {
        guard node.opType == "MatMul" || node.opType == "Gemm", node.input(0) == value, let weightName = node.input(1),
              let weight = try folder.value(of: weightName, in: scope), weight.dims.count == 2 else { return nil }
        let transposed = node.opType == "Gemm" && (node.attribute("transB")?.int ?? 0) != 0
        if node.opType == "Gemm", (node.attribute("transA")?.int ?? 0) != 0 { return nil }
        let inputs = transposed ? weight.dims[1] : weight.dims[0]
        let outputs = transposed ? weight.dims[0] : weight.dims[1]
        guard inputs == width, outputs > 0 else { return nil }
        let alpha = node.opType == "Gemm" ? node.attribute("alpha")?.float ?? 1 : 1
        let raw = weight.floats
        var matrix = Matrix(rows: outputs, columns: inputs)
        for o in 0..<outputs {
            for i in 0..<inputs { matrix[o, i] = alpha * (transposed ? raw[o * inputs + i] : raw[i * outputs + o]) }
        }
        var tensors = [weightName]
        var bias: [Float]? = nil
        var output = node.outputs.first ?? ""
        func vector(_ name: String) throws -> [Float]? {
            guard let value = try folder.value(of: name, in: scope), value.count == outputs,
                  value.dims.filter({ $0 != 1 }).count <= 1 else { return nil }
            return value.floats
        }
        if node.opType == "Gemm", let cName = node.input(2) {
            guard let c = try vector(cName) else { return nil }
            let beta = node.attribute("beta")?.float ?? 1
            bias = c.map { beta * $0 }
            tensors.append(cName)
        } else if node.opType == "MatMul", let product = node.outputs.first {
            for index in consumers[product] ?? [] {
                let add = scope.graph.nodes[index]
                guard add.opType == "Add", add.inputs.count == 2 else { continue }
                let other = add.inputs[0] == product ? add.inputs[1] : add.inputs[0]
                if let b = try vector(other) { bias = b; tensors.append(other); output = add.outputs.first ?? ""; break }
            }
        }
        guard matrix.values.allSatisfy(\.isFinite), bias?.allSatisfy(\.isFinite) ?? true else { return nil }
        let after = activation(after: output, isGemm: node.opType == "Gemm", scope: scope, consumers: consumers,
                               opset: folder.opset)
        return Surrounding(value: LinearHead(weights: matrix, bias: bias, activation: after.activation), node: label,
                           tensors: tensors, note: after.note)
    }

    /// Functions a model may apply to its head's output that gatescope does not: a note says the output
    /// shown is the value before them.
    static let unappliedHeadFunctions: Set<String> = ["LogSoftmax", "Softmax", "HardSigmoid", "Elu", "Selu", "LeakyRelu",
                                                     "Softplus", "Softsign", "Gelu", "HardSwish", "Mish", "Clip", "Exp",
                                                     "Log", "PRelu", "ThresholdedRelu", "Celu"]

    /// The function applied to the head's `output` (through shape operators, when it is their only
    /// reader): `Softmax` over the last axis, `Sigmoid`, `Tanh`, `Relu`; a note for one gatescope does not
    /// apply (another axis, LogSoftmax, …); none otherwise. `isGemm`: the head is a 2-D `Gemm`, so axis 1
    /// is its last.
    static func activation(after output: String, isGemm: Bool, scope: ONNXScope, consumers: [String: [Int]],
                           opset: Int64) -> (activation: HeadActivation, note: String?) {
        var current = output
        for _ in 0..<16 {
            guard !current.isEmpty, let readers = consumers[current], readers.count == 1 else { break }
            let node = scope.graph.nodes[readers[0]]
            let label = ONNXConstantFolder.label(node, index: readers[0], path: scope.path)
            switch node.opType {
            case "Sigmoid": return (.sigmoid, nil)
            case "Tanh": return (.tanh, nil)
            case "Relu": return (.relu, nil)
            case "Softmax":
                // Before opset 13 Softmax flattens from its axis (default 1): the last axis only for a 2-D input.
                let axis = node.attribute("axis")?.int ?? (opset >= 13 ? -1 : 1)
                if axis == -1 || (isGemm && axis == 1) { return (.softmax, nil) }
            default:
                break
            }
            if unappliedHeadFunctions.contains(node.opType) {
                return (.linear, "note: the head's output goes through \(node.opType) node '\(Escaped.text(label))', which gatescope does not apply: the output shown is the head's value before it")
            }
            guard passThrough.contains(node.opType), node.input(0) == current, let next = node.outputs.first else { break }
            current = next
        }
        return (.linear, nil)
    }
}

import GateCore

/// Imports recurrent networks from ONNX models: `LSTM`, `GRU` and `RNN` nodes and their initializers,
/// converted to PyTorch's gate order (ONNX LSTM i,o,f,c → i,f,g,o; GRU z,r,h → r,z,n; peepholes
/// i,o,f → i,f,o), with directions, `clip`, `input_forget` and `linear_before_reset`. Consecutive
/// nodes of one kind whose sizes chain form one stacked network; `--prefix NODE` picks one node
/// (or the stack starting at it) when the graph holds several.
///
/// Errors are ``FormatError``s naming the file, the node and what to do.
public enum ONNXImporter {
    /// The largest hidden or input size accepted (2^24): far beyond any real layer, small enough that
    /// sizes computed from it never overflow.
    static let largestSize = 1 << 24

    /// Whether `path` names an ONNX file (by extension).
    public static func handles(path: String) -> Bool {
        path.lowercased().hasSuffix(".onnx")
    }

    /// The network in the ONNX file at `path`.
    public static func importModel(path: String, options: ModelImportOptions = ModelImportOptions()) throws -> ImportedModel {
        let bytes = try FileBytes.read(path: path)
        return try importModel(bytes: bytes, source: path, options: options)
    }

    /// The network in a serialized ONNX model.
    public static func importModel(bytes: [UInt8], source: String,
                                   options: ModelImportOptions = ModelImportOptions()) throws -> ImportedModel {
        let model = try ONNXModel(bytes: bytes, source: source)
        return try importModel(model, source: source, options: options)
    }

    /// Every recurrent module (stack of chained nodes) in the model, in graph order.
    public static func modules(in model: ONNXModel, source: String) throws -> [RecurrentModuleInfo] {
        try stacks(in: model, source: source).map(describe)
    }

    /// The network in a decoded ONNX model.
    public static func importModel(_ model: ONNXModel, source: String,
                                   options: ModelImportOptions = ModelImportOptions()) throws -> ImportedModel {
        let stacks = try stacks(in: model, source: source)
        let modules = stacks.map(describe)
        let choices = modules.map(\.summary).joined(separator: ", ")
        let chosen: [ONNXRecurrentNode]
        if let wanted = options.prefix {
            if let stack = stacks.first(where: { $0[0].label == wanted }) {
                chosen = stack
            } else if let node = stacks.joined().first(where: { $0.label == wanted }) {
                chosen = [node]
            } else {
                throw FormatError("has no LSTM/GRU/RNN node '\(wanted)'; it holds \(choices); pick one with --prefix", source: source)
            }
        } else {
            guard stacks.count == 1 else {
                throw FormatError("holds \(stacks.count) recurrent modules: \(choices); pick one with --prefix NODE_NAME", source: source)
            }
            chosen = stacks[0]
        }
        let constants = model.graph.constants
        var used: [String] = []
        var layers: [[CellWeights]] = []
        for node in chosen {
            layers.append(try convert(node, constants: constants, used: &used, source: source))
        }
        var metadata: [String: String] = ["source_format": "onnx"]
        if !model.producerName.isEmpty { metadata["onnx_producer"] = model.producerName }
        if let opset = model.opsetVersion { metadata["onnx_opset"] = String(opset) }
        metadata["onnx_nodes"] = chosen.map(\.label).joined(separator: ",")
        let network = RecurrentNetwork(layers: layers, metadata: metadata)
        do {
            try network.validate()
        } catch {
            throw FormatError("\(error.message); the ONNX weights do not fit together", source: source)
        }
        if let wanted = options.nonlinearity {
            let kind = network.kind
            let matches = (wanted == .relu && kind == .rnnRelu) || (wanted == .tanh && kind != .rnnRelu)
            if !matches {
                throw FormatError("--nonlinearity \(wanted.rawValue) does not apply: an ONNX model names its activations in the file, and this one is \(kind == .lstm ? "an" : "a") \(kind.displayName); leave --nonlinearity out", source: source)
            }
        }
        let usedSet = Set(used)
        let ignored = model.graph.initializers.map(\.name).filter { !usedSet.contains($0) }
        return ImportedModel(network: network, module: describe(chosen), modules: modules, headPrefix: nil,
                             otherHeadCandidates: [], embeddingName: nil, usedTensors: used,
                             ignoredTensors: ignored, fileMetadata: metadata)
    }

    /// The recurrent nodes grouped into stacks: consecutive nodes of one kind and direction count
    /// whose input size equals the previous node's output width.
    static func stacks(in model: ONNXModel, source: String) throws -> [[ONNXRecurrentNode]] {
        let constants = model.graph.constants
        var nodes: [ONNXRecurrentNode] = []
        for (index, node) in model.graph.nodes.enumerated()
        where ["LSTM", "GRU", "RNN"].contains(node.opType) && (node.domain.isEmpty || node.domain == "ai.onnx") {
            nodes.append(try describeNode(node, index: index, constants: constants, source: source))
        }
        guard !nodes.isEmpty else {
            let ops = Set(model.graph.nodes.map(\.opType)).sorted().joined(separator: ", ")
            throw FormatError("holds no LSTM, GRU or RNN node (its operators: \(ops.isEmpty ? "none" : ops)); export a model whose recurrent layer is nn.LSTM, nn.GRU or nn.RNN", source: source)
        }
        var stacks: [[ONNXRecurrentNode]] = []
        for node in nodes {
            if let last = stacks.last?.last, last.kind == node.kind, last.directions == node.directions,
               last.hiddenSize * last.directions == node.inputSize {
                stacks[stacks.count - 1].append(node)
            } else {
                stacks.append([node])
            }
        }
        return stacks
    }

    /// A stack as a module description.
    static func describe(_ stack: [ONNXRecurrentNode]) -> RecurrentModuleInfo {
        let first = stack[0]
        return RecurrentModuleInfo(prefix: first.label, layout: .onnx, kind: first.kind, layers: stack.count,
                                   directions: first.directions, inputSize: first.inputSize,
                                   hiddenSize: first.hiddenSize, projectionSize: 0, layerPrefixes: stack.map(\.label))
    }

    /// Sizes and kind of one node from its attributes and its W and R shapes.
    static func describeNode(_ node: ONNXNode, index: Int, constants: [String: ONNXTensor],
                             source: String) throws -> ONNXRecurrentNode {
        let label = node.name.isEmpty ? "\(node.opType)_\(index)" : node.name
        func fail(_ message: String) -> FormatError { FormatError("\(node.opType) node '\(label)': \(message)", source: source) }
        let gates = node.opType == "LSTM" ? 4 : node.opType == "GRU" ? 3 : 1
        let direction = node.attribute("direction")?.string ?? "forward"
        let directions: Int
        switch direction {
        case "forward": directions = 1
        case "bidirectional": directions = 2
        case "reverse": throw fail("runs in reverse only; gatescope reads forward and bidirectional layers")
        default: throw fail("has direction '\(direction)'; expected forward, reverse or bidirectional")
        }
        guard let wName = node.input(1), let w = constants[wName] else {
            throw fail("its weights W are not an initializer; export with do_constant_folding=True so weights are stored as constants")
        }
        guard let rName = node.input(2), let r = constants[rName] else {
            throw fail("its recurrent weights R are not an initializer; export with do_constant_folding=True")
        }
        guard w.dims.count == 3, w.dims[0] == directions, w.dims[1] > 0, w.dims[1] % gates == 0 else {
            throw fail("W '\(wName)' has dims \(w.dims); expected [\(directions), \(gates)×hidden_size, input_size]")
        }
        let hidden = w.dims[1] / gates
        // Far beyond any real layer; keeps every size computed from them (2·gates·hidden, …) in range.
        guard hidden <= Self.largestSize, w.dims[2] >= 0, w.dims[2] <= Self.largestSize else {
            throw fail("W '\(wName)' has dims \(w.dims), far too large for a recurrent layer; the file is corrupt")
        }
        guard r.dims == [directions, gates * hidden, hidden] else {
            throw fail("R '\(rName)' has dims \(r.dims); expected [\(directions), \(gates * hidden), \(hidden)]")
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
                throw fail("uses activations \(activations.joined(separator: ", ")); gatescope computes \(defaults.map { $0 == "sigmoid" ? "Sigmoid" : "Tanh" }.joined(separator: ", "))\(gates == 1 ? " (or Relu)" : "") only, as PyTorch does")
            }
        }
        if node.attribute("clip") != nil, gates != 4 {
            throw fail("uses 'clip', which gatescope supports for LSTM only")
        }
        return ONNXRecurrentNode(node: node, index: index, kind: kind, directions: directions,
                                 hiddenSize: hidden, inputSize: w.dims[2])
    }

    /// The node's weights per direction, in PyTorch's gate order.
    static func convert(_ info: ONNXRecurrentNode, constants: [String: ONNXTensor], used: inout [String],
                        source: String) throws -> [CellWeights] {
        let node = info.node
        func fail(_ message: String) -> FormatError { FormatError("\(node.opType) node '\(info.label)': \(message)", source: source) }
        let h = info.hiddenSize, x = info.inputSize, d = info.directions, g = info.gates
        func values(_ index: Int, dims: [Int], role: String) throws -> [Float]? {
            guard let name = node.input(index) else { return nil }
            guard let tensor = constants[name] else {
                throw fail("its \(role) '\(name)' is computed at run time, not stored; export with do_constant_folding=True")
            }
            guard tensor.dims == dims else { throw fail("\(role) '\(name)' has dims \(tensor.dims); expected \(dims)") }
            let floats = try tensor.floats(source: source)
            guard floats.allSatisfy(\.isFinite) else { throw fail("\(role) '\(name)' holds NaN or infinity") }
            used.append(name)
            return floats
        }
        let w = try values(1, dims: [d, g * h, x], role: "W")!
        let r = try values(2, dims: [d, g * h, h], role: "R")!
        let b = try values(3, dims: [d, 2 * g * h], role: "B")
        let peepholes = g == 4 ? try values(7, dims: [d, 3 * h], role: "P") : nil
        for (index, role) in [(5, "initial_h"), (6, "initial_c")] where index < (g == 4 ? 7 : 6) {
            guard let name = node.input(index), let tensor = constants[name] else { continue }
            if try tensor.floats(source: source).contains(where: { $0 != 0 }) {
                throw fail("its \(role) '\(name)' is not zero; gatescope starts every sequence from a zero state")
            }
            used.append(name)
        }
        // Block order: position k of PyTorch's order comes from ONNX block order[k].
        let order = g == 4 ? [0, 2, 3, 1] : g == 3 ? [1, 0, 2] : [0]
        func reorder(_ all: [Float], direction: Int, blockCount: Int, blockSize: Int, order: [Int], offset: Int = 0) -> [Float] {
            let start = direction * (all.count / d) + offset
            return order.flatMap { block in all[(start + block * blockSize)..<(start + (block + 1) * blockSize)] }
        }
        let clip = node.attribute("clip")?.float
        if let clip, !(clip > 0) || !clip.isFinite { throw fail("has clip \(clip); expected a positive threshold") }
        let couples = (node.attribute("input_forget")?.int ?? 0) != 0
        let resetAfter = (node.attribute("linear_before_reset")?.int ?? 0) != 0
        var result: [CellWeights] = []
        for direction in 0..<d {
            let wi = Matrix(rows: g * h, columns: x, values: reorder(w, direction: direction, blockCount: g, blockSize: h * x, order: order))
            let wh = Matrix(rows: g * h, columns: h, values: reorder(r, direction: direction, blockCount: g, blockSize: h * h, order: order))
            let bi = b.map { reorder($0, direction: direction, blockCount: g, blockSize: h, order: order) }
            let bh = b.map { reorder($0, direction: direction, blockCount: g, blockSize: h, order: order, offset: g * h) }
            switch info.kind {
            case .lstm:
                let p = peepholes.map { Matrix(rows: 3, columns: h, values: reorder($0, direction: direction, blockCount: 3, blockSize: h, order: [0, 2, 1])) }
                result.append(.lstm(LSTMWeights(inputWeights: wi, recurrentWeights: wh, inputBias: bi, recurrentBias: bh,
                                                peepholes: p, clip: clip, couplesInputAndForget: couples)))
            case .gru:
                result.append(.gru(GRUWeights(inputWeights: wi, recurrentWeights: wh, inputBias: bi, recurrentBias: bh,
                                              resetAfter: resetAfter)))
            case .rnnTanh, .rnnRelu:
                result.append(.rnn(RNNWeights(inputWeights: wi, recurrentWeights: wh, inputBias: bi, recurrentBias: bh,
                                              usesRelu: info.kind == .rnnRelu)))
            }
        }
        return result
    }
}

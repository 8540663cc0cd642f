import GateCore

/// Imports recurrent networks from ONNX models: `LSTM`, `GRU` and `RNN` nodes anywhere in the graph or
/// its subgraphs (`If` branches, `Loop`/`Scan` bodies), their weights read from initializers, `Constant`
/// nodes, external data files, or folded through shape operators (``ONNXConstantFolder``); converted to
/// PyTorch's gate order (ONNX LSTM i,o,f,c → i,f,g,o; GRU z,r,h → r,z,n; peepholes i,o,f → i,f,o), with
/// directions (forward, reverse, bidirectional), `clip`, `input_forget`, `linear_before_reset` and
/// constant initial states. Consecutive linked nodes of one kind form one stacked network; a `Gather`
/// embedding in front and a `MatMul`/`Gemm` head behind are attached. `--node NAME` (or `--prefix`)
/// picks a node (or the stack starting at it); without it the first is used and a note names the others.
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

    /// The network in the ONNX file at `path` (external data read from beside it).
    public static func importModel(path: String, options: ModelImportOptions = ModelImportOptions()) throws -> ImportedModel {
        let bytes = try FileBytes.read(path: path)
        return try importModel(bytes: bytes, source: path, options: options)
    }

    /// The network in a serialized ONNX model; `source` is its path (external data is looked up beside it).
    public static func importModel(bytes: [UInt8], source: String,
                                   options: ModelImportOptions = ModelImportOptions()) throws -> ImportedModel {
        let model = try ONNXModel(bytes: bytes, source: source)
        return try importModel(model, source: source, options: options)
    }

    /// A constant folder for `model` read from `source`, with the values of graph inputs found in ONNX's
    /// test-data layout beside it (`test_data_set_0/input_J.pb`).
    static func folder(for model: ONNXModel, source: String) throws -> ONNXConstantFolder {
        let external = ONNXExternalData(modelPath: source)
        var folder = ONNXConstantFolder(external: external, source: source, opset: model.opsetVersion)
        folder.inputValues = try ONNXTestDataInputs.load(for: model.graph, external: external)
        return folder
    }

    /// Every recurrent module (stack of linked nodes) in the model and its subgraphs, in graph order.
    public static func modules(in model: ONNXModel, source: String) throws -> [RecurrentModuleInfo] {
        var folder = try folder(for: model, source: source)
        if let unrolled = try unrolled(model, folder: &folder, source: source) { return [unrolled.module] }
        return try stacks(in: model, folder: &folder, source: source).map(describe)
    }

    /// The model as an unrolled `nn.RNN` (see ``unrolledRNN(in:folder:source:)``) when it holds no
    /// recurrent node but the exporter's unrolled steps.
    static func unrolled(_ model: ONNXModel, folder: inout ONNXConstantFolder, source: String) throws -> ImportedModel? {
        guard Set(allOperators(model.graph)).isDisjoint(with: ["LSTM", "GRU", "RNN"]),
              let found = try unrolledRNN(in: model, folder: &folder, source: source) else { return nil }
        let network = found.network
        do {
            try network.validate()
        } catch {
            throw FormatError("\(error.message); the unrolled RNN's weights do not fit together", source: source)
        }
        let first = network.layers[0][0]
        let module = RecurrentModuleInfo(prefix: found.prefix, layout: .onnx, kind: network.kind, layers: network.layers.count,
                                         directions: network.layers[0].count, inputSize: first.inputSize,
                                         hiddenSize: first.hiddenSize, projectionSize: 0,
                                         layerPrefixes: network.layers.indices.map { "\(found.prefix) layer \($0)" })
        let usedSet = Set(found.used)
        var imported = ImportedModel(network: network, module: module, modules: [module], headPrefix: found.head,
                                     otherHeadCandidates: [], embeddingName: found.embedding, usedTensors: found.used,
                                     ignoredTensors: model.graph.initializers.map(\.name).filter { !usedSet.contains($0) },
                                     fileMetadata: network.metadata)
        imported.notes = ["note: PyTorch's exporter unrolled the nn.RNN '\(Escaped.text(found.prefix))' into one MatMul per step; gatescope rebuilt it from the weights beside its biases"]
            + (found.headNote.map { [$0] } ?? [])
        return imported
    }

    /// The network in a decoded ONNX model.
    public static func importModel(_ model: ONNXModel, source: String,
                                   options: ModelImportOptions = ModelImportOptions()) throws -> ImportedModel {
        var folder = try folder(for: model, source: source)
        if var imported = try unrolled(model, folder: &folder, source: source) {
            if options.head?.lowercased() == "none" { imported.network.head = nil; imported.headPrefix = nil }
            if options.embedding?.lowercased() == "none" { imported.network.embedding = nil; imported.embeddingName = nil }
            if let wanted = options.nonlinearity, (wanted == .relu) != (imported.network.kind == .rnnRelu) {
                throw FormatError("--nonlinearity \(wanted.rawValue) does not apply: the unrolled RNN computes \(imported.network.kind == .rnnRelu ? "Relu" : "Tanh") in the file; leave --nonlinearity out", source: source)
            }
            return imported
        }
        let stacks = try stacks(in: model, folder: &folder, source: source)
        let modules = stacks.map(describe)
        let choices = modules.map(\.summary).joined(separator: ", ")
        var notes: [String] = []
        let chosen: [ONNXRecurrentNode]
        if let wanted = options.prefix {
            let all = Array(stacks.joined())
            let byOwnName = all.filter { $0.node.name == wanted || $0.label.hasSuffix("/" + wanted) }
            if let stack = stacks.first(where: { $0[0].label == wanted }) {
                chosen = stack
            } else if let node = all.first(where: { $0.label == wanted }) {
                chosen = [node]
            } else if byOwnName.count == 1, let stack = stacks.first(where: { $0[0].label == byOwnName[0].label }) {
                chosen = stack
            } else if byOwnName.count == 1 {
                chosen = byOwnName
            } else {
                throw FormatError("has no LSTM/GRU/RNN node '\(Escaped.text(wanted))'\(byOwnName.count > 1 ? " that names one node" : ""); it holds \(choices); pick one with --node NAME", source: source)
            }
        } else {
            chosen = stacks[0]
            if stacks.count > 1 {
                let others = modules.dropFirst().map(\.summary).joined(separator: ", ")
                notes.append("note: using \(modules[0].summary), the first of \(stacks.count) recurrent modules; the others: \(others); pick one with --node NAME")
            }
        }
        var used: [String] = []
        var layers: [[CellWeights]] = []
        var initial: [[RecurrentState]] = []
        var anyInitial = false
        for node in chosen {
            let converted = try convert(node, folder: &folder, used: &used, notes: &notes, source: source)
            layers.append(converted.weights)
            if let states = converted.initial {
                initial.append(states)
                anyInitial = true
            } else {
                initial.append(converted.weights.map(RecurrentState.zero(for:)))
            }
        }
        if !folder.inputsUsed.isEmpty {
            let names = folder.inputsUsed.map { "'\(Escaped.text($0))'" }.joined(separator: ", ")
            notes.append("note: the graph inputs \(names) are taken from test_data_set_0/ beside the model (ONNX's test-data layout)")
        }
        var metadata: [String: String] = ["source_format": "onnx"]
        if !model.producerName.isEmpty { metadata["onnx_producer"] = Escaped.text(model.producerName) }
        if let opset = model.opsetVersion { metadata["onnx_opset"] = String(opset) }
        metadata["onnx_nodes"] = chosen.map(\.label).joined(separator: ",")
        var network = RecurrentNetwork(layers: layers, metadata: metadata)
        network.readsBackward = chosen[0].readsBackward
        if anyInitial { network.initialStates = initial }

        var headNode: String? = nil
        var embeddingNode: String? = nil
        if let found = try surrounding("embedding", wanted: options.embedding, missing: "Gather embedding", place: "before",
                                       source: source, find: { try embedding(before: chosen[0], folder: &folder) }) {
            network.embedding = found.value
            embeddingNode = found.node
            used += found.tensors
        }
        if let found = try surrounding("head", wanted: options.head, missing: "MatMul/Gemm head", place: "after", source: source,
                                       find: { try head(after: chosen[chosen.count - 1], width: network.outputWidth, folder: &folder) }) {
            network.head = found.value
            headNode = found.node
            used += found.tensors
            if let note = found.note { notes.append(note) }
        }
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
        var imported = ImportedModel(network: network, module: describe(chosen), modules: modules, headPrefix: headNode,
                                     otherHeadCandidates: [], embeddingName: embeddingNode, usedTensors: used,
                                     ignoredTensors: ignored, fileMetadata: metadata)
        imported.notes = notes
        return imported
    }

    /// A stack as a module description.
    static func describe(_ stack: [ONNXRecurrentNode]) -> RecurrentModuleInfo {
        let first = stack[0]
        return RecurrentModuleInfo(prefix: first.label, layout: .onnx, kind: first.kind, layers: stack.count,
                                   directions: first.directions, inputSize: first.inputSize,
                                   hiddenSize: first.hiddenSize, projectionSize: 0, layerPrefixes: stack.map(\.label))
    }
}

import GateCore

/// Loads recurrent networks from safetensors weights files: PyTorch `state_dict`s (`nn.LSTM`, `nn.GRU`,
/// `nn.RNN`, `nn.LSTMCell`, `nn.GRUCell`, under any prefix, with a following `nn.Linear` head and an
/// `nn.Embedding` in front), Keras-layout weights, and files written by ``ModelExporter``.
///
/// Every error is a ``FormatError``: one line naming the file, what is wrong and what to do.
public enum ModelImporter {
    /// The network in the file at `path`.
    public static func load(path: String, options: ModelImportOptions = ModelImportOptions()) throws -> RecurrentNetwork {
        try importModel(path: path, options: options).network
    }

    /// The network in the file at `path`, with an account of the tensors used and ignored.
    public static func importModel(path: String, options: ModelImportOptions = ModelImportOptions()) throws -> ImportedModel {
        if ONNXImporter.handles(path: path) { return try ONNXImporter.importModel(path: path, options: options) }
        return try importModel(from: try open(path: path), source: path, options: options)
    }

    /// The weights in the file at `path` as a safetensors file: safetensors itself, the tensors of a
    /// `torch.save` checkpoint or TorchScript archive, or of a Keras `.keras` archive, `.weights.h5` or
    /// Keras 2 `.h5` file; any other format is refused by name.
    public static func open(path: String) throws -> SafeTensors {
        let bytes = try FileBytes.read(path: path)
        if HDF5File.isHDF5(bytes) { return try KerasFile.fromHDF5(bytes, config: nil, source: path) }
        if ZipArchive.hasSignature(bytes.prefix(4)) {
            let archive = try ZipArchive(bytes: bytes, source: path)
            let kind = FileKind.of(zip: archive)
            switch kind {
            case .torchCheckpoint, .torchScript:
                return try TorchArchive(archive: archive, source: path).safeTensors(source: path)
            case .kerasArchive:
                return try KerasFile.safeTensors(archive: archive, source: path)
            default:
                throw FormatError("is \(kind.description), not model weights; \(kind.modelAdvice)", source: path)
            }
        }
        do {
            return try SafeTensors(bytes: bytes, source: path)
        } catch {
            let kind = FileKind.of(bytes: bytes)
            switch kind {
            case .unknown:
                // Told by the name: what a file named so should have been, not safetensors' complaint.
                if let expected = expectedFormat(path: path) { throw FormatError(expected, source: path) }
                throw error
            case .safetensors: throw error
            default: throw FormatError("is \(kind.description), not model weights; \(kind.modelAdvice)", source: path)
            }
        }
    }

    /// What a file with `path`'s extension should start with, said when it starts with something else
    /// (nil for `.safetensors` and names that promise no format: the safetensors reader's reason stands).
    static func expectedFormat(path: String) -> String? {
        let name = path.lowercased()
        if name.hasSuffix(".keras") {
            return "is not a Keras zip archive (a .keras file starts with the zip signature PK): the file is damaged or not a .keras file; save the model again with model.save(\"model.keras\")"
        }
        if name.hasSuffix(".h5") || name.hasSuffix(".hdf5") {
            return "is not an HDF5 file (an .h5 file starts with the HDF5 signature \\x89HDF): the file is damaged or not a Keras .h5 file; save the model again with model.save(\"model.h5\") or model.save_weights(\"model.weights.h5\")"
        }
        if name.hasSuffix(".pt") || name.hasSuffix(".pth") || name.hasSuffix(".ckpt") {
            return "is not a PyTorch zip archive (torch.save writes a zip file, starting with PK): the file is damaged or not a PyTorch checkpoint; save it again with torch.save(model.state_dict(), \"model.pt\") or as safetensors"
        }
        return nil
    }

    /// Every recurrent module in a parsed file, PyTorch ones first, each in file order.
    public static func modules(in file: SafeTensors, source: String = "model") throws -> [RecurrentModuleInfo] {
        let weights = WeightFile(file: file, source: source)
        return try pytorchPrefixes(in: weights).map { try describePyTorch(prefix: $0, in: weights) }
            + kerasStacks(in: weights).map(describeKeras)
    }

    /// The network in a parsed file.
    public static func importModel(from file: SafeTensors, source: String,
                                   options: ModelImportOptions = ModelImportOptions()) throws -> ImportedModel {
        let weights = WeightFile(file: file, source: source)
        let metadata = file.metadata
        let torchPrefixes = pytorchPrefixes(in: weights)
        let stacks = kerasStacks(in: weights)
        let modules = try torchPrefixes.map { try describePyTorch(prefix: $0, in: weights) } + stacks.map(describeKeras)
        guard !modules.isEmpty else {
            throw FormatError("holds no recurrent weights (no 'weight_hh_l0', 'weight_hh' or Keras 'recurrent_kernel' tensor among \(SafeTensors.listNames(file.names))); save an nn.LSTM/GRU/RNN model's state_dict()", source: source)
        }
        let choices = modules.map(\.summary).joined(separator: ", ")
        let chosen: RecurrentModuleInfo
        var kerasStack: [KerasUnit]? = nil
        if let wanted = options.prefix {
            let key = normalisedPrefix(wanted)
            if let index = modules.firstIndex(where: { $0.prefix == key }) {
                chosen = modules[index]
                if chosen.layout == .keras { kerasStack = stacks[index - torchPrefixes.count] }
            } else if let stack = stacks.first(where: { $0.contains { $0.name == key } }),
                      let unit = stack.first(where: { $0.name == key }) {
                kerasStack = [unit]
                chosen = describeKeras([unit])
            } else {
                throw FormatError("has no recurrent module '\(wanted)'; it holds \(choices); pick one with --prefix", source: source)
            }
        } else {
            guard modules.count == 1 else {
                throw FormatError("holds \(modules.count) recurrent modules: \(choices); pick one with --prefix", source: source)
            }
            chosen = modules[0]
            if chosen.layout == .keras { kerasStack = stacks[0] }
        }

        var options = options
        if let kerasStack, let config = weights.kerasConfig {
            if let reason = kerasStack.lazy.compactMap({ $0.config?.unsupportedReason }).first {
                throw FormatError(reason, source: source)
            }
            if let neighbours = kerasNeighbours(of: kerasStack, config: config, in: weights) {
                if options.head == nil { options.head = neighbours.head }
                if options.embedding == nil { options.embedding = neighbours.embedding }
            }
        }
        let configuredActivation = kerasStack?.first?.config?.recurrentLayer.activation
        let relu = options.nonlinearity == nil && configuredActivation != nil
            ? configuredActivation == "relu" : try useRelu(options: options, metadata: metadata, source: source)
        let resetAfter = metadata["reset_after"].map { $0.lowercased() != "false" } ?? true
        var layers: [[CellWeights]]
        if let kerasStack {
            layers = try loadKeras(kerasStack, in: weights, relu: relu, resetAfterDefault: resetAfter)
        } else {
            layers = try loadPyTorch(prefix: chosen.prefix, in: weights, relu: relu, resetAfter: resetAfter)
        }
        if let clip = metadata["clip"].flatMap(Float.init), clip > 0 {
            layers = layers.map { $0.map { if case .lstm(var w) = $0 { w.clip = clip; return .lstm(w) } else { return $0 } } }
        }
        if metadata["input_forget"] == "true" {
            layers = layers.map { $0.map { if case .lstm(var w) = $0 { w.couplesInputAndForget = true; return .lstm(w) } else { return $0 } } }
        }
        var info = chosen
        if relu, info.kind == .rnnTanh { info.kind = .rnnRelu }
        if options.nonlinearity == .relu, info.kind == .lstm || info.kind == .gru {
            throw FormatError("--nonlinearity relu is for plain RNNs (nn.RNN); \(info.prefix.isEmpty ? "the module" : info.prefix) is \(info.kind == .lstm ? "an" : "a") \(info.kind.displayName), whose activations are fixed; leave it out", source: source)
        }

        let outputWidth = layers.last!.reduce(0) { $0 + $1.outputSize }
        let vocabulary = try parseVocabulary(metadata["vocab"], source: source)
        var head = try findHead(in: weights, outputWidth: outputWidth, option: options.head, module: info)
        if let prefix = head.chosen?.prefix {
            head.chosen?.head.activation = try headActivation(prefix: prefix, in: weights, metadata: metadata)
        }
        let embedding = try findEmbedding(in: weights, inputSize: info.inputSize, option: options.embedding,
                                          vocabularySize: vocabulary?.count, exclude: head.chosen?.tensors ?? [])

        var networkMetadata = metadata
        networkMetadata["vocab"] = nil
        networkMetadata[KerasModelConfig.metadataKey] = nil
        if metadata["format"] == ModelExporter.formatName {
            for key in ["format", "format_version", "cell", "nonlinearity", "reset_after", "clip", "input_forget",
                        Self.headActivationKey] { networkMetadata[key] = nil }
        }
        let network = RecurrentNetwork(layers: layers, embedding: embedding?.matrix, head: head.chosen?.head,
                                       vocabulary: vocabulary, metadata: networkMetadata)
        do {
            try network.validate()
        } catch {
            throw FormatError("\(error.message); the weights do not fit together", source: source)
        }
        if let vocabulary, embedding == nil, vocabulary.count != network.inputSize {
            throw FormatError("its vocab has \(vocabulary.count) tokens but the model takes \(network.inputSize) one-hot features; fix the 'vocab' metadata", source: source)
        }
        let used = weights.names.filter { weights.used.contains($0) }.map(weights.original)
        let ignored = weights.names.filter { !weights.used.contains($0) }.map(weights.original)
        var imported = ImportedModel(network: network, module: info, modules: modules, headPrefix: head.chosen?.prefix,
                                     otherHeadCandidates: head.others, embeddingName: embedding?.name,
                                     usedTensors: used, ignoredTensors: ignored, fileMetadata: metadata)
        if kerasStack != nil, weights.kerasConfig == nil, metadata[Self.headActivationKey] == nil, let prefix = head.chosen?.prefix {
            imported.notes.append("note: these Keras weights come without the model's configuration, so what head '\(Escaped.text(prefix))' applies after its Dense (softmax, sigmoid, …) is unknown: its output is shown as logits; open the .keras file (model.save) to have it applied")
        }
        return imported
    }

    /// `encoder/lstm/` → `encoder.lstm`.
    static func normalisedPrefix(_ text: String) -> String {
        var key = WeightFile.normalise(text)
        while key.hasSuffix(".") { key.removeLast() }
        return key
    }

    /// The RNN nonlinearity: the option, else metadata `nonlinearity` (or gatescope's `cell`), else tanh.
    static func useRelu(options: ModelImportOptions, metadata: [String: String], source: String) throws -> Bool {
        if let choice = options.nonlinearity { return choice == .relu }
        if let text = metadata["nonlinearity"] {
            guard let value = RNNNonlinearity(rawValue: text.lowercased()) else {
                throw FormatError("metadata 'nonlinearity' is '\(text)'; use 'tanh' or 'relu'", source: source)
            }
            return value == .relu
        }
        return metadata["cell"] == CellKind.rnnRelu.rawValue
    }

    /// The `vocab` metadata: a JSON array of strings.
    static func parseVocabulary(_ text: String?, source: String) throws -> [String]? {
        guard let text else { return nil }
        return try parseStringArray(text, key: "vocab", source: source)
    }

    /// A metadata value that must be a JSON array of strings.
    static func parseStringArray(_ text: String, key: String, source: String) throws -> [String] {
        guard case .success(let value) = StrictJSONParser.parse(Array(text.utf8)), case .array(let items) = value else {
            throw FormatError("metadata '\(key)' is not a JSON array of strings; write it as json.dumps(list_of_\(key == "vocab" ? "tokens" : "strings"))", source: source)
        }
        return try items.map { item in
            guard case .string(let token) = item else {
                throw FormatError("metadata '\(key)' holds \(item.kindName), not a string; write it as json.dumps(list_of_\(key == "vocab" ? "tokens" : "strings"))", source: source)
            }
            return token
        }
    }
}

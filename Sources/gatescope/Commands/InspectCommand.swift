import GateCanvas
import ArgumentParser
import GateCore
import GateFormats

/// `gatescope inspect`: what a model or trace file holds.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show what a model or trace file holds: kind, sizes, layers, tensors, metadata.",
        discussion: "For a model, every tensor is marked used or ignored, so you can see what gatescope picked."
    )

    @Argument(help: "A model (.safetensors, torch.save .pt/.pth/.bin, TorchScript, .onnx) or a trace written by gatescope record.")
    var file: String

    @OptionGroup var options: ModelOptions

    func run() throws {
        try reportingErrors {
            if ONNXImporter.handles(path: file) { return try inspectONNX() }
            let mapped: MappedSafeTensors
            do {
                mapped = try MappedSafeTensors(path: file)
            } catch {
                // Not safetensors: a torch.save or TorchScript archive opens as a model, and other model-like
                // formats are refused by ModelImporter naming what they are; inputs and damaged safetensors
                // files keep the safetensors reader's own message.
                switch FileKind.of(path: file) {
                case .safetensors, .text, .npy, .unknown: throw error
                case let kind: return try inspectModel(container: kind.description)
                }
            }
            let metadata = mapped.metadata
            let looksLikeTrace = metadata["format"] == TraceFile.formatName
                || (metadata["format"] == nil && mapped.header.entry(named: "input") != nil
                    && mapped.names.contains { $0.hasPrefix("l0.") })
            if looksLikeTrace {
                if options.anyGiven {
                    throw UserError("\(file) is a trace, which already holds its run: drop --prefix, --head, --embedding, --nonlinearity and --vocab")
                }
                try inspectTrace(mapped)
            } else {
                try inspectModel(container: nil)
            }
        }
    }

    /// Prints a trace's layout and metadata (reading only the header).
    func inspectTrace(_ mapped: MappedSafeTensors) throws {
        let trace = try MappedTrace(path: file)
        let m = trace.metadata
        print("\(file): gatescope trace, format version \(m.formatVersion), \(RecordCommand.byteSize(of: file))")
        print("cell:        \(m.cell.rawValue) (\(m.cell.displayName))")
        print("steps:       \(m.steps)")
        print("layers:      \(m.layers), directions: \(m.directions)")
        print("sizes:       input \(m.inputSize), hidden \(m.hiddenSize), proj \(m.projectionSize == 0 ? "none" : String(m.projectionSize)), output \(trace.outputWidth.map(String.init) ?? "none (no head)")")
        if let model = m.model { print("model:       \(model)") }
        if let input = m.input { print("input:       \(input)") }
        if let tokens = trace.tokens { print("tokens:      \(tokens.count)") }
        if let vocabulary = m.vocabulary { print("vocab:       \(vocabulary.count) tokens") }
        for layer in trace.recordedLayers {
            print("\(layer.key):\(String(repeating: " ", count: max(1, 12 - layer.key.count)))\(layer.seriesNames.map { "\($0)[\(layer.seriesWidths[$0]!)]" }.joined(separator: " "))")
        }
        let layerKeys = Set(trace.recordedLayers.map { $0.key + "." })
        let isLayerTensor: (String) -> Bool = { name in layerKeys.contains { name.hasPrefix($0) } }
        let layerTensors = mapped.header.entries.filter { isLayerTensor($0.name) }
        Self.printTensors(mapped.header.entries.filter { !isLayerTensor($0.name) }.map { ($0.name, $0.dtype.rawValue, $0.shape, "") })
        let dtypes = Set(layerTensors.map(\.dtype.rawValue)).sorted().joined(separator: "/")
        print("  \(layerTensors.count) layer tensors (\(dtypes), [\(trace.steps), width], listed per layer above)")
        Self.printMetadata(mapped.metadata.filter { $0.key != "vocab" })
    }

    /// Prints a model's network, the tensors used and ignored, and its metadata; `container` names
    /// the file's format when it is not safetensors (a torch.save checkpoint, a TorchScript archive).
    func inspectModel(container: String?) throws {
        let file = try ModelImporter.open(path: self.file)
        if ConvLSTMImporter.isConvLSTM(file) {
            ConvLSTMDescription.lines(file: file, source: self.file).forEach { print($0) }
            return
        }
        let modules = try ModelImporter.modules(in: file, source: self.file)
        var importOptions = options.importOptions
        if options.prefix == nil, modules.count > 1 { importOptions.prefix = modules[0].prefix }
        let imported = try ModelImporter.importModel(from: file, source: self.file, options: importOptions)
        var network = imported.network
        try options.applyVocabulary(to: &network)
        let layout = imported.module.layout == .keras ? "Keras-layout weights" : "PyTorch weights"
        print("\(self.file): \(container.map { "\($0), " } ?? "")\(layout), \(file.names.count) tensors, \(RecordCommand.byteSize(of: self.file))")
        if modules.count > 1 {
            print("modules:     \(modules.map(\.summary).joined(separator: ", "))")
            print("showing:     \(imported.module.prefix) (pick another with --prefix)")
        } else {
            print("module:      \(imported.module.summary)")
        }
        print("network:     \(network.summary)")
        var resetNote = ""
        if case .gru(let w)? = network.layers.first?.first, !w.resetAfter { resetNote = ", reset_after=False: r applied before W_hn" }
        print("cell:        \(network.kind.rawValue) (\(network.kind.displayName)\(resetNote))\(network.kind == .rnnTanh && options.nonlinearity == nil && file.metadata["nonlinearity"] == nil && file.metadata["keras_config"] == nil ? " — assumed; use --nonlinearity relu if it was trained with relu" : "")")
        var projection = "none"
        if case .lstm(let w)? = network.layers.first?.first, let p = w.projection { projection = String(p.rows) }
        print("sizes:       input \(network.inputSize), hidden \(network.hiddenSize), layers \(network.layers.count), directions \(network.isBidirectional ? 2 : 1), proj \(projection)")
        if let head = network.head, let name = imported.headPrefix {
            let others = imported.otherHeadCandidates.isEmpty ? "" : " (also possible: \(imported.otherHeadCandidates.joined(separator: ", ")); choose with --head)"
            print("head:        \(name) (\(head.shapeDescription))\(others)")
        } else {
            print("head:        none")
        }
        if let embedding = network.embedding, let name = imported.embeddingName {
            print("embedding:   \(name) (\(embedding.rows)×\(embedding.columns))")
        } else {
            print("embedding:   none")
        }
        print("vocab:       \(network.vocabulary.map { "\($0.count) tokens" } ?? "none")")
        let used = Set(imported.usedTensors)
        Self.printTensors(file.header.entries.map { ($0.name, $0.dtype.rawValue, $0.shape, used.contains($0.name) ? "used" : "ignored") })
        Self.printMetadata(file.metadata.filter { $0.key != "vocab" && $0.key != "keras_config" })
    }

    /// One line per tensor: status, dtype, shape, name.
    static func printTensors(_ rows: [(name: String, dtype: String, shape: [Int], status: String)]) {
        print("tensors:")
        let shapes = rows.map { "[" + $0.shape.map(String.init).joined(separator: ", ") + "]" }
        let shapeWidth = shapes.map(\.count).max() ?? 0
        for (row, shape) in zip(rows, shapes) {
            let status = row.status.isEmpty ? "" : row.status.padding(8)
            print("  \(status)\(row.dtype.padding(5)) \(shape.padding(shapeWidth))  \(row.name)")
        }
    }

    /// The metadata, sorted by key, long values shortened.
    static func printMetadata(_ metadata: [String: String]) {
        guard !metadata.isEmpty else { return print("metadata:    none") }
        print("metadata:")
        for key in metadata.keys.sorted() {
            var value = TerminalText.escaped(metadata[key]!.split(whereSeparator: \.isNewline).joined(separator: " "))
            if value.count > 100 { value = String(value.prefix(97)) + "…" }
            print("  \(TerminalText.escaped(key)) = \(value)")
        }
    }
}

extension String {
    /// The string padded with spaces to `width` characters.
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}

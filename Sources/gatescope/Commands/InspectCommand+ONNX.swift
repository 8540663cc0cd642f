import GateCanvas
import GateCore
import GateFormats

extension InspectCommand {
    /// Prints an ONNX model's recurrent modules, the network gatescope builds, and its initializers.
    func inspectONNX() throws {
        let bytes = try FileBytes.read(path: file)
        let model = try ONNXModel(bytes: bytes, source: file)
        let imported = try ONNXImporter.importModel(model, source: file, options: options.importOptions)
        let modules = imported.modules
        var network = imported.network
        try options.applyVocabulary(to: &network)
        let opset = model.opsetVersion.map { ", opset \($0)" } ?? ""
        print("\(file): ONNX model (ir_version \(model.irVersion)\(opset)\(model.producerName.isEmpty ? "" : ", from \(model.producerName)")), \(model.graph.nodes.count) nodes, \(RecordCommand.byteSize(of: file))")
        if modules.count > 1 {
            print("modules:     \(modules.map(\.summary).joined(separator: ", "))")
            print("showing:     \(imported.module.prefix) (pick another with --node NAME)")
        } else {
            print("module:      \(imported.module.summary)")
        }
        let chosen = Set(imported.module.layerPrefixes)
        let all = modules.flatMap { module in module.layerPrefixes.map { "\($0) (\(module.familyName))\(chosen.contains($0) ? " *" : "")" } }
        print("nodes:       \(all.joined(separator: ", "))\(modules.count > 1 ? "   (* = shown)" : "")")
        print("network:     \(network.summary)")
        var options2: [String] = []
        if case .lstm(let w)? = network.layers.first?.first {
            if let clip = w.clip { options2.append("clip \(clip)") }
            if w.couplesInputAndForget { options2.append("input_forget") }
        }
        if case .gru(let w)? = network.layers.first?.first, !w.resetAfter { options2.append("linear_before_reset=0: r applied before R_h") }
        print("cell:        \(network.kind.rawValue) (\(network.kind.displayName))\(options2.isEmpty ? "" : ", " + options2.joined(separator: ", "))")
        print("sizes:       input \(network.inputSize), hidden \(network.hiddenSize), layers \(network.layers.count), directions \(network.isBidirectional ? 2 : 1)")
        print("embedding:   \(imported.embeddingName.map { "Gather node '\($0)'" } ?? "none")")
        print("head:        \(imported.headPrefix.map { "node '\($0)' (\(network.head!.shapeDescription))" } ?? "none")")
        if let vocabulary = network.vocabulary { print("vocab:       \(vocabulary.count) tokens") }
        if network.readsBackward { print("direction:   reverse (reads the sequence from its end)") }
        if network.initialStates != nil { print("state:       starts from the constant initial_h/initial_c in the file") }
        for note in imported.notes { print(note) }
        let used = Set(imported.usedTensors)
        Self.printTensors(model.graph.initializers.map { tensor in
            let dtype = ONNXTensor.DataType(rawValue: tensor.dataType).map { "\($0)" } ?? "?"
            return (tensor.name, dtype, tensor.dims, used.contains(tensor.name) ? "used" : "ignored")
        })
        Self.printMetadata(imported.fileMetadata)
    }
}

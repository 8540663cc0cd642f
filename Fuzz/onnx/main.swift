// libFuzzer target: the ONNX protobuf decoder and importer. Any input must either decode or throw
// FormatError; a decoded model's tensors convert or throw; an imported network validates and runs.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzONNX(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let source = "fuzz.onnx"
    guard let model = try? ONNXModel(bytes: bytes, source: source) else { return 0 }
    for tensor in model.graph.initializers {
        if let values = try? tensor.floats(source: source) {
            precondition(values.count == tensor.elementCount, "floats() returned the wrong count")
        }
    }
    let modules = (try? ONNXImporter.modules(in: model, source: source)) ?? []
    var prefixes: [String?] = [nil, "no-such-node"]
    prefixes += modules.map(\.prefix)
    for prefix in prefixes {
        guard let imported = try? ONNXImporter.importModel(model, source: source,
                                                           options: ModelImportOptions(prefix: prefix)) else { continue }
        let network = imported.network
        precondition((try? network.validate()) != nil, "an imported network does not validate")
        // Run two steps when the network is small enough to run quickly.
        let width = network.inputSize
        if width <= 256, network.hiddenSize <= 256 {
            let input = Matrix(rows: 2, columns: width, values: [Float](repeating: 0.5, count: 2 * width))
            guard let trace = try? network.run(input) else { fatalError("a validated network did not run") }
            precondition(trace.steps == 2, "the trace has \(trace.steps) steps, not 2")
        }
    }
    return 0
}

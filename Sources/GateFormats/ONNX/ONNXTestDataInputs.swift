/// Values for a model's graph inputs from ONNX's test-data layout: `test_data_set_0/input_J.pb` (one
/// serialized TensorProto for graph input J) beside `model.onnx`, as ONNX's own operator tests
/// (`onnx/backend/test/data/node/test_lstm_defaults/`) keep the weights they feed as inputs.
enum ONNXTestDataInputs {
    /// The largest input file read (64 MB).
    static let largestFile = 64 << 20

    /// Graph input name → its tensor, for every `input_J.pb` that exists beside the model at `modelPath`.
    static func load(for graph: ONNXGraph, external: ONNXExternalData) throws -> [String: ONNXTensor] {
        guard let directory = external.directory else { return [:] }
        let dataSet = directory + "/test_data_set_0"
        var result: [String: ONNXTensor] = [:]
        for (position, name) in graph.inputs.enumerated() {
            let path = dataSet + "/input_\(position).pb"
            guard let bytes = try? FileBytes.read(path: path, offset: 0, length: nil) else { continue }
            guard bytes.count <= largestFile else {
                throw FormatError("is \(bytes.count) bytes, more than gatescope reads for a test input (\(largestFile))", source: path)
            }
            let reader = try ProtobufReader(bytes: bytes, source: path)
            var tensor = try ONNXTensor(reader: reader)
            tensor.name = name
            guard !tensor.isExternal else { continue }
            result[name] = tensor
        }
        return result
    }
}

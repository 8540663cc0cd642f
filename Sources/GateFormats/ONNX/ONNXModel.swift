/// An ONNX `ModelProto`, decoded only as far as gatescope needs: the graph and version facts.
public struct ONNXModel: Sendable, Equatable {
    /// `ir_version`.
    public var irVersion: Int64
    /// `producer_name` (e.g. "pytorch").
    public var producerName: String
    /// The default-domain opset version, when declared.
    public var opsetVersion: Int64?
    /// The main graph.
    public var graph: ONNXGraph

    /// Decodes a serialized `ModelProto`. Garbage, truncation and foreign files give a ``FormatError``.
    public init(bytes: [UInt8], source: String?) throws {
        var reader = try ProtobufReader(bytes: bytes, source: source)
        var graph: ONNXGraph? = nil
        irVersion = 0
        producerName = ""
        while let field = try reader.next() {
            switch field.number {
            case 1: irVersion = try reader.integer(field.value, field: "ir_version")
            case 2: producerName = reader.string(try reader.range(field.value, field: "producer_name"))
            case 7: graph = try ONNXGraph(reader: reader.nested(try reader.range(field.value, field: "graph")))
            case 8:
                var opset = try reader.nested(try reader.range(field.value, field: "opset_import"))
                var domain = "", version: Int64? = nil
                while let f = try opset.next() {
                    if f.number == 1 { domain = opset.string(try opset.range(f.value, field: "domain")) }
                    if f.number == 2 { version = try opset.integer(f.value, field: "version") }
                }
                if domain.isEmpty || domain == "ai.onnx" { opsetVersion = version }
            default: break
            }
        }
        guard let graph, irVersion > 0 else {
            throw FormatError("is not an ONNX model (no ir_version or graph); export one with torch.onnx.export or onnx.save", source: source)
        }
        self.graph = graph
    }
}

/// An ONNX `GraphProto`: nodes in topological order, initializers, and the graph's inputs and outputs.
public struct ONNXGraph: Sendable, Equatable {
    /// The graph's name.
    public var name: String
    /// The nodes, in the order the file lists them (topological by the ONNX rules).
    public var nodes: [ONNXNode]
    /// Constant tensors (weights).
    public var initializers: [ONNXTensor]
    /// Names of the graph inputs.
    public var inputs: [String]
    /// Names of the graph outputs.
    public var outputs: [String]

    /// Decodes a `GraphProto` from `reader`.
    init(reader: ProtobufReader) throws {
        var reader = reader
        name = ""; nodes = []; initializers = []; inputs = []; outputs = []
        while let field = try reader.next() {
            switch field.number {
            case 1: nodes.append(try ONNXNode(reader: reader.nested(try reader.range(field.value, field: "node"))))
            case 2: name = reader.string(try reader.range(field.value, field: "name"))
            case 5: initializers.append(try ONNXTensor(reader: reader.nested(try reader.range(field.value, field: "initializer"))))
            case 11: inputs.append(try Self.valueName(reader.nested(try reader.range(field.value, field: "input"))))
            case 12: outputs.append(try Self.valueName(reader.nested(try reader.range(field.value, field: "output"))))
            default: break
            }
        }
    }

    /// The `name` of a `ValueInfoProto`.
    private static func valueName(_ reader: ProtobufReader) throws -> String {
        var reader = reader
        var name = ""
        while let field = try reader.next() {
            if field.number == 1 { name = reader.string(try reader.range(field.value, field: "name")) }
        }
        return name
    }

    /// Every constant by name: initializers and the `value` tensors of `Constant` nodes.
    public var constants: [String: ONNXTensor] {
        var result: [String: ONNXTensor] = [:]
        for tensor in initializers { result[tensor.name] = tensor }
        for node in nodes where node.opType == "Constant" {
            if let output = node.outputs.first, let tensor = node.attribute("value")?.tensor { result[output] = tensor }
        }
        return result
    }
}

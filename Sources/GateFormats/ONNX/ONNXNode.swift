/// An ONNX `NodeProto`: one operator application in the graph.
public struct ONNXNode: Sendable, Equatable {
    /// The node's name (may be empty).
    public var name: String
    /// The operator (`LSTM`, `GRU`, `RNN`, `Constant`, …).
    public var opType: String
    /// The operator's domain ("" for the default ONNX domain).
    public var domain: String
    /// Input value names; "" marks an omitted optional input.
    public var inputs: [String]
    /// Output value names.
    public var outputs: [String]
    /// The attributes.
    public var attributes: [ONNXAttribute]

    /// The attribute named `name`, if present.
    public func attribute(_ name: String) -> ONNXAttribute? {
        attributes.first { $0.name == name }
    }

    /// Input `index`, or nil when absent or empty.
    public func input(_ index: Int) -> String? {
        index < inputs.count && !inputs[index].isEmpty ? inputs[index] : nil
    }

    /// Decodes a `NodeProto` from `reader`.
    init(reader: ProtobufReader) throws {
        var reader = reader
        name = ""; opType = ""; domain = ""
        inputs = []; outputs = []; attributes = []
        while let field = try reader.next() {
            switch field.number {
            case 1: inputs.append(reader.string(try reader.range(field.value, field: "input")))
            case 2: outputs.append(reader.string(try reader.range(field.value, field: "output")))
            case 3: name = reader.string(try reader.range(field.value, field: "name"))
            case 4: opType = reader.string(try reader.range(field.value, field: "op_type"))
            case 5: attributes.append(try ONNXAttribute(reader: reader.nested(try reader.range(field.value, field: "attribute"))))
            case 7: domain = reader.string(try reader.range(field.value, field: "domain"))
            default: break
            }
        }
    }
}

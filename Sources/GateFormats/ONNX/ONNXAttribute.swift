/// An ONNX `AttributeProto`: a named option of a node (`hidden_size`, `direction`, `clip`, …).
public struct ONNXAttribute: Sendable, Equatable {
    /// The attribute's name.
    public var name: String
    /// `f`.
    public var float: Float?
    /// `i`.
    public var int: Int64?
    /// `s` (decoded as UTF-8).
    public var string: String?
    /// `t`.
    public var tensor: ONNXTensor?
    /// `floats`.
    public var floats: [Float] = []
    /// `ints`.
    public var ints: [Int64] = []
    /// `strings` (decoded as UTF-8).
    public var strings: [String] = []
    /// `g` and `graphs`: the subgraphs of control-flow operators (`If` branches, `Loop` and `Scan` bodies).
    public var graphs: [ONNXGraph] = []

    /// Decodes an `AttributeProto` from `reader`.
    init(reader: ProtobufReader) throws {
        var reader = reader
        name = ""
        while let field = try reader.next() {
            switch field.number {
            case 1: name = reader.string(try reader.range(field.value, field: "name"))
            case 2:
                guard case .fixed32(let bits) = field.value else { throw FormatError("attribute field 'f' has the wrong wire type; the file is corrupt", source: reader.source) }
                float = Float(bitPattern: bits)
            case 3: int = try reader.integer(field.value, field: "i")
            case 4: string = reader.string(try reader.range(field.value, field: "s"))
            case 5: tensor = try ONNXTensor(reader: reader.nested(try reader.range(field.value, field: "t")))
            case 7: floats += try reader.floats(field.value)
            case 8: ints += try reader.integers(field.value)
            case 6: graphs.append(try ONNXGraph(reader: reader.nested(try reader.range(field.value, field: "g"))))
            case 9: strings.append(reader.string(try reader.range(field.value, field: "strings")))
            case 11: graphs.append(try ONNXGraph(reader: reader.nested(try reader.range(field.value, field: "graphs"))))
            default: break
            }
        }
    }
}

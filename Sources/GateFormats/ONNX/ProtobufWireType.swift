/// The wire types of the protobuf encoding (the low three bits of a field key).
enum ProtobufWireType: UInt8, Sendable {
    /// A base-128 varint (int32, int64, uint*, bool, enum).
    case varint = 0
    /// Eight little-endian bytes (fixed64, double).
    case fixed64 = 1
    /// A varint length, then that many bytes (string, bytes, messages, packed repeated fields).
    case lengthDelimited = 2
    /// Deprecated group start; refused.
    case startGroup = 3
    /// Deprecated group end; refused.
    case endGroup = 4
    /// Four little-endian bytes (fixed32, float).
    case fixed32 = 5
}

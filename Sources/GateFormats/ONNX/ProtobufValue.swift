/// A field's value in wire form; interpretation (signedness, message type) is up to the caller.
enum ProtobufValue: Sendable {
    /// A varint.
    case varint(UInt64)
    /// Eight bytes.
    case fixed64(UInt64)
    /// Four bytes.
    case fixed32(UInt32)
    /// A byte range inside the buffer being decoded (a string, bytes, a message or a packed array).
    case bytes(Range<Int>)
}

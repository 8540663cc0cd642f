/// One field read from a protobuf message: its number and its value in wire form.
struct ProtobufField: Sendable {
    /// The field number from the message definition.
    let number: Int
    /// The value as it appears on the wire.
    let value: ProtobufValue
}

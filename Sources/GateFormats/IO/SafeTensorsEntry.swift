/// One tensor's header entry in a safetensors file: where its bytes lie and how to read them.
public struct SafeTensorsEntry: Equatable, Sendable {
    /// The tensor's name (the header key).
    public let name: String
    /// The element type.
    public let dtype: TensorDType
    /// Dimensions in C order.
    public let shape: [Int]
    /// Byte range of the data, relative to the start of the data section (`data_offsets`).
    public let dataRange: Range<Int>

    /// Number of elements (the product of `shape`).
    public var elementCount: Int { shape.reduce(1, *) }
}

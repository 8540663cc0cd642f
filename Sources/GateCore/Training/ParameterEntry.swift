/// One tensor's place in a `ParameterLayout`'s flat vector.
public struct ParameterEntry: Sendable, Equatable {
    /// PyTorch name, e.g. `rnn.weight_ih_l0`.
    public var name: String
    /// Shape in C order: (rows, columns) or (count).
    public var shape: [Int]
    /// First index in the flat vector.
    public var offset: Int
    /// Number of values.
    public var count: Int { shape.reduce(1, *) }
    /// The range in the flat vector.
    public var range: Range<Int> { offset..<(offset + count) }
}

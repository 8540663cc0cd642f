import GateCore

/// Choices the importer cannot make from the weights alone.
public struct ModelImportOptions: Sendable, Equatable {
    /// The recurrent module to use when the file holds several (`encoder`, `model.rnn`, `lstm`);
    /// `""` picks weights stored without a prefix. Nil: the only module in the file.
    public var prefix: String?
    /// The linear head's prefix (`fc`, `decoder`, `dense`); `"none"` for no head; nil: found by shape
    /// and name (see docs/formats.md).
    public var head: String?
    /// The embedding's tensor prefix (`embed`); `"none"` for no embedding; nil: found by shape and name.
    public var embedding: String?
    /// For vanilla RNNs: tanh or relu. Nil: the file's `nonlinearity` metadata, else tanh.
    public var nonlinearity: RNNNonlinearity?

    /// Options; every choice defaults to automatic.
    public init(prefix: String? = nil, head: String? = nil, embedding: String? = nil,
                nonlinearity: RNNNonlinearity? = nil) {
        self.prefix = prefix
        self.head = head
        self.embedding = embedding
        self.nonlinearity = nonlinearity
    }
}

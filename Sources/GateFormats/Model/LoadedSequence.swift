import GateCore

/// An input sequence ready for a network.
public struct LoadedSequence: Sendable, Equatable {
    /// T × X: what the bottom layer reads (embedded vectors for token input).
    public var input: Matrix
    /// Token ids, for text input or a column of ids fed through an embedding.
    public var tokens: [Int]?
    /// Where it came from, for the trace's `input` metadata (`data/x.csv`, `text:((()`).
    public var source: String

    /// A sequence from its parts.
    public init(input: Matrix, tokens: [Int]? = nil, source: String) {
        self.input = input
        self.tokens = tokens
        self.source = source
    }
}

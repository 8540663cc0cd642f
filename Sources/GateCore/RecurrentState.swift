/// The state a layer carries between steps: h (and c for an LSTM). Zeros at the start of a sequence.
public struct RecurrentState: Sendable, Equatable {
    /// The hidden state h (P values for a projected LSTM, else H).
    public var hidden: [Float]
    /// The LSTM cell state c (H values); empty for GRU and RNN.
    public var cell: [Float]

    /// A state from its parts.
    public init(hidden: [Float], cell: [Float] = []) {
        self.hidden = hidden
        self.cell = cell
    }

    /// The zero state for a layer with these weights.
    public static func zero(for weights: CellWeights) -> RecurrentState {
        switch weights {
        case .lstm(let w):
            RecurrentState(hidden: [Float](repeating: 0, count: w.outputSize),
                           cell: [Float](repeating: 0, count: w.hiddenSize))
        case .gru(let w): RecurrentState(hidden: [Float](repeating: 0, count: w.hiddenSize))
        case .rnn(let w): RecurrentState(hidden: [Float](repeating: 0, count: w.hiddenSize))
        }
    }
}

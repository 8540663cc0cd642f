/// The weights of one layer in one direction, for any cell kind.
public enum CellWeights: Sendable, Equatable {
    case lstm(LSTMWeights)
    case gru(GRUWeights)
    case rnn(RNNWeights)

    /// The cell family.
    public var kind: CellKind {
        switch self {
        case .lstm: .lstm
        case .gru: .gru
        case .rnn(let weights): weights.usesRelu ? .rnnRelu : .rnnTanh
        }
    }

    /// Input features X this layer expects.
    public var inputSize: Int {
        switch self {
        case .lstm(let w): w.inputSize
        case .gru(let w): w.inputSize
        case .rnn(let w): w.inputSize
        }
    }

    /// Hidden units H (the width of the gates and, for LSTM, of the cell).
    public var hiddenSize: Int {
        switch self {
        case .lstm(let w): w.hiddenSize
        case .gru(let w): w.hiddenSize
        case .rnn(let w): w.hiddenSize
        }
    }

    /// Width of the emitted hidden state (P for a projected LSTM, else H).
    public var outputSize: Int {
        switch self {
        case .lstm(let w): w.outputSize
        case .gru(let w): w.hiddenSize
        case .rnn(let w): w.hiddenSize
        }
    }

    /// Checks the shapes of every tensor.
    public func validate() throws(ShapeError) {
        switch self {
        case .lstm(let w): try w.validate()
        case .gru(let w): try w.validate()
        case .rnn(let w): try w.validate()
        }
    }
}

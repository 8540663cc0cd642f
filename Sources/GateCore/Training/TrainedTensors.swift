/// The four tensors training updates in every recurrent layer, under PyTorch's names `weight_ih`,
/// `weight_hh`, `bias_ih` and `bias_hh`: one definition of their flat order for every cell kind.
protocol TrainedTensors {
    /// `weight_ih` (G·H × X).
    var inputWeights: Matrix { get set }
    /// `weight_hh` (G·H × H).
    var recurrentWeights: Matrix { get set }
    /// `bias_ih` (G·H).
    var inputBias: [Float] { get set }
    /// `bias_hh` (G·H).
    var recurrentBias: [Float] { get set }
}

extension LSTMWeights: TrainedTensors {}
extension GRUWeights: TrainedTensors {}
extension RNNWeights: TrainedTensors {}

extension TrainedTensors {
    /// The four tensors' values end to end, in layout order.
    var trainedValues: [Float] { inputWeights.values + recurrentWeights.values + inputBias + recurrentBias }

    /// Replaces the four tensors' values with the next ones from `flat`, starting at `cursor`.
    mutating func assignTrained(from flat: [Float], cursor: inout Int) {
        func take(_ n: Int) -> [Float] {
            defer { cursor += n }
            return Array(flat[cursor..<(cursor + n)])
        }
        inputWeights.values = take(inputWeights.values.count)
        recurrentWeights.values = take(recurrentWeights.values.count)
        inputBias = take(inputBias.count)
        recurrentBias = take(recurrentBias.count)
    }
}

extension CellWeights {
    /// The layer's trained tensors, whatever its cell.
    var trained: any TrainedTensors {
        switch self {
        case .lstm(let w): w
        case .gru(let w): w
        case .rnn(let w): w
        }
    }

    /// Replaces the layer's trained tensors with the next values from `flat`, starting at `cursor`.
    mutating func assignTrained(from flat: [Float], cursor: inout Int) {
        switch self {
        case .lstm(var w): w.assignTrained(from: flat, cursor: &cursor); self = .lstm(w)
        case .gru(var w): w.assignTrained(from: flat, cursor: &cursor); self = .gru(w)
        case .rnn(var w): w.assignTrained(from: flat, cursor: &cursor); self = .rnn(w)
        }
    }
}

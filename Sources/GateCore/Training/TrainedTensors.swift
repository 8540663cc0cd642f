/// The four tensors training changes in every cell kind (PyTorch's `weight_ih`, `weight_hh`,
/// `bias_ih`, `bias_hh`), so flattening and assigning them is written once for LSTM, GRU and RNN.
protocol TrainedTensors {
    /// Input weights.
    var inputWeights: Matrix { get set }
    /// Recurrent weights.
    var recurrentWeights: Matrix { get set }
    /// Input bias.
    var inputBias: [Float] { get set }
    /// Recurrent bias.
    var recurrentBias: [Float] { get set }
}

extension TrainedTensors {
    /// The four tensors end to end, in ParameterLayout order.
    var trainedValues: [Float] { inputWeights.values + recurrentWeights.values + inputBias + recurrentBias }

    /// Replaces the four tensors, in ParameterLayout order, with values `take(count)` hands out.
    mutating func assignTrained(_ take: (Int) -> [Float]) {
        inputWeights.values = take(inputWeights.values.count)
        recurrentWeights.values = take(recurrentWeights.values.count)
        inputBias = take(inputBias.count)
        recurrentBias = take(recurrentBias.count)
    }
}

extension LSTMWeights: TrainedTensors {}
extension GRUWeights: TrainedTensors {}
extension RNNWeights: TrainedTensors {}

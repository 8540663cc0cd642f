/// The parameters of one Elman RNN layer in one direction (PyTorch `nn.RNN`).
public struct RNNWeights: Sendable, Equatable {
    /// `weight_ih`: H × X.
    public var inputWeights: Matrix
    /// `weight_hh`: H × H.
    public var recurrentWeights: Matrix
    /// `bias_ih`: H.
    public var inputBias: [Float]
    /// `bias_hh`: H.
    public var recurrentBias: [Float]
    /// `tanh` (PyTorch's default) or `relu`.
    public var usesRelu: Bool

    /// Number of hidden units H.
    public var hiddenSize: Int { inputWeights.rows }
    /// Input features X.
    public var inputSize: Int { inputWeights.columns }

    /// Weights with every part given; missing biases are zeros.
    public init(inputWeights: Matrix, recurrentWeights: Matrix, inputBias: [Float]? = nil,
                recurrentBias: [Float]? = nil, usesRelu: Bool = false) {
        self.inputWeights = inputWeights
        self.recurrentWeights = recurrentWeights
        self.inputBias = inputBias ?? [Float](repeating: 0, count: inputWeights.rows)
        self.recurrentBias = recurrentBias ?? [Float](repeating: 0, count: inputWeights.rows)
        self.usesRelu = usesRelu
    }

    /// Checks that every shape agrees.
    public func validate() throws(ShapeError) {
        let h = inputWeights.rows
        guard h > 0, recurrentWeights.rows == h, recurrentWeights.columns == h else {
            throw ShapeError("RNN weight_hh is \(recurrentWeights.rows)×\(recurrentWeights.columns); expected \(h)×\(h)")
        }
        guard inputBias.count == h, recurrentBias.count == h else {
            throw ShapeError("RNN biases have \(inputBias.count) and \(recurrentBias.count) values; expected \(h)")
        }
    }
}

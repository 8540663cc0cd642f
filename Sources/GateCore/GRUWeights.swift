/// The parameters of one GRU layer in one direction, in PyTorch's layout (gate rows r, z, n).
public struct GRUWeights: Sendable, Equatable {
    /// `weight_ih`: 3H × X.
    public var inputWeights: Matrix
    /// `weight_hh`: 3H × H.
    public var recurrentWeights: Matrix
    /// `bias_ih`: 3H.
    public var inputBias: [Float]
    /// `bias_hh`: 3H.
    public var recurrentBias: [Float]
    /// PyTorch (and Keras `reset_after=True`) apply r after W_hn h + b_hn; Keras `reset_after=False`
    /// applies it before: n = tanh(W_in x + b_in + W_hn (r ⊙ h) + b_hn).
    public var resetAfter: Bool

    /// Number of hidden units H.
    public var hiddenSize: Int { inputWeights.rows / 3 }
    /// Input features X.
    public var inputSize: Int { inputWeights.columns }

    /// Weights with every part given; missing biases are zeros.
    public init(inputWeights: Matrix, recurrentWeights: Matrix, inputBias: [Float]? = nil,
                recurrentBias: [Float]? = nil, resetAfter: Bool = true) {
        self.inputWeights = inputWeights
        self.recurrentWeights = recurrentWeights
        self.inputBias = inputBias ?? [Float](repeating: 0, count: inputWeights.rows)
        self.recurrentBias = recurrentBias ?? [Float](repeating: 0, count: inputWeights.rows)
        self.resetAfter = resetAfter
    }

    /// Checks that every shape agrees.
    public func validate() throws(ShapeError) {
        let h = inputWeights.rows / 3
        guard inputWeights.rows % 3 == 0, h > 0 else {
            throw ShapeError("GRU weight_ih has \(inputWeights.rows) rows; expected 3×hidden_size")
        }
        guard recurrentWeights.rows == 3 * h, recurrentWeights.columns == h else {
            throw ShapeError("GRU weight_hh is \(recurrentWeights.rows)×\(recurrentWeights.columns); expected \(3 * h)×\(h)")
        }
        guard inputBias.count == 3 * h, recurrentBias.count == 3 * h else {
            throw ShapeError("GRU biases have \(inputBias.count) and \(recurrentBias.count) values; expected \(3 * h)")
        }
    }
}

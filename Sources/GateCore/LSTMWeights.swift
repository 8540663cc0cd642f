/// The parameters of one LSTM layer in one direction, in PyTorch's layout (gate rows i, f, g, o).
public struct LSTMWeights: Sendable, Equatable {
    /// `weight_ih`: 4H × X.
    public var inputWeights: Matrix
    /// `weight_hh`: 4H × R, where R is the projection size when there is one, else H.
    public var recurrentWeights: Matrix
    /// `bias_ih`: 4H (zeros when the model has no bias).
    public var inputBias: [Float]
    /// `bias_hh`: 4H (zeros when the model has no bias).
    public var recurrentBias: [Float]
    /// Peephole weights as in ONNX, rows i, f, o (3 × H); i and f see c_{t−1}, o sees c_t.
    public var peepholes: Matrix?
    /// `weight_hr`: P × H, present when the layer has `proj_size` > 0.
    public var projection: Matrix?
    /// ONNX `clip`: pre-activations are clipped to [−clip, clip] before σ and tanh.
    public var clip: Float?
    /// ONNX `input_forget`: couple the forget gate to the input gate, f = 1 − i.
    public var couplesInputAndForget: Bool

    /// Number of hidden units H.
    public var hiddenSize: Int { inputWeights.rows / 4 }
    /// Input features X.
    public var inputSize: Int { inputWeights.columns }
    /// Width of the hidden state this layer emits: P with a projection, else H.
    public var outputSize: Int { projection?.rows ?? hiddenSize }

    /// Weights with every part given; shapes are checked by `validate()`.
    public init(inputWeights: Matrix, recurrentWeights: Matrix, inputBias: [Float]? = nil,
                recurrentBias: [Float]? = nil, peepholes: Matrix? = nil, projection: Matrix? = nil,
                clip: Float? = nil, couplesInputAndForget: Bool = false) {
        self.inputWeights = inputWeights
        self.recurrentWeights = recurrentWeights
        self.inputBias = inputBias ?? [Float](repeating: 0, count: inputWeights.rows)
        self.recurrentBias = recurrentBias ?? [Float](repeating: 0, count: inputWeights.rows)
        self.peepholes = peepholes
        self.projection = projection
        self.clip = clip
        self.couplesInputAndForget = couplesInputAndForget
    }

    /// Checks that every shape agrees; the error says which tensor is off and what was expected.
    public func validate() throws(ShapeError) {
        let h = inputWeights.rows / 4
        guard inputWeights.rows % 4 == 0, h > 0 else {
            throw ShapeError("LSTM weight_ih has \(inputWeights.rows) rows; expected 4×hidden_size")
        }
        let r = projection?.rows ?? h
        guard recurrentWeights.rows == 4 * h, recurrentWeights.columns == r else {
            throw ShapeError("LSTM weight_hh is \(recurrentWeights.rows)×\(recurrentWeights.columns); expected \(4 * h)×\(r)")
        }
        guard inputBias.count == 4 * h, recurrentBias.count == 4 * h else {
            throw ShapeError("LSTM biases have \(inputBias.count) and \(recurrentBias.count) values; expected \(4 * h)")
        }
        if let peepholes, peepholes.rows != 3 || peepholes.columns != h {
            throw ShapeError("LSTM peepholes are \(peepholes.rows)×\(peepholes.columns); expected 3×\(h)")
        }
        if let projection, projection.columns != h || projection.rows == 0 {
            throw ShapeError("LSTM weight_hr is \(projection.rows)×\(projection.columns); expected P×\(h)")
        }
    }
}

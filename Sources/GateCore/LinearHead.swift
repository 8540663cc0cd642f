/// A read-out after the top recurrent layer: y = f(W h + b), with f linear (PyTorch `nn.Linear`) or the
/// activation of a Keras `Dense(activation=…)` (or an ONNX `Softmax`/`Sigmoid` after the head).
public struct LinearHead: Sendable, Equatable {
    /// O × I.
    public var weights: Matrix
    /// O values.
    public var bias: [Float]
    /// What is applied to W h + b; `.linear` gives the logits themselves.
    public var activation: HeadActivation

    /// A head; `bias` defaults to zeros, `activation` to none (logits).
    public init(weights: Matrix, bias: [Float]? = nil, activation: HeadActivation = .linear) {
        self.weights = weights
        self.bias = bias ?? [Float](repeating: 0, count: weights.rows)
        self.activation = activation
    }

    /// Output size O.
    public var outputSize: Int { weights.rows }
    /// Input size I.
    public var inputSize: Int { weights.columns }

    /// The model's output for every row of `states` (T × I): f(W h + b), T × O.
    public func apply(to states: Matrix) -> Matrix {
        var output = logits(of: states)
        activation.apply(to: &output)
        return output
    }

    /// W h + b for every row of `states` (T × I), before the activation: what training and gradients use.
    public func logits(of states: Matrix) -> Matrix {
        Kernels.projectSequence(weights: weights, bias: bias, inputs: states)
    }

    /// "16→3", with the activation when there is one: "16→3 softmax".
    public var shapeDescription: String {
        "\(inputSize)→\(outputSize)" + (activation == .linear ? "" : " \(activation.rawValue)")
    }
}

/// A linear read-out after the top recurrent layer (PyTorch `nn.Linear`): y = W h + b.
public struct LinearHead: Sendable, Equatable {
    /// O × I.
    public var weights: Matrix
    /// O values.
    public var bias: [Float]

    /// A head; `bias` defaults to zeros.
    public init(weights: Matrix, bias: [Float]? = nil) {
        self.weights = weights
        self.bias = bias ?? [Float](repeating: 0, count: weights.rows)
    }

    /// Output size O.
    public var outputSize: Int { weights.rows }
    /// Input size I.
    public var inputSize: Int { weights.columns }

    /// Applies the head to every row of `states` (T × I) giving T × O.
    public func apply(to states: Matrix) -> Matrix {
        Kernels.projectSequence(weights: weights, bias: bias, inputs: states)
    }
}

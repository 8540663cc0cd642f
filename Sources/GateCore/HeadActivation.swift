/// The function a head applies to its linear output at every step, as a Keras `Dense(activation=…)` or an
/// ONNX `Softmax`/`Sigmoid` node after the head does: what the model itself gives as its output.
public enum HeadActivation: String, Sendable, Equatable, CaseIterable {
    /// None: the head's output is its logits (PyTorch `nn.Linear`, Keras `activation=None`/`"linear"`).
    case linear
    /// Softmax over the outputs of one step: probabilities summing to 1.
    case softmax
    /// The logistic sigmoid of each output.
    case sigmoid
    /// The hyperbolic tangent of each output.
    case tanh
    /// max(0, x) of each output.
    case relu

    /// The activation a name gives (`"softmax"`, `"linear"`, also Keras's `None` spelt `"none"`), or nil.
    public init?(name: String) {
        let lowered = name.lowercased()
        if lowered == "none" { self = .linear; return }
        self.init(rawValue: lowered)
    }

    /// The names gatescope applies, for error messages: "linear, softmax, sigmoid, tanh or relu".
    public static var namesList: String {
        let names = allCases.map(\.rawValue)
        return names.dropLast().joined(separator: ", ") + " or " + names[names.count - 1]
    }

    /// True when the outputs of one step are probabilities of exclusive classes (softmax).
    public var givesDistribution: Bool { self == .softmax }

    /// True when each output is a probability of its own (sigmoid).
    public var givesProbabilities: Bool { self == .softmax || self == .sigmoid }

    /// Applies the activation in place to `rows` rows of `columns` values each at `values`.
    public func apply(to values: UnsafeMutableBufferPointer<Float>, rows: Int, columns: Int) {
        guard rows > 0, columns > 0, values.count >= rows * columns else { return }
        switch self {
        case .linear:
            return
        case .sigmoid:
            for k in 0..<rows * columns { values[k] = Activation.sigmoid(values[k]) }
        case .tanh:
            for k in 0..<rows * columns { values[k] = Activation.tanh(values[k]) }
        case .relu:
            for k in 0..<rows * columns { values[k] = Activation.relu(values[k]) }
        case .softmax:
            for r in 0..<rows {
                let start = r * columns
                var largest = -Float.infinity
                for k in start..<start + columns where values[k] > largest { largest = values[k] }
                // A row of NaN (or +∞) stays NaN: there is no distribution to give.
                guard largest.isFinite else {
                    for k in start..<start + columns { values[k] = .nan }
                    continue
                }
                var total: Float = 0
                for k in start..<start + columns {
                    values[k] = Activation.exp(values[k] - largest)
                    total += values[k]
                }
                for k in start..<start + columns { values[k] /= total }
            }
        }
    }

    /// Applies the activation to every row of `matrix`.
    public func apply(to matrix: inout Matrix) {
        guard self != .linear else { return }
        let rows = matrix.rows, columns = matrix.columns
        matrix.values.withUnsafeMutableBufferPointer { apply(to: $0, rows: rows, columns: columns) }
    }
}

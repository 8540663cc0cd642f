/// What the gradient-flow view draws for one layer and direction: how much each step can still
/// influence one output, through the cell path alone (Π f for an LSTM, Π z for a GRU) and through the
/// full backpropagated gradient (REFERENCE §1, "Gradient flow").
public struct GradientFlowSeries: Sendable, Equatable {
    /// The step whose output is differentiated (0-based).
    public var outputStep: Int
    /// The output differentiated.
    public var outputUnit: Int
    /// The layer (0 at the bottom) and direction.
    public var layer: Int
    /// True for the reverse direction.
    public var isReverse: Bool
    /// The cell kind of the layer.
    public var kind: CellKind
    /// T × H: the product of forget (LSTM) or update (GRU) gates between step t and the output step,
    /// 1 at the output step and 0 where t cannot reach it; nil for a plain RNN (it has no such path).
    public var cellPath: Matrix?
    /// ‖∂y/∂h_t‖ for every step t.
    public var hiddenNorms: [Float]
    /// ‖∂y/∂c_t‖ for every step t (LSTM; empty otherwise).
    public var cellNorms: [Float]
    /// T × H: ∂y/∂c_t[j] (LSTM) or ∂y/∂h_t[j] (GRU, RNN).
    public var unitGradients: Matrix

    /// A series from its parts.
    public init(outputStep: Int, outputUnit: Int, layer: Int, isReverse: Bool, kind: CellKind, cellPath: Matrix?,
                hiddenNorms: [Float], cellNorms: [Float], unitGradients: Matrix) {
        self.outputStep = outputStep
        self.outputUnit = outputUnit
        self.layer = layer
        self.isReverse = isReverse
        self.kind = kind
        self.cellPath = cellPath
        self.hiddenNorms = hiddenNorms
        self.cellNorms = cellNorms
        self.unitGradients = unitGradients
    }

    /// The state-gradient norm the view calls "the gradient": ‖∂y/∂c_t‖ for an LSTM, ‖∂y/∂h_t‖ otherwise.
    public var stateNorms: [Float] { cellNorms.isEmpty ? hiddenNorms : cellNorms }

    /// Steps t that can influence the output, as (distance |T − t|, ‖∂y/∂state_t‖), nearest first.
    public var byDistance: [(distance: Int, magnitude: Float)] {
        let norms = stateNorms
        let steps = isReverse ? Array(outputStep..<norms.count) : Array((0...min(outputStep, norms.count - 1)).reversed())
        return steps.map { (abs($0 - outputStep), norms[$0]) }
    }

    /// The product of `gates` (T × H) between each step and `outputStep`, per unit: for the forward
    /// direction Π_{k=t+1..T} gates_k, for the reverse direction Π_{k=T..t−1} gates_k.
    public static func path(of gates: Matrix, outputStep: Int, reverse: Bool) -> Matrix {
        var result = Matrix(rows: gates.rows, columns: gates.columns)
        guard outputStep >= 0, outputStep < gates.rows else { return result }
        var running = [Float](repeating: 1, count: gates.columns)
        if reverse {
            for t in outputStep..<gates.rows {
                if t > outputStep { for j in 0..<gates.columns { running[j] *= gates[t - 1, j] } }
                result.setRow(t, running)
            }
        } else {
            for t in stride(from: outputStep, through: 0, by: -1) {
                if t < outputStep { for j in 0..<gates.columns { running[j] *= gates[t + 1, j] } }
                result.setRow(t, running)
            }
        }
        return result
    }
}

/// How strongly one output at one step depends on the state at every earlier step: the picture of
/// the vanishing (or exploding) gradient.
public struct GradientFlow: Sendable, Equatable {
    /// The step whose output is differentiated.
    public var outputStep: Int
    /// The output unit differentiated (a head output, or a top-layer unit with no head).
    public var outputUnit: Int
    /// Per layer and direction, in trace order (bottom first, forward before reverse):
    /// ‖∂y/∂h_t‖ for every position t (zero after `outputStep` in the forward direction).
    public var hiddenNorms: [[Float]]
    /// Per layer and direction: ‖∂y/∂c_t‖ for every position t (LSTM; empty arrays otherwise).
    public var cellNorms: [[Float]]
    /// Per layer and direction: ∂y/∂c_t[j] (LSTM) or ∂y/∂h_t[j] (GRU, RNN), T × H.
    public var unitGradients: [Matrix]
}

/// What backpropagation through one layer in one direction produced.
public struct LayerGradient: Sendable {
    /// ∂L/∂`weight_ih` (G·H × X, row-major).
    public var inputWeights: [Float]
    /// ∂L/∂`weight_hh` (G·H × H).
    public var recurrentWeights: [Float]
    /// ∂L/∂`bias_ih`.
    public var inputBias: [Float]
    /// ∂L/∂`bias_hh`.
    public var recurrentBias: [Float]
    /// ∂L/∂(layer input) at every position, T × X: what flows on to the layer below.
    public var inputGradient: Matrix
    /// ‖∂L/∂h_t‖ at every position t (the total gradient reaching the hidden state).
    public var hiddenNorms: [Float]
    /// ‖∂L/∂c_t‖ at every position t (LSTM only; empty for GRU and RNN).
    public var cellNorms: [Float]
    /// Per position t and unit j, ∂L/∂c_t[j] (LSTM) or ∂L/∂h_t[j] (GRU, RNN), T × H.
    public var stateGradient: Matrix
}

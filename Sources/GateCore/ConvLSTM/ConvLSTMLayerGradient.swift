/// The gradient of a loss with respect to one ConvLSTM layer's parameters, in the layout of
/// `ConvLSTMWeights` (kernels as 4C × (channels·kh·kw), peepholes 3 × (C·H·W)).
public struct ConvLSTMLayerGradient: Sendable, Equatable {
    /// ∂L/∂W_x.
    public var inputKernel: [Float]
    /// ∂L/∂W_h.
    public var recurrentKernel: [Float]
    /// ∂L/∂b.
    public var bias: [Float]
    /// ∂L/∂(W_ci, W_cf, W_co) when the layer has peepholes.
    public var peepholes: [Float]?
}

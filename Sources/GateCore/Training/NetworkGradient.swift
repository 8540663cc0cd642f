/// The result of one forward and backward pass over a sequence.
public struct NetworkGradient: Sendable {
    /// The loss of the sequence.
    public var loss: Double
    /// ∂loss/∂parameters, flat, in the network's `ParameterLayout` order.
    public var gradient: [Float]
    /// What the loss was computed on: the head's output (or the top layer's, with no head), T × O.
    public var outputs: Matrix
    /// Per layer and direction (bottom first, forward before reverse), the backward pass's details.
    public var layers: [LayerGradient]
}

import GateCanvas
/// A pre-activation split into where it comes from: W·x (this step's input), U·h₋₁ (the previous
/// hidden state), the bias, and any extra term (peepholes; for GRU's n, the reset-gated recurrence).
public struct PreactivationParts: Sendable, Equatable {
    /// W·x.
    public var input: Float
    /// U·h₋₁ (for GRU's candidate: r·(U·h₋₁ + b_hn), with the bias inside).
    public var recurrent: Float
    /// b_ih + b_hh (for GRU's candidate: b_in only).
    public var bias: Float
    /// Peephole contribution, when the cell has peepholes.
    public var peephole: Float?

    /// The parts.
    public init(input: Float, recurrent: Float, bias: Float, peephole: Float? = nil) {
        self.input = input
        self.recurrent = recurrent
        self.bias = bias
        self.peephole = peephole
    }

    /// The sum of the parts.
    public var total: Float { input + recurrent + bias + (peephole ?? 0) }
}

/// What a what-if edit does to its gate: pin the gate's value, or move the bias behind it.
public enum InterventionAction: Sendable, Hashable {
    /// The gate (after its σ or tanh) is replaced by `value` at `step` (0-based), or at every step when
    /// `step` is nil. The pre-activation is still recorded as the weights computed it.
    case clamp(value: Float, step: Int?)
    /// `amount` is added to the gate's bias (`bias_ih` row of that gate and unit), at every step.
    case shiftBias(Float)
}

/// A what-if edit a lesson stop applies when it opens: "clamp: forget 1 everywhere", "clamp: input 0 at 10",
/// "clamp: forget bias +2".
public struct LessonClamp: Sendable, Equatable {
    /// The gate's panel word ("forget", "input", "output", "candidate", "reset", "update").
    public var gate: String
    /// The value the gate is pinned to, or the bias shift when `isBiasShift`.
    public var value: Float
    /// The step (1-based, as written) or nil for every step.
    public var step: Int?
    /// True for "bias +x": the value is added to the gate's bias.
    public var isBiasShift: Bool

    /// A clamp from its parts.
    public init(gate: String, value: Float, step: Int? = nil, isBiasShift: Bool = false) {
        self.gate = gate
        self.value = value
        self.step = step
        self.isBiasShift = isBiasShift
    }
}

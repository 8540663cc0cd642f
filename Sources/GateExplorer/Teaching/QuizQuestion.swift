import GateCanvas
/// A quiz question waiting for its answer: will this series of this unit go up or down at the next step?
public struct QuizQuestion: Sendable, Equatable {
    /// The step of the whole run whose value is known (0-based); the question is about `step + 1`.
    public var step: Int
    /// The unit (0-based).
    public var unit: Int
    /// The series asked about.
    public var series: String
    /// Its word ("forget gate").
    public var word: String
    /// Its value at `step`.
    public var value: Float
}

/// What one optimizer step did, for the progress display.
public struct TrainingStepReport: Sendable, Equatable {
    /// Steps done so far (1 after the first).
    public var step: Int
    /// Mean loss over the batch.
    public var loss: Double
    /// The batch's accuracy by the task's `score`.
    public var accuracy: Double
    /// The gradient's global norm before clipping.
    public var gradientNorm: Float
}

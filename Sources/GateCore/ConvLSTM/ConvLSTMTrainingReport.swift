/// What a ConvLSTM training run did.
public struct ConvLSTMTrainingReport: Sendable, Equatable {
    /// Updates taken.
    public var iterations: Int
    /// Mean training loss over the last 50 updates.
    public var finalLoss: Float
    /// Training loss every 50 updates.
    public var lossHistory: [Float]
}

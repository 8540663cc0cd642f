/// The training settings a task's demo model was made with; the command line can override them.
public struct TaskDefaults: Sendable, Equatable {
    /// Hidden units per layer.
    public var hiddenSize: Int
    /// Optimizer steps (mini-batches).
    public var steps: Int
    /// Sequences per mini-batch.
    public var batchSize: Int
    /// Adam's step size.
    public var learningRate: Float
    /// Global gradient-norm limit.
    public var clipNorm: Float = 1
    /// Added to an LSTM's forget-gate bias at initialisation.
    public var forgetBias: Float = 1

    /// Defaults from their parts.
    public init(hiddenSize: Int, steps: Int, batchSize: Int, learningRate: Float, clipNorm: Float = 1, forgetBias: Float = 1) {
        self.hiddenSize = hiddenSize
        self.steps = steps
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.clipNorm = clipNorm
        self.forgetBias = forgetBias
    }
}

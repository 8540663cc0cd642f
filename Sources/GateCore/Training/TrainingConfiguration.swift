/// How to train: the model's shape and the optimizer's settings.
public struct TrainingConfiguration: Sendable, Equatable {
    /// The cell family.
    public var cell: CellKind = .lstm
    /// Hidden units per layer and direction.
    public var hiddenSize: Int
    /// Stacked layers.
    public var layers: Int = 1
    /// Run every layer in both directions (only for tasks whose targets may look ahead).
    public var bidirectional = false
    /// Optimizer steps.
    public var steps: Int
    /// Sequences per step; their gradients are averaged.
    public var batchSize: Int
    /// Adam's step size.
    public var learningRate: Float
    /// Global gradient-norm limit (`clip_grad_norm_`); 0 or less turns clipping off.
    public var clipNorm: Float = 1
    /// Added to LSTM forget-gate biases at initialisation.
    public var forgetBias: Float = 1
    /// Seeds the initial weights and the training data.
    public var seed: UInt64 = 1

    /// A configuration with a task's defaults.
    public init(defaults: TaskDefaults, cell: CellKind = .lstm, seed: UInt64 = 1) {
        hiddenSize = defaults.hiddenSize
        steps = defaults.steps
        batchSize = defaults.batchSize
        learningRate = defaults.learningRate
        clipNorm = defaults.clipNorm
        forgetBias = cell == .lstm ? defaults.forgetBias : 0
        self.cell = cell
        self.seed = seed
    }
}

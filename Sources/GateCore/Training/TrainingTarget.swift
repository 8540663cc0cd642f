/// What a sequence should produce, and at which steps the loss looks.
public enum TrainingTarget: Sendable, Equatable {
    /// A class per step for softmax cross-entropy; −1 means "no loss at this step" (so a
    /// classifier puts its class at the last step and −1 everywhere else). The loss is the mean over
    /// the counted steps, as PyTorch's `CrossEntropyLoss(ignore_index=-1)`.
    case classes([Int])
    /// Target values per step (T × O) for mean squared error; only steps whose `mask` entry is true
    /// count. The loss is the mean over the counted elements, as PyTorch's `MSELoss` on them.
    case values(Matrix, mask: [Bool])

    /// Number of timesteps the target covers.
    public var steps: Int {
        switch self {
        case .classes(let classes): classes.count
        case .values(let values, _): values.rows
        }
    }
}

/// The read-out after the top ConvLSTM layer.
public enum ConvLSTMHead: Sendable, Equatable {
    /// A 1×1 convolution: the same O × C linear map applied at every pixel of H_t (output O×H×W per
    /// step, channel-first), e.g. next-frame logits.
    case pointwise(LinearHead)
    /// A linear layer on the whole flattened H_t (C·H·W, channel-first) giving O values per step,
    /// e.g. class logits.
    case dense(LinearHead)

    /// The linear map inside.
    public var linear: LinearHead {
        switch self {
        case .pointwise(let head), .dense(let head): head
        }
    }

    /// `pointwise` or `dense` (the name used in model files).
    public var kindName: String {
        switch self {
        case .pointwise: "pointwise"
        case .dense: "dense"
        }
    }
}

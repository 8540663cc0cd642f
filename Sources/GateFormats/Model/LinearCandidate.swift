import GateCore

/// A tensor pair that could be a linear layer or an embedding: `{prefix}.weight` (+ `{prefix}.bias`),
/// or Keras `{prefix}.kernel` / `{prefix}.embeddings`.
struct LinearCandidate {
    /// The module prefix (`fc`, `decoder`, `embed`).
    var prefix: String
    /// The weight tensor's normalised name.
    var weightName: String
    /// The bias tensor's normalised name, when present with a fitting shape.
    var biasName: String?
    /// True for Keras kernels, stored input × output.
    var transposed: Bool
    /// Output rows O (or vocabulary rows V for an embedding).
    var rows: Int
    /// Input columns I (or embedding width E).
    var columns: Int
    /// How much the name looks like the role (higher is likelier).
    var score: Int
}

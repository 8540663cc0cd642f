/// "Same" padding for a stride-1 convolution along one axis, as Keras and TensorFlow compute it:
/// k − 1 zeros in all, ⌊(k − 1)/2⌋ before and the rest after. For odd k both sides get (k − 1)/2;
/// for even k the extra zero goes after (k = 2: 0 before, 1 after; k = 4: 1 before, 2 after).
///
/// PyTorch's `padding="same"` splits the same total the same way, so the two frameworks agree.
public struct SamePadding: Sendable, Hashable {
    /// Zeros before the first row or column.
    public var before: Int
    /// Zeros after the last row or column.
    public var after: Int

    /// The padding for a kernel of `kernel` taps (≥ 1).
    public init(kernel: Int) {
        before = (kernel - 1) / 2
        after = kernel - 1 - before
    }
}

/// The parameters of one ConvLSTM layer (Shi et al. 2015, arXiv 1506.04214), in PyTorch's conv layout.
///
/// Gates are stacked **i, f, g, o** (g is the cell candidate, Keras's "c"), C output channels each:
///
///     i = σ(W_xi ∗ X_t + W_hi ∗ H_{t−1} + W_ci ∘ C_{t−1} + b_i)
///     f = σ(W_xf ∗ X_t + W_hf ∗ H_{t−1} + W_cf ∘ C_{t−1} + b_f)
///     g = tanh(W_xc ∗ X_t + W_hc ∗ H_{t−1} + b_c)
///     C_t = f ∘ C_{t−1} + i ∘ g
///     o = σ(W_xo ∗ X_t + W_ho ∗ H_{t−1} + W_co ∘ C_t + b_o)
///     H_t = o ∘ tanh(C_t)
///
/// ∗ is a stride-1 cross-correlation (what PyTorch's `conv2d` and Keras's `Conv2D` compute) with
/// ``SamePadding`` on both axes; ∘ is the Hadamard product; the state starts at zero.
///
/// Kernels are stored as matrices whose columns are flattened (channel, ky, kx): `inputKernel` is
/// the 4D tensor [4C, Cin, kh, kw] viewed as 4C × (Cin·kh·kw), `recurrentKernel` [4C, C, kh, kw] as
/// 4C × (C·kh·kw). This is exactly the weight matrix of an im2col convolution.
public struct ConvLSTMWeights: Sendable, Equatable {
    /// W_x: [4C, Cin, kh, kw] as 4C × (Cin·kh·kw).
    public var inputKernel: Matrix
    /// W_h: [4C, C, kh, kw] as 4C × (C·kh·kw).
    public var recurrentKernel: Matrix
    /// b: 4C values (one per gate and channel; Keras has no recurrent bias).
    public var bias: [Float]
    /// Peephole (Hadamard) weights W_ci, W_cf, W_co as 3 × (C·H·W), rows i, f, o, each channel-first;
    /// i and f see C_{t−1}, o sees C_t. Tied to one frame size.
    public var peepholes: Matrix?
    /// Kernel height kh.
    public var kernelHeight: Int
    /// Kernel width kw.
    public var kernelWidth: Int

    /// A layer from its parts; `bias` defaults to zeros. Shapes are checked by `validate(height:width:)`.
    public init(inputKernel: Matrix, recurrentKernel: Matrix, bias: [Float]? = nil, peepholes: Matrix? = nil,
                kernelHeight: Int, kernelWidth: Int) {
        self.inputKernel = inputKernel
        self.recurrentKernel = recurrentKernel
        self.bias = bias ?? [Float](repeating: 0, count: inputKernel.rows)
        self.peepholes = peepholes
        self.kernelHeight = kernelHeight
        self.kernelWidth = kernelWidth
    }

    /// Hidden channels C.
    public var hiddenChannels: Int { inputKernel.rows / 4 }
    /// Input channels Cin.
    public var inputChannels: Int {
        let taps = kernelHeight * kernelWidth
        return taps > 0 ? inputKernel.columns / taps : 0
    }
    /// Padding above and below.
    public var verticalPadding: SamePadding { SamePadding(kernel: kernelHeight) }
    /// Padding left and right.
    public var horizontalPadding: SamePadding { SamePadding(kernel: kernelWidth) }
    /// Number of trainable values.
    public var parameterCount: Int {
        inputKernel.values.count + recurrentKernel.values.count + bias.count + (peepholes?.values.count ?? 0)
    }

    /// Checks every shape for frames of `height` × `width`; the error names the tensor that is off.
    public func validate(height: Int, width: Int) throws(ShapeError) {
        guard kernelHeight > 0, kernelWidth > 0 else {
            throw ShapeError("ConvLSTM kernel is \(kernelHeight)×\(kernelWidth); both sizes must be at least 1")
        }
        let c = inputKernel.rows / 4
        guard inputKernel.rows % 4 == 0, c > 0 else {
            throw ShapeError("ConvLSTM input kernel has \(inputKernel.rows) output channels; expected 4×filters")
        }
        let taps = kernelHeight * kernelWidth
        guard inputKernel.columns % taps == 0, inputKernel.columns > 0 else {
            throw ShapeError("ConvLSTM input kernel has \(inputKernel.columns) columns; expected input channels × \(kernelHeight)×\(kernelWidth)")
        }
        guard recurrentKernel.rows == 4 * c, recurrentKernel.columns == c * taps else {
            throw ShapeError("ConvLSTM recurrent kernel is \(recurrentKernel.rows)×\(recurrentKernel.columns); expected \(4 * c)×\(c * taps) ([4C, C, kh, kw])")
        }
        guard bias.count == 4 * c else {
            throw ShapeError("ConvLSTM bias has \(bias.count) values; expected \(4 * c)")
        }
        guard height > 0, width > 0 else { throw ShapeError("ConvLSTM frames are \(height)×\(width); both sizes must be at least 1") }
        if let peepholes, peepholes.rows != 3 || peepholes.columns != c * height * width {
            throw ShapeError("ConvLSTM peepholes are \(peepholes.rows)×\(peepholes.columns); expected 3×\(c * height * width) (i, f, o × C·H·W)")
        }
    }
}

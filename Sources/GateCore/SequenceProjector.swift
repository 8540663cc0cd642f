import CGateKernels

/// Y[t] = W X[t] + b over raw rows, for ``Kernels/projectSequence(weights:bias:inputs:)`` and for
/// chunked runs that project chunk after chunk into one buffer: the transpose the tiled kernel needs
/// is made once, not per chunk.
public struct SequenceProjector: Sendable {
    /// Inputs of at least this many rows use the register-tiled kernel (when the weights fit in L2).
    static let tiledRows = 16
    /// The largest weight matrix (elements) the tiled kernel is used for.
    static let tiledWeights = 262_144

    /// W (rows × columns).
    public let weights: Matrix
    /// b (rows).
    public let bias: [Float]
    /// Wᵀ, made only when some input will be long enough for the tiled kernel.
    private let transposed: [Float]

    /// A projector by `weights` (rows × columns) and `bias` (rows) for inputs of up to `longestInput` rows.
    public init(weights: Matrix, bias: [Float], longestInput: Int) {
        precondition(bias.count == weights.rows)
        self.weights = weights
        self.bias = bias
        // Long sequences with weights that fit in L2: transpose once and use the register-tiled kernel
        // (2× faster at 512×64, measured); otherwise the dot-product kernel, which needs no copy.
        if longestInput >= Self.tiledRows && weights.values.count <= Self.tiledWeights && weights.columns > 0 && weights.rows > 0 {
            transposed = [Float](unsafeUninitializedCapacity: weights.values.count) { t, written in
                weights.values.withUnsafeBufferPointer { w in
                    gk_transpose(w.baseAddress!, weights.rows, weights.columns, t.baseAddress!)
                }
                written = weights.values.count
            }
        } else {
            transposed = []
        }
    }

    /// Writes `rows` × `weights.rows` values to `output` from `rows` × `weights.columns` values at `input`.
    public func project(_ input: UnsafePointer<Float>, rows: Int, into output: UnsafeMutablePointer<Float>) {
        guard rows > 0, weights.rows > 0 else { return }
        if weights.columns == 0 {
            bias.withUnsafeBufferPointer { b in
                for t in 0..<rows { (output + t * weights.rows).update(from: b.baseAddress!, count: weights.rows) }
            }
            return
        }
        let tiled = rows >= Self.tiledRows && !transposed.isEmpty
        bias.withUnsafeBufferPointer { b in
            if tiled {
                transposed.withUnsafeBufferPointer { w in
                    gk_project_sequence_t(w.baseAddress!, weights.rows, weights.columns, b.baseAddress!, input, rows, output)
                }
            } else {
                weights.values.withUnsafeBufferPointer { w in
                    gk_project_sequence(w.baseAddress!, weights.rows, weights.columns, b.baseAddress!, input, rows, output)
                }
            }
        }
    }
}

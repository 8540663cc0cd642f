import CGateKernels

/// Adam (Kingma & Ba 2015) over a flat parameter vector, with PyTorch's defaults and update rule:
/// m ← β1 m + (1 − β1) g, v ← β2 v + (1 − β2) g², p ← p − lr · m̂ / (√v̂ + ε).
public struct AdamOptimizer: Sendable, Equatable {
    /// Step size.
    public var learningRate: Float
    /// First-moment decay.
    public var beta1: Float = 0.9
    /// Second-moment decay.
    public var beta2: Float = 0.999
    /// Added to √v̂.
    public var epsilon: Float = 1e-8
    /// Running mean of gradients.
    public private(set) var firstMoment: [Float]
    /// Running mean of squared gradients.
    public private(set) var secondMoment: [Float]
    /// Updates taken so far.
    public private(set) var stepCount = 0
    /// β1^t and β2^t for the bias corrections.
    private var power1 = 1.0, power2 = 1.0

    /// An optimizer for `count` parameters.
    public init(count: Int, learningRate: Float) {
        self.learningRate = learningRate
        firstMoment = [Float](repeating: 0, count: count)
        secondMoment = firstMoment
    }

    /// Applies one update to `parameters` given their `gradient`.
    public mutating func update(_ parameters: inout [Float], gradient: [Float]) {
        precondition(parameters.count == gradient.count && gradient.count == firstMoment.count)
        let (stepSize, root2) = advance()
        let (b1, b2, eps) = (beta1, beta2, epsilon)
        parameters.withUnsafeMutableBufferPointer { p in
            gradient.withUnsafeBufferPointer { g in
                firstMoment.withUnsafeMutableBufferPointer { m in
                    secondMoment.withUnsafeMutableBufferPointer { v in
                        guard let pBase = p.baseAddress, let gBase = g.baseAddress else { return }
                        gk_adam_update(pBase, gBase, m.baseAddress!, v.baseAddress!, p.count, b1, b2, stepSize, root2, eps)
                    }
                }
            }
        }
    }

    /// Counts a step and returns lr / (1 − β1^t) and √(1 − β2^t), the bias corrections.
    private mutating func advance() -> (stepSize: Float, root2: Float) {
        stepCount += 1
        power1 *= Double(beta1)
        power2 *= Double(beta2)
        let correction1 = Float(1 - power1), correction2 = Float(1 - power2)
        return (learningRate / correction1, correction2.squareRoot())
    }

    /// The plain Swift twin of `update`, kept as the reference for tests.
    mutating func plainUpdate(_ parameters: inout [Float], gradient: [Float]) {
        precondition(parameters.count == gradient.count && gradient.count == firstMoment.count)
        let (stepSize, root2) = advance()
        for k in parameters.indices {
            let g = gradient[k]
            firstMoment[k] = beta1 * firstMoment[k] + (1 - beta1) * g
            secondMoment[k] = beta2 * secondMoment[k] + (1 - beta2) * g * g
            let denominator = secondMoment[k].squareRoot() / root2 + epsilon
            parameters[k] -= stepSize * firstMoment[k] / denominator
        }
    }

    /// Scales `gradient` down so its global Euclidean norm is at most `maxNorm` (as PyTorch's
    /// `clip_grad_norm_`); returns the norm before clipping.
    @discardableResult
    public static func clipGlobalNorm(_ gradient: inout [Float], maxNorm: Float) -> Float {
        let sum = gradient.withUnsafeBufferPointer { g in g.baseAddress.map { gk_sum_squares($0, g.count) } ?? 0 }
        let norm = Float(sum.squareRoot())
        if norm > maxNorm, norm.isFinite {
            let scale = maxNorm / (norm + 1e-6)
            gradient.withUnsafeMutableBufferPointer { g in
                if let base = g.baseAddress { gk_scale(base, g.count, scale) }
            }
        }
        return norm
    }
}

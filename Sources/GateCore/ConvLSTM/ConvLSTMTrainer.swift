/// Trains a ConvLSTM with a 1×1 head on moving-square clips: mean BCE-with-logits of the next frame,
/// gradients averaged over a mini-batch, global-norm clipping, `AdamOptimizer`, `SplitMix64` data.
public struct ConvLSTMTrainer: Sendable {
    /// The task the clips come from.
    public var task: MovingSquareTask
    /// Clips per update.
    public var batchSize: Int
    /// Adam's step size.
    public var learningRate: Float
    /// Global gradient-norm clip.
    public var clipNorm: Float

    /// A trainer with the demo's defaults.
    public init(task: MovingSquareTask = MovingSquareTask(), batchSize: Int = 8, learningRate: Float = 0.01, clipNorm: Float = 1) {
        self.task = task
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.clipNorm = clipNorm
    }

    /// Runs `iterations` updates on `network` with training clips from `seed`; `progress` is called
    /// every 50 updates with (iteration, mean loss of the last 50).
    public func train(_ network: inout ConvLSTMNetwork, iterations: Int, seed: UInt64,
                      progress: ((Int, Float) -> Void)? = nil) -> ConvLSTMTrainingReport {
        var rng = SplitMix64(seed: seed)
        var optimizer = AdamOptimizer(count: network.parameterCount, learningRate: learningRate)
        var parameters = network.parameters
        var history: [Float] = []
        var window: Float = 0, windowCount = 0, last: Float = 0
        let weights = task.stepWeights
        for iteration in 1...max(iterations, 1) {
            var sum = [Float](repeating: 0, count: parameters.count)
            var loss: Float = 0
            for _ in 0..<batchSize {
                let clip = task.example(rng: &rng)
                let (l, g) = network.pixelLossAndGradient(frames: clip.frames, targets: clip.targets, stepWeights: weights)
                loss += l
                for k in sum.indices { sum[k] += g[k] }
            }
            let inverse = 1 / Float(batchSize)
            for k in sum.indices { sum[k] *= inverse }
            AdamOptimizer.clipGlobalNorm(&sum, maxNorm: clipNorm)
            optimizer.update(&parameters, gradient: sum)
            network.setParameters(parameters)
            window += loss * inverse
            windowCount += 1
            if windowCount == 50 || iteration == iterations {
                last = window / Float(windowCount)
                history.append(last)
                progress?(iteration, last)
                window = 0
                windowCount = 0
            }
        }
        return ConvLSTMTrainingReport(iterations: iterations, finalLoss: last, lossHistory: history)
    }
}

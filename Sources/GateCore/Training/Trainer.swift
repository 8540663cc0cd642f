import CGateKernels

/// Trains a network on a task, one mini-batch at a time: BPTT over each sequence, gradients averaged
/// over the batch, clipped by global norm, applied with Adam. Deterministic for a given seed.
///
/// Drive it with `step()` so a caller can stop between steps (Ctrl-C) and keep the network as it was
/// after the last completed step.
public struct Trainer: Sendable {
    /// The task.
    public let task: any TrainingTask
    /// The settings.
    public let configuration: TrainingConfiguration
    /// The network as of the last completed step.
    public private(set) var network: RecurrentNetwork
    /// Steps completed.
    public private(set) var completedSteps = 0
    /// An exponential moving average of the batch loss (for display).
    public private(set) var smoothedLoss: Double?
    /// An exponential moving average of the batch accuracy (for display).
    public private(set) var smoothedAccuracy: Double?

    private let layout: ParameterLayout
    private var parameters: [Float]
    private var optimizer: AdamOptimizer
    private var random: SplitMix64

    /// A trainer with a freshly initialised network (seeded by `configuration.seed`).
    public init(task: any TrainingTask, configuration: TrainingConfiguration) throws(ShapeError) {
        guard configuration.hiddenSize > 0, configuration.layers > 0, configuration.batchSize > 0 else {
            throw ShapeError("hidden size, layers and batch size must be positive")
        }
        self.task = task
        self.configuration = configuration
        gk_retain_freed_memory()
        var seeder = SplitMix64(seed: configuration.seed)
        var initRandom = seeder.split()
        random = seeder.split()
        var network = RecurrentNetwork.initialized(kind: configuration.cell, inputSize: task.inputSize,
                                                   hiddenSize: configuration.hiddenSize, layers: configuration.layers,
                                                   bidirectional: configuration.bidirectional, outputSize: task.outputSize,
                                                   forgetBias: configuration.cell == .lstm ? configuration.forgetBias : 0,
                                                   random: &initRandom)
        network.vocabulary = task.vocabulary
        self.network = network
        layout = try ParameterLayout(of: network)
        parameters = layout.flatten(network)
        optimizer = AdamOptimizer(count: layout.count, learningRate: configuration.learningRate)
    }

    /// True when every configured step has been taken.
    public var isFinished: Bool { completedSteps >= configuration.steps }

    /// Takes one optimizer step on a fresh mini-batch.
    @discardableResult
    public mutating func step() -> TrainingStepReport {
        var total = [Float](repeating: 0, count: layout.count)
        var loss = 0.0, correct = 0, counted = 0
        let examples = (0..<configuration.batchSize).map { _ in task.trainingExample(random: &random) }
        if network.supportsBatchTraining(examples.map(\.input)) {
            // The whole batch through each step together (matrix–matrix products).
            let result = network.batchLossAndGradient(inputs: examples.map(\.input), targets: examples.map(\.target),
                                                      layout: layout)
            total = result.gradient
            for (example, (sequenceLoss, outputs)) in zip(examples, zip(result.losses, result.outputs)) {
                loss += sequenceLoss
                let s = task.score(outputs: outputs, example: example)
                correct += s.correct
                counted += s.total
            }
        } else {
            for example in examples {
                let result = network.lossAndGradient(input: example.input, tokens: example.tokens, target: example.target)
                loss += result.loss
                BackpropKernels.add(result.gradient, into: &total)
                let s = task.score(outputs: result.outputs, example: example)
                correct += s.correct
                counted += s.total
            }
        }
        let scale = 1 / Float(configuration.batchSize)
        total.withUnsafeMutableBufferPointer { t in
            if let base = t.baseAddress { gk_scale(base, t.count, scale) }
        }
        let norm = configuration.clipNorm > 0
            ? AdamOptimizer.clipGlobalNorm(&total, maxNorm: configuration.clipNorm)
            : AdamOptimizer.clipGlobalNorm(&total, maxNorm: .infinity)
        if norm.isFinite {
            optimizer.update(&parameters, gradient: total)
            layout.assign(parameters, to: &network)
        }
        completedSteps += 1
        let batchLoss = loss / Double(configuration.batchSize)
        let accuracy = counted == 0 ? 0 : Double(correct) / Double(counted)
        smoothedLoss = smoothedLoss.map { 0.9 * $0 + 0.1 * batchLoss } ?? batchLoss
        smoothedAccuracy = smoothedAccuracy.map { 0.9 * $0 + 0.1 * accuracy } ?? accuracy
        return TrainingStepReport(step: completedSteps, loss: batchLoss, accuracy: accuracy, gradientNorm: norm)
    }

    /// The held-out metric of the current network.
    public func evaluate() -> TaskMetric { task.evaluate(network) }

    /// The network with training metadata attached: task, seed, settings, and the metric.
    public func finishedNetwork(metric: TaskMetric) -> RecurrentNetwork {
        var result = network
        let c = configuration
        result.metadata["task"] = task.name
        result.metadata["title"] = task.title
        result.metadata["seed"] = String(c.seed)
        result.metadata["cell"] = c.cell.rawValue
        result.metadata["hidden_size"] = String(c.hiddenSize)
        result.metadata["num_layers"] = String(c.layers)
        result.metadata["steps"] = String(completedSteps)
        result.metadata["batch_size"] = String(c.batchSize)
        result.metadata["learning_rate"] = TaskMetric.formatSignificant(Double(c.learningRate), digits: 4)
        result.metadata["optimizer"] = "adam(beta1=0.9,beta2=0.999,eps=1e-8), clip_grad_norm=\(TaskMetric.formatSignificant(Double(c.clipNorm), digits: 3))"
        result.metadata["input"] = task.vocabulary == nil ? "features" : "one-hot"
        if let features = task.featureNames { result.metadata["features"] = features.joined(separator: ",") }
        result.metadata["outputs"] = task.outputNames.joined(separator: ",")
        result.metadata["metric"] = metric.key
        result.metadata["metric_value"] = String(metric.value)
        result.metadata["metric_goal"] = String(metric.goal)
        result.metadata["metric_description"] = metric.description
        result.metadata["story"] = task.story
        for (key, value) in task.metadata { result.metadata[key] = value }
        return result
    }
}

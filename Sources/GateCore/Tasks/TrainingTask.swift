/// A synthetic (or shipped-data) task that makes a recurrent network's gates do something visible.
public protocol TrainingTask: Sendable {
    /// The name on the command line: `brackets`, `adding`, ….
    var name: String { get }
    /// A short title: "Bracket depth (Dyck-1)".
    var title: String { get }
    /// One sentence on what to watch, for the demo catalogue.
    var story: String { get }
    /// A paragraph on what the gates should learn and why.
    var explanation: String { get }
    /// Token strings for token tasks (the input is one-hot over them); nil for feature tasks.
    var vocabulary: [String]? { get }
    /// Names of the input features for feature tasks (CSV header); nil for token tasks.
    var featureNames: [String]? { get }
    /// Names of the head's outputs (class names, or the predicted quantity).
    var outputNames: [String] { get }
    /// Features per step.
    var inputSize: Int { get }
    /// Head outputs (classes or values).
    var outputSize: Int { get }
    /// The settings the shipped demo was trained with.
    var defaults: TaskDefaults { get }
    /// A fresh training sequence drawn with `random`.
    func trainingExample(random: inout SplitMix64) -> TaskExample
    /// The fixed held-out sequences the metric is measured on (the same on every call).
    func heldOutExamples() -> [TaskExample]
    /// The held-out metric of `network`.
    func evaluate(_ network: RecurrentNetwork) -> TaskMetric
    /// Correct and counted predictions in one example, for the progress bar's accuracy.
    func score(outputs: Matrix, example: TaskExample) -> (correct: Int, total: Int)
    /// Task-specific facts to store with a trained model (e.g. a series' scaling).
    var metadata: [String: String] { get }
    /// An example sequence for the demo, as the user would type it: tokens joined for token tasks,
    /// CSV rows (with a header) for feature tasks.
    func demoInput() -> String
}

extension TrainingTask {
    /// No task-specific metadata unless a task says otherwise.
    public var metadata: [String: String] { [:] }

    /// The default score (``defaultScore(outputs:example:tolerance:)`` with its tolerance) unless a
    /// task scores otherwise.
    public func score(outputs: Matrix, example: TaskExample) -> (correct: Int, total: Int) {
        defaultScore(outputs: outputs, example: example)
    }

    /// Argmax accuracy at counted steps for class targets; for value targets, the fraction of
    /// counted values within `tolerance` of the target.
    public func defaultScore(outputs: Matrix, example: TaskExample, tolerance: Float = 0.05) -> (correct: Int, total: Int) {
        var correct = 0, total = 0
        switch example.target {
        case .classes(let classes):
            for (t, label) in classes.enumerated() where label >= 0 {
                total += 1
                if TaskScoring.argmax(outputs, row: t) == label { correct += 1 }
            }
        case .values(let values, let mask):
            for t in 0..<values.rows where mask[t] {
                for k in 0..<values.columns {
                    total += 1
                    if abs(outputs[t, k] - values[t, k]) < tolerance { correct += 1 }
                }
            }
        }
        return (correct, total)
    }

    /// Runs `network` over every held-out example and returns the head outputs, in order.
    public func heldOutOutputs(_ network: RecurrentNetwork) -> [(example: TaskExample, outputs: Matrix)] {
        heldOutExamples().map { example in
            (example, TaskScoring.outputs(of: network, for: example))
        }
    }

    /// The pooled `score` over the held-out set.
    public func heldOutAccuracy(_ network: RecurrentNetwork) -> Double {
        var correct = 0, total = 0
        for (example, outputs) in heldOutOutputs(network) {
            let s = score(outputs: outputs, example: example)
            correct += s.correct
            total += s.total
        }
        return total == 0 ? 0 : Double(correct) / Double(total)
    }

    /// `count` examples drawn by `draw` from a generator seeded with `seed`: the same set on every call.
    public func seededExamples(_ count: Int, seed: UInt64, _ draw: (inout SplitMix64) -> TaskExample) -> [TaskExample] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in draw(&random) }
    }

    /// The pooled held-out accuracy (``heldOutAccuracy(_:)``) as a metric called `key`, held to at least `goal`.
    public func accuracyMetric(_ network: RecurrentNetwork, key: String = "accuracy", description: String,
                               goal: Double) -> TaskMetric {
        TaskMetric(key: key, description: description, value: heldOutAccuracy(network), goal: goal, higherIsBetter: true)
    }

    /// The vocabulary's single-character tokens joined (for token tasks' demo inputs).
    public func render(tokens: [Int]) -> String {
        guard let vocabulary else { return "" }
        return tokens.map { vocabulary[$0] }.joined()
    }

    /// CSV text for a feature example: the header, then one row per step.
    public func renderCSV(_ input: Matrix) -> String {
        var lines = [(featureNames ?? []).joined(separator: ",")]
        for t in 0..<input.rows {
            lines.append(input.row(t).map { TaskMetric.formatSignificant(Double($0), digits: 6) }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

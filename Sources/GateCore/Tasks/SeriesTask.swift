/// One-step-ahead forecasting of a real time series the caller supplies (the demo ships yearly
/// sunspot numbers): at every step, predict the next value.
///
/// Values are standardised with the mean and standard deviation of the training part (the first
/// 80 %); the model is scored on the last 20 % against the persistence forecast (next = current).
public struct SeriesTask: TrainingTask {
    public let name = "series"
    public let title: String
    public let story = "Units follow the rise and fall of the cycle; watch the forget gate hold the phase through the quiet years at each minimum."
    public let explanation = """
        Input: one standardised value per step. Target: the next value. Persistence (tomorrow = today) \
        is the baseline to beat; to beat it the network must know where in the cycle it is — \
        rising or falling — which a single value does not tell. Some units follow the cycle's phase \
        and the forget gates decide how much of the past shapes the next step.
        """
    public let vocabulary: [String]? = nil
    public var featureNames: [String]? { [column + "_standardised"] }
    public var outputNames: [String] { ["next " + column] }
    public let inputSize = 1
    public let outputSize = 1
    public let defaults = TaskDefaults(hiddenSize: 12, steps: 1500, batchSize: 8, learningRate: 0.005)

    /// The raw values.
    public let values: [Float]
    /// The column's name.
    public let column: String
    /// Mean of the training part.
    public let mean: Float
    /// Standard deviation of the training part.
    public let scale: Float
    /// Index where the held-out part starts.
    public let split: Int
    /// Steps per training window.
    public let window = 40

    /// The task over `values` (at least 20 of them) called `column`.
    public init(values: [Float], column: String, title: String = "Time series") {
        self.values = values
        self.column = column
        self.title = title
        split = max(2, values.count * 4 / 5)
        let train = values[0..<split]
        let m = train.reduce(0, +) / Float(max(1, train.count))
        let variance = train.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Float(max(1, train.count))
        mean = m
        scale = max(variance.squareRoot(), 1e-6)
    }

    /// Values after standardisation.
    public var standardised: [Float] { values.map { ($0 - mean) / scale } }

    /// Extra metadata: how to undo the standardisation.
    public var metadata: [String: String] {
        ["series_mean": String(mean), "series_scale": String(scale), "series_split": String(split)]
    }

    func example(from start: Int, to end: Int, scoredFrom: Int) -> TaskExample {
        let s = standardised
        let input = Matrix(rows: end - start, columns: 1, values: Array(s[start..<end]))
        let target = Matrix(rows: end - start, columns: 1, values: Array(s[(start + 1)...end]))
        let mask = (start..<end).map { $0 + 1 >= scoredFrom }
        return TaskExample(input: input, target: .values(target, mask: mask))
    }

    public func trainingExample(random: inout SplitMix64) -> TaskExample {
        let length = min(window, split - 1)
        let start = random.nextInt(below: max(1, split - length))
        return example(from: start, to: start + length, scoredFrom: start + 3)
    }

    /// The whole series in one sequence, scored only on the held-out targets.
    public func heldOutExamples() -> [TaskExample] {
        [example(from: 0, to: values.count - 1, scoredFrom: split)]
    }

    /// Root-mean-square error over the held-out years divided by persistence's (below 1 beats it).
    public func evaluate(_ network: RecurrentNetwork) -> TaskMetric {
        let (model, persistence) = heldOutErrors(network)
        return TaskMetric(key: "rmse_ratio",
                          description: "held-out one-step RMSE over the last \(values.count - split) values, as a fraction of the persistence forecast's (model \(TaskMetric.formatSignificant(model, digits: 3)), persistence \(TaskMetric.formatSignificant(persistence, digits: 3)), in \(column) units)",
                          value: persistence > 0 ? model / persistence : .infinity, goal: 0.95, higherIsBetter: false)
    }

    /// (model RMSE, persistence RMSE) over the held-out part, in the data's units.
    public func heldOutErrors(_ network: RecurrentNetwork) -> (model: Double, persistence: Double) {
        guard let (example, outputs) = heldOutOutputs(network).first else { return (.infinity, .infinity) }
        guard case .values(_, let mask) = example.target else { return (.infinity, .infinity) }
        var model = 0.0, persistence = 0.0, count = 0
        for t in 0..<outputs.rows where mask[t] {
            let predicted = Double(outputs[t, 0] * scale + mean)
            let actual = Double(values[t + 1]), previous = Double(values[t])
            model += (predicted - actual) * (predicted - actual)
            persistence += (previous - actual) * (previous - actual)
            count += 1
        }
        let n = Double(max(1, count))
        return ((model / n).squareRoot(), (persistence / n).squareRoot())
    }

    public func score(outputs: Matrix, example: TaskExample) -> (correct: Int, total: Int) {
        defaultScore(outputs: outputs, example: example, tolerance: 0.25)
    }

    /// The held-out tail (with some lead-in), standardised as the model expects.
    public func demoInput() -> String {
        let start = max(0, split - 40)
        let s = standardised
        return renderCSV(Matrix(rows: values.count - start, columns: 1, values: Array(s[start...])))
    }
}

/// The adding problem (Hochreiter & Schmidhuber 1997, experiment 4): add the two marked numbers.
///
/// Each step carries a random value in [0, 1) and a marker; exactly two steps are marked (one in
/// the first fifth, one before the middle). The target, read only at the last step, is the sum of
/// the two marked values.
public struct AddingTask: TrainingTask {
    public let name = "adding"
    public let title = "Adding problem"
    public let story = "The input gate opens only at the two marked steps, and the cell holds the running sum until the end."
    public let explanation = """
        Input per step: [value, marker]. Two steps carry marker 1; the target at the last step is the \
        sum of their values, so the network must ignore every unmarked value and keep the sum for tens \
        of steps. A trained LSTM opens its input gate (i≈1) only where marker = 1, keeps the forget \
        gate near 1 so the cell holds the sum, and the head reads it at the end.
        """
    public let vocabulary: [String]? = nil
    public let featureNames: [String]? = ["value", "marker"]
    public let outputNames = ["sum"]
    public let inputSize = 2
    public let outputSize = 1
    public let defaults = TaskDefaults(hiddenSize: 8, steps: 12000, batchSize: 16, learningRate: 0.003)

    /// Held-out sequence length.
    public let length: Int
    /// Training sequence lengths: shorter sequences early in the mix let the network find the markers.
    public let trainingLengths: ClosedRange<Int>
    /// A prediction within this of the target counts as correct (the 1997 paper's criterion).
    public let tolerance: Float = 0.04

    /// The task with held-out sequences of `length` steps (≥ 10), training on 10…`length`.
    public init(length: Int = 50) {
        self.length = max(10, length)
        trainingLengths = 10...self.length
    }

    /// A sequence of `length` steps: first marker in the first fifth, second before the middle.
    func sample(length: Int, random: inout SplitMix64) -> TaskExample {
        var input = Matrix(rows: length, columns: 2)
        for t in 0..<length { input[t, 0] = random.nextUnit() }
        let fifth = length / 5
        let first = random.nextInt(below: fifth)
        let second = fifth + random.nextInt(below: length / 2 - fifth)
        input[first, 1] = 1
        input[second, 1] = 1
        var target = Matrix(rows: length, columns: 1)
        target[length - 1, 0] = input[first, 0] + input[second, 0]
        var mask = [Bool](repeating: false, count: length)
        mask[length - 1] = true
        return TaskExample(input: input, target: .values(target, mask: mask))
    }

    public func trainingExample(random: inout SplitMix64) -> TaskExample {
        sample(length: random.nextInt(in: trainingLengths), random: &random)
    }

    public func heldOutExamples() -> [TaskExample] {
        seededExamples(500, seed: 0xADD1_4601) { sample(length: length, random: &$0) }
    }

    public func evaluate(_ network: RecurrentNetwork) -> TaskMetric {
        accuracyMetric(network, description: "fraction of 500 held-out sequences of length \(length) (training \(trainingLengths.lowerBound)–\(trainingLengths.upperBound)) whose sum is predicted within \(TaskMetric.formatSignificant(Double(tolerance), digits: 2))", goal: 0.95)
    }

    public func score(outputs: Matrix, example: TaskExample) -> (correct: Int, total: Int) {
        defaultScore(outputs: outputs, example: example, tolerance: tolerance)
    }

    public func demoInput() -> String {
        var random = SplitMix64(seed: 2024)
        return renderCSV(sample(length: length, random: &random).input)
    }
}

/// The temporal order problem (Hochreiter & Schmidhuber 1997, experiment 6a): which of X and Y came
/// first, and which second, in a long string of distractors?
public struct TemporalOrderTask: TrainingTask {
    public let name = "temporal-order"
    public let title = "Temporal order"
    public let story = "Two units latch at the X/Y symbols and hold them across dozens of distractors until the end."
    public let explanation = """
        Input: "B", then random distractors a–d, with two relevant symbols (each X or Y) at an early \
        and a middle position, then "E". At "E" the network names the order: XX, XY, YX or YY. The \
        input gate must open only at X and Y, the forget gate stay near 1 across the distractors, and \
        the two symbols must land in different cells (or at different magnitudes) so their order survives.
        """
    public let vocabulary: [String]? = ["a", "b", "c", "d", "X", "Y", "B", "E"]
    public let featureNames: [String]? = nil
    public let outputNames = ["XX", "XY", "YX", "YY"]
    public let inputSize = 8
    public let outputSize = 4
    public let defaults = TaskDefaults(hiddenSize: 12, steps: 2000, batchSize: 16, learningRate: 0.01)

    /// Held-out sequence lengths.
    public let lengths: ClosedRange<Int>
    /// Training sequence lengths (shorter ones help the network find the relevant symbols).
    public let trainingLengths: ClosedRange<Int>

    /// The task; the 1997 paper used lengths 100–110, the demo 50–60 to train in seconds.
    public init(lengths: ClosedRange<Int> = 50...60) {
        self.lengths = lengths
        trainingLengths = 20...lengths.upperBound
    }

    func sample(lengths: ClosedRange<Int>, random: inout SplitMix64) -> TaskExample {
        let length = random.nextInt(in: lengths)
        var tokens = (0..<length).map { _ in random.nextInt(below: 4) }
        tokens[0] = 6
        tokens[length - 1] = 7
        let span = length / 10
        let first = span + random.nextInt(below: span + 1)
        let second = length / 2 + random.nextInt(below: span + 1)
        let a = random.nextInt(below: 2), b = random.nextInt(below: 2)
        tokens[first] = 4 + a
        tokens[second] = 4 + b
        var classes = [Int](repeating: -1, count: length)
        classes[length - 1] = 2 * a + b
        return .oneHot(tokens, vocabularySize: 8, target: .classes(classes))
    }

    public func trainingExample(random: inout SplitMix64) -> TaskExample { sample(lengths: trainingLengths, random: &random) }

    public func heldOutExamples() -> [TaskExample] {
        seededExamples(400, seed: 0x7E_3B0D) { sample(lengths: lengths, random: &$0) }
    }

    public func evaluate(_ network: RecurrentNetwork) -> TaskMetric {
        accuracyMetric(network, description: "order classified correctly in 400 held-out sequences of length \(lengths.lowerBound)–\(lengths.upperBound)", goal: 0.95)
    }

    public func demoInput() -> String {
        var random = SplitMix64(seed: 11)
        return render(tokens: sample(lengths: lengths, random: &random).tokens ?? [])
    }
}

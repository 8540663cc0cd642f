/// Dyck-1 bracket depth: after every bracket, name the current nesting depth.
///
/// An LSTM solves it with a counter: one cell adds about +1 on "(" and −1 on ")" with its forget
/// gate held open (Suzgun et al. 2019). The metric is measured on strings longer than any seen in
/// training, so only a real counter (not memorised positions) passes.
public struct BracketsTask: TrainingTask {
    public let name = "brackets"
    public let title = "Bracket depth (Dyck-1)"
    public let story = "One cell counts: its value steps up at every '(' and down at every ')', so it reads out the nesting depth."
    public let explanation = """
        Input: a string of brackets, one per step. Target at every step: the current nesting depth \
        (0…\(8)). To solve it on strings longer than it was trained on, the network must count: \
        an LSTM keeps its forget gate near 1 on some unit, opens the input gate at every bracket and \
        writes +g for "(" and −g for ")", so that unit's cell state c is proportional to the depth. \
        Select that unit: its cell trace is a staircase that mirrors the bracket depth.
        """
    public let vocabulary: [String]? = ["(", ")"]
    public let featureNames: [String]? = nil
    public var outputNames: [String] { (0...maxDepth).map { "depth \($0)" } }
    public var inputSize: Int { 2 }
    public var outputSize: Int { maxDepth + 1 }
    public let defaults = TaskDefaults(hiddenSize: 4, steps: 4000, batchSize: 16, learningRate: 0.01)

    /// The deepest nesting generated (and the largest class).
    public let maxDepth = 8
    /// Training string lengths.
    public let trainingLengths = 4...40
    /// Held-out string lengths (longer than any training string).
    public let heldOutLengths = 60...120

    /// The task.
    public init() {}

    /// A random bracket string of `length` whose depth stays in 0…maxDepth, and its depths.
    func sample(length: Int, random: inout SplitMix64) -> (tokens: [Int], depths: [Int]) {
        var tokens: [Int] = [], depths: [Int] = []
        var depth = 0
        for _ in 0..<length {
            let open = depth == 0 ? true : (depth == maxDepth ? false : random.nextBool())
            depth += open ? 1 : -1
            tokens.append(open ? 0 : 1)
            depths.append(depth)
        }
        return (tokens, depths)
    }

    public func trainingExample(random: inout SplitMix64) -> TaskExample {
        let (tokens, depths) = sample(length: random.nextInt(in: trainingLengths), random: &random)
        return .oneHot(tokens, vocabularySize: 2, target: .classes(depths))
    }

    public func heldOutExamples() -> [TaskExample] {
        seededExamples(200, seed: 0xB4AC_4E75) { random in
            let (tokens, depths) = sample(length: random.nextInt(in: heldOutLengths), random: &random)
            return .oneHot(tokens, vocabularySize: 2, target: .classes(depths))
        }
    }

    public func evaluate(_ network: RecurrentNetwork) -> TaskMetric {
        accuracyMetric(network, key: "depth_accuracy", description: "depth accuracy over every step of 200 held-out strings of length \(heldOutLengths.lowerBound)–\(heldOutLengths.upperBound) (training used \(trainingLengths.lowerBound)–\(trainingLengths.upperBound))", goal: 0.99)
    }

    public func demoInput() -> String { "(()(()))((()())(()))()(((())))" }
}

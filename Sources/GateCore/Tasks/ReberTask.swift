/// The embedded Reber grammar (Hochreiter & Schmidhuber 1997; Gers, Schmidhuber & Cummins 2000):
/// predict the next symbol of a continuous stream of grammar strings.
///
/// A string is B, then T or P, then a Reber string, then the same T or P again, then E. Predicting
/// that second-to-last symbol needs the second symbol remembered across the inner string; in a
/// continuous stream, the cell must also forget at every E, or old strings pile up (Gers et al. 2000).
public struct ReberTask: TrainingTask {
    public let name = "reber"
    public let title = "Embedded Reber grammar"
    public let story = "A memory cell stores the branch (T or P) taken after B and its forget gate drops at every E, resetting for the next string."
    public let explanation = """
        Input: a stream of embedded Reber strings, one symbol per step. Target: the next symbol. Most \
        steps allow two successors (scored right when the network's two likeliest symbols are exactly \
        the legal ones); the symbol before each E is determined by the branch T/P taken right after B, \
        a dozen or more steps earlier. A trained LSTM writes that branch into a cell, holds it with \
        the forget gate near 1, and at E drops the forget gate to reset the cell for the next string.
        """
    public let vocabulary: [String]? = ["B", "T", "P", "S", "X", "V", "E"]
    public let featureNames: [String]? = nil
    public let outputNames = ["B", "T", "P", "S", "X", "V", "E"]
    public let inputSize = 7
    public let outputSize = 7
    public let defaults = TaskDefaults(hiddenSize: 12, steps: 3000, batchSize: 8, learningRate: 0.01)

    /// Embedded strings per training or held-out stream.
    public let stringsPerStream: Int

    /// The task with `stringsPerStream` strings per sequence.
    public init(stringsPerStream: Int = 4) { self.stringsPerStream = max(1, stringsPerStream) }

    // Symbols: B 0, T 1, P 2, S 3, X 4, V 5, E 6.
    /// Inner Reber graph: from each node, the two (symbol, next node) choices; node 6 emits E.
    static let graph: [[(symbol: Int, next: Int)]] = [
        [(1, 2), (2, 3)],     // 1: after B
        [(3, 2), (4, 4)],     // 2: S loop, X
        [(1, 3), (5, 5)],     // 3: T loop, V
        [(4, 3), (3, 6)],     // 4: X, S
        [(2, 4), (5, 6)],     // 5: P, V
    ]

    /// One embedded Reber string and, per symbol, the legal successors of that symbol.
    static func embeddedString(random: inout SplitMix64) -> (symbols: [Int], allowed: [[Int]]) {
        var symbols = [0], allowed: [[Int]] = [[1, 2]]
        let branch = random.nextBool() ? 1 : 2
        symbols.append(branch); allowed.append([0])
        // Inner Reber string: B, walk the graph, E.
        symbols.append(0)
        var node = 0
        allowed.append(graph[0].map(\.symbol))
        while node != 5 {
            let options = graph[node]
            let pick = options[random.nextBool() ? 0 : 1]
            symbols.append(pick.symbol)
            if pick.next == 6 {
                allowed.append([6])
                node = 5
            } else {
                node = pick.next - 1
                allowed.append(graph[node].map(\.symbol))
            }
        }
        symbols.append(6); allowed.append([branch])
        symbols.append(branch); allowed.append([6])
        symbols.append(6); allowed.append([0])
        return (symbols, allowed)
    }

    func stream(random: inout SplitMix64) -> TaskExample {
        var tokens: [Int] = [], allowed: [[Int]] = []
        for _ in 0..<stringsPerStream {
            let (s, a) = Self.embeddedString(random: &random)
            tokens += s
            allowed += a
        }
        var classes = Array(tokens.dropFirst()) + [-1]
        classes[classes.count - 1] = -1
        allowed[allowed.count - 1] = []
        return .oneHot(tokens, vocabularySize: 7, target: .classes(classes), allowedNext: allowed)
    }

    public func trainingExample(random: inout SplitMix64) -> TaskExample { stream(random: &random) }

    public func heldOutExamples() -> [TaskExample] {
        seededExamples(100, seed: 0x2EBE_2000) { stream(random: &$0) }
    }

    /// Whether the network's likeliest symbols at `row` are exactly the legal successors.
    static func isRight(_ outputs: Matrix, row: Int, allowed: [Int]) -> Bool {
        Set(TaskScoring.top(allowed.count, of: outputs, row: row)) == Set(allowed)
    }

    /// The fraction of held-out embedded strings in which every step's prediction is right.
    public func evaluate(_ network: RecurrentNetwork) -> TaskMetric {
        var perfect = 0, strings = 0
        for (example, outputs) in heldOutOutputs(network) {
            guard let tokens = example.tokens, let allowed = example.allowedNext else { continue }
            var allRight = true
            for t in 0..<tokens.count {
                if !allowed[t].isEmpty, !Self.isRight(outputs, row: t, allowed: allowed[t]) { allRight = false }
                if tokens[t] == 6, t + 1 < tokens.count ? tokens[t + 1] == 0 : true {
                    strings += 1
                    if allRight { perfect += 1 }
                    allRight = true
                }
            }
        }
        return TaskMetric(key: "string_accuracy",
                          description: "embedded Reber strings with every next-symbol prediction right, \(strings) held-out strings in streams of \(stringsPerStream)",
                          value: strings == 0 ? 0 : Double(perfect) / Double(strings), goal: 0.95, higherIsBetter: true)
    }

    public func score(outputs: Matrix, example: TaskExample) -> (correct: Int, total: Int) {
        guard let allowed = example.allowedNext else { return defaultScore(outputs: outputs, example: example) }
        var correct = 0, total = 0
        for t in 0..<allowed.count where !allowed[t].isEmpty {
            total += 1
            if Self.isRight(outputs, row: t, allowed: allowed[t]) { correct += 1 }
        }
        return (correct, total)
    }

    public func demoInput() -> String {
        var random = SplitMix64(seed: 5)
        return render(tokens: stream(random: &random).tokens ?? [])
    }
}

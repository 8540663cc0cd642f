/// A character-level language model on a text the caller supplies (the demo ships a public-domain
/// novel excerpt): at every step predict the next character.
public struct TextTask: TrainingTask {
    public let name = "text"
    public let title: String
    public let story = "Watch units that switch on inside quotation marks or words and reset at spaces and line breaks; the head's top-k shows the guesses."
    public let explanation = """
        Input: one character per step (one-hot). Target: the next character. The network learns \
        spelling, spaces after words and punctuation, and some units track longer context such as \
        being inside a quotation or near the end of a line (Karpathy, Johnson & Fei-Fei 2015).
        """
    public let vocabulary: [String]?
    public let featureNames: [String]? = nil
    public var outputNames: [String] { vocabulary ?? [] }
    public var inputSize: Int { vocabulary?.count ?? 0 }
    public var outputSize: Int { vocabulary?.count ?? 0 }
    public let defaults = TaskDefaults(hiddenSize: 64, steps: 1500, batchSize: 8, learningRate: 0.005, clipNorm: 5)

    /// The text as token ids.
    public let ids: [Int]
    /// Where the held-out tail starts (the last tenth of the text).
    public let split: Int
    /// Characters per training sequence.
    public let sequenceLength: Int

    /// The task over `text` (its characters become the vocabulary, sorted by code point).
    public init(text: String, title: String = "Character language model", sequenceLength: Int = 64) {
        let characters = text.unicodeScalars.map { String($0) }
        let vocabulary = Array(Set(characters)).sorted { Array($0.unicodeScalars)[0].value < Array($1.unicodeScalars)[0].value }
        var index: [String: Int] = [:]
        for (i, c) in vocabulary.enumerated() { index[c] = i }
        self.vocabulary = vocabulary
        self.ids = characters.map { index[$0]! }
        self.split = ids.count - ids.count / 10
        self.title = title
        self.sequenceLength = sequenceLength
    }

    func example(at start: Int, length: Int) -> TaskExample {
        let tokens = Array(ids[start..<(start + length)])
        let targets = Array(ids[(start + 1)...(start + length)])
        return .oneHot(tokens, vocabularySize: inputSize, target: .classes(targets))
    }

    public func trainingExample(random: inout SplitMix64) -> TaskExample {
        let start = random.nextInt(below: max(1, split - sequenceLength - 1))
        return example(at: start, length: sequenceLength)
    }

    public func heldOutExamples() -> [TaskExample] {
        var result: [TaskExample] = []
        var start = split
        let length = 128
        while start + length + 1 <= ids.count {
            result.append(example(at: start, length: length))
            start += length
        }
        return result
    }

    /// Next-character accuracy on the held-out tail (state reset every 128 characters).
    public func evaluate(_ network: RecurrentNetwork) -> TaskMetric {
        accuracyMetric(network, description: "next-character accuracy on the held-out last tenth of the text (\(ids.count - split) characters, state reset every 128)", goal: 0.40)
    }

    public func demoInput() -> String {
        let start = split
        return render(tokens: Array(ids[start..<min(ids.count, start + 200)]))
    }
}

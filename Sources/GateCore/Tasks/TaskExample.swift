/// One sequence of a task: what goes in, what should come out.
public struct TaskExample: Sendable, Equatable {
    /// The network input, T × X (one-hot rows for token tasks).
    public var input: Matrix
    /// Token ids for token tasks (the input is their one-hot encoding).
    public var tokens: [Int]?
    /// The loss target.
    public var target: TrainingTarget
    /// For grammar tasks, the set of legal next tokens at every step (any of them is right).
    public var allowedNext: [[Int]]?

    /// An example from its parts.
    public init(input: Matrix, tokens: [Int]? = nil, target: TrainingTarget, allowedNext: [[Int]]? = nil) {
        self.input = input
        self.tokens = tokens
        self.target = target
        self.allowedNext = allowedNext
    }

    /// A token example whose input is the one-hot encoding of `tokens` over `vocabularySize` symbols.
    public static func oneHot(_ tokens: [Int], vocabularySize: Int, target: TrainingTarget,
                              allowedNext: [[Int]]? = nil) -> TaskExample {
        var input = Matrix(rows: tokens.count, columns: vocabularySize)
        for (t, token) in tokens.enumerated() { input[t, token] = 1 }
        return TaskExample(input: input, tokens: tokens, target: target, allowedNext: allowedNext)
    }
}

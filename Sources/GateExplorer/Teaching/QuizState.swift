import GateCanvas
/// Quiz mode: before the next step is revealed, the class guesses whether a gate of the selected unit
/// goes up or down; the step is then revealed and the guess scored. At a lesson stop with its own
/// question, that question is asked first: the answer is revealed and the teacher marks it.
public struct QuizState: Sendable, Equatable {
    /// Whether quiz mode is on.
    public var isOn: Bool
    /// The question waiting for ↑ or ↓, if any.
    public var pending: QuizQuestion?
    /// The lesson stop's own question waiting for the class, if any.
    public var stopQuestion: String?
    /// Whether the stop question's answer has been revealed (↑/↓ then mark it).
    public var stopAnswerRevealed: Bool
    /// The stops whose question was asked (0-based), so that each is asked once.
    public var askedStops: Set<Int>
    /// Guesses scored right.
    public var correct: Int
    /// Guesses made.
    public var asked: Int
    /// The last reveal, for the panel ("✔ up: f 0.42 → 0.91").
    public var lastResult: String?

    /// A quiz, off or on.
    public init(isOn: Bool = false) {
        self.isOn = isOn
        pending = nil
        stopQuestion = nil
        stopAnswerRevealed = false
        askedStops = []
        correct = 0
        asked = 0
        lastResult = nil
    }

    /// Whether a question (the step's or the stop's) waits for the class.
    public var isWaiting: Bool { pending != nil || stopQuestion != nil }

    /// Poses stop `index`'s question, once per stop.
    public mutating func ask(stop index: Int, question: String?) {
        guard isOn, let question, !askedStops.contains(index) else { return }
        askedStops.insert(index)
        pending = nil
        stopQuestion = question
        stopAnswerRevealed = false
    }

    /// Marks the stop question: the class got it (or not).
    public mutating func mark(stopQuestionRight right: Bool) {
        guard stopQuestion != nil else { return }
        asked += 1
        if right { correct += 1 }
        lastResult = "\(right ? "✔ the class got it" : "✘ not this time") · score \(correct)/\(asked)"
        stopQuestion = nil
        stopAnswerRevealed = false
    }

    /// Scores `guessUp` against the value revealed at the next step; returns whether it was right.
    /// A change under 0.005 counts as right either way (the gate stayed put).
    @discardableResult
    public mutating func answer(guessUp: Bool, revealed: Float) -> Bool {
        guard let question = pending else { return false }
        let change = revealed - question.value
        let right = abs(change) < 0.005 || (guessUp ? change > 0 : change < 0)
        asked += 1
        if right { correct += 1 }
        let direction = abs(change) < 0.005 ? "stayed" : (change > 0 ? "went up" : "went down")
        lastResult = "\(right ? "✔ right" : "✘ not quite"): \(question.word) of unit \(question.unit + 1) \(direction), "
            + "\(Self.format(question.value)) → \(Self.format(revealed)) at t=\(question.step + 2) · score \(correct)/\(asked)"
        pending = nil
        return right
    }

    static func format(_ value: Float) -> String {
        let scaled = (Double(value) * 100).rounded() / 100
        return String(format2: scaled)
    }
}

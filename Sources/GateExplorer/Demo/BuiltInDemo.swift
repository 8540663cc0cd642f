import GateCanvas
import GateCore

/// The demo that always works: a six-unit LSTM with hand-set weights that reads a bracket string.
///
/// Input: one-hot `(` = [1, 0], `)` = [0, 1]. Every weight not listed is 0; `bias_hh` is all 0.
/// Units (0-based index in the tensors; the explorer shows them numbered from 1):
///
/// | unit | role | input gate i | forget gate f | candidate g | output gate o |
/// |---|---|---|---|---|---|
/// | 0 | depth counter | bias 6 (open) | bias 6 (keeps) | ±0.55 from `(`/`)` → writes ±0.5 | bias 4 |
/// | 1 | last bracket | bias 6 | bias −6 (forgets every step) | ±2 from `(`/`)` | bias 4 |
/// | 2 | "deep" alarm | bias 6 | bias −6 | bias 3 (≈ +1) | 60·h₀ ± 17.7 − 31.3: opens at depth ≥ 2 |
/// | 3 | group length | bias 6 | 20·h₀ − 4: shuts when the brackets balanced | bias 0.2554 (+0.25) | bias 4 |
/// | 4 | fading echo of `)` | −6 on `(`, +6 on `)` | bias 0 (keeps half) | bias 2 (≈ +0.96) | bias 4 |
/// | 5 | first-bracket memory | −60·h₃ + 6: open only at step 1 | bias 6 | ±2 from `(`/`)` | bias 4 |
///
/// The head reads the counter: logit(`)`) = 10·h₀ − 4.5, logit(`(`) = 0, so with nothing open `)`
/// gets about 1 %, at depth 1 it is a coin toss, and deeper closing is likely.
public enum BuiltInDemo {
    /// The demo's name (also the name `--demo` accepts).
    public static let name = "brackets-builtin"

    /// The input sequence.
    public static let text = "(()(()))((())"

    /// Token strings by id.
    public static let vocabulary = ["(", ")"]

    /// Hidden units.
    public static let hiddenSize = 6

    /// A few sentences on what to look at.
    public static let story = """
        A hand-built LSTM reading brackets. Unit 1 counts the depth: its forget gate stays at 1 and each \
        bracket writes +0.5 or −0.5 onto the belt. Unit 3 only lets its cell out (output gate) at depth 2 or \
        more. Unit 4 counts the length of the current group and its forget gate snaps to 0 when a new group \
        starts. Unit 5 is a memory that fades by half every step; unit 6 writes once, at the first step, and keeps it.
        """

    /// The network with its documented weights.
    public static let network: RecurrentNetwork = {
        let h = hiddenSize
        var inputWeights = Matrix(rows: 4 * h, columns: 2)
        var recurrentWeights = Matrix(rows: 4 * h, columns: h)
        var bias = [Float](repeating: 0, count: 4 * h)
        let i = 0, f = h, g = 2 * h, o = 3 * h
        func both(_ row: Int, open: Float, close: Float) {
            inputWeights[row, 0] = open
            inputWeights[row, 1] = close
        }
        // Unit 0: depth counter.
        bias[i + 0] = 6; bias[f + 0] = 6; both(g + 0, open: 0.55, close: -0.55); bias[o + 0] = 4
        // Unit 1: last bracket.
        bias[i + 1] = 6; bias[f + 1] = -6; both(g + 1, open: 2, close: -2); bias[o + 1] = 4
        // Unit 2: "deep" alarm: the output gate opens at depth ≥ 2.
        bias[i + 2] = 6; bias[f + 2] = -6; bias[g + 2] = 3
        recurrentWeights[o + 2, 0] = 60; both(o + 2, open: 17.7, close: -17.7); bias[o + 2] = -31.3
        // Unit 3: length of the current group; forgets when the previous step left depth 0.
        bias[i + 3] = 6; recurrentWeights[f + 3, 0] = 20; bias[f + 3] = -4; bias[g + 3] = 0.2554; bias[o + 3] = 4
        // Unit 4: fading echo of ')'.
        both(i + 4, open: -6, close: 6); bias[f + 4] = 0; bias[g + 4] = 2; bias[o + 4] = 4
        // Unit 5: writes the first bracket's sign once and keeps it.
        recurrentWeights[i + 5, 3] = -60; bias[i + 5] = 6; bias[f + 5] = 6; both(g + 5, open: 2, close: -2)
        bias[o + 5] = 4
        let lstm = LSTMWeights(inputWeights: inputWeights, recurrentWeights: recurrentWeights, inputBias: bias)
        var headWeights = Matrix(rows: 2, columns: h)
        headWeights[1, 0] = 10
        let head = LinearHead(weights: headWeights, bias: [0, -4.5])
        return RecurrentNetwork(layers: [[.lstm(lstm)]], head: head, vocabulary: vocabulary,
                                metadata: ["task": "brackets", "source": "built-in, hand-set weights"])
    }()

    /// Token ids of `text` (characters other than brackets are skipped).
    public static func tokens(for text: String) -> [Int] {
        text.compactMap { $0 == "(" ? 0 : ($0 == ")" ? 1 : nil) }
    }

    /// The explorer run of the demo over `text` (the default sequence when nil).
    public static func run(text: String? = nil) -> ExplorerRun {
        let tokens = tokens(for: text ?? self.text)
        let input = (try? network.encode(tokens: tokens)) ?? Matrix(rows: 0, columns: 2)
        // The weights are fixed and checked by the tests, so running them cannot fail.
        let trace = (try? network.run(input, tokens: tokens))
            ?? NetworkTrace(input: input, tokens: tokens, layers: [])
        return ExplorerRun(name: "brackets", title: "bracket depth · built-in hand-set weights", story: story,
                           trace: trace, network: network, vocabulary: vocabulary, suggestedUnit: 0,
                           modelDescription: nil)
    }
}

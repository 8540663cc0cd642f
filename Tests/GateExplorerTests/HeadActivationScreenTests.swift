import GateCanvas
import GateCore
import Testing
@testable import GateExplorer

/// A head with its own activation (Keras `Dense(activation="softmax")`) as the explorer shows it: the
/// summary and the inspector's head line name the activation, and the probabilities are the head's own
/// output, not a softmax of it taken again.
@Suite struct HeadActivationScreenTests {
    /// The brackets demo with a softmax head: the same logits, so the same probabilities as the demo shows.
    static func softmaxRun() throws -> ExplorerRun {
        var network = BuiltInDemo.network
        network.head?.activation = .softmax
        let demo = BuiltInDemo.run()
        let trace = try network.run(demo.trace.input, tokens: demo.trace.tokens)
        return ExplorerRun(name: "brackets", title: demo.title, trace: trace, network: network, suggestedUnit: 0)
    }

    @Test func theScreenNamesTheActivation() throws {
        var state = ExplorerState(run: try Self.softmaxRun())
        state.move(to: 6)
        let buffer = ExplorerTestSupport.render(state, width: 120, height: 40, mode: .truecolor)
        let (text, golden) = try BufferSnapshot.compare(buffer, named: "explorer-softmax-head-120x40-truecolor")
        #expect(text == golden, "explorer-softmax-head-120x40-truecolor.snap differs; rerun with GATESCOPE_RECORD_SNAPSHOTS=1 and review the diff")
        #expect(buffer.plainText().contains("head 6→2 softmax"))
        #expect(buffer.plainText().contains("head (softmax) · next"))
    }

    @Test func probabilitiesAreTheHeadsOwnNotASecondSoftmax() throws {
        let logits = BuiltInDemo.run()
        let probabilities = try Self.softmaxRun()
        for step in [0, 3, 6] {
            let a = try #require(Prediction(run: logits, step: step)), b = try #require(Prediction(run: probabilities, step: step))
            #expect(a.topTokens.map(\.token) == b.topTokens.map(\.token))
            for (x, y) in zip(a.topTokens.map(\.probability), b.topTokens.map(\.probability)) { #expect(abs(x - y) <= 1e-6) }
        }
        // A replayed trace without its network: the activation comes from the trace.
        var replay = try Self.softmaxRun()
        replay.network = nil
        replay.recordedHeadActivation = .softmax
        let replayed = try #require(Prediction(run: replay, step: 6))
        let direct = try #require(Prediction(run: try Self.softmaxRun(), step: 6))
        #expect(replayed.topTokens.map(\.probability) == direct.topTokens.map(\.probability))
        // A sigmoid head's outputs are each their own probability: shown as they are.
        #expect(Prediction.probabilities([0.9, 0.8], activation: .sigmoid) == [0.9, 0.8])
    }
}

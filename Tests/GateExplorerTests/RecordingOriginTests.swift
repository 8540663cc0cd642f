import GateCanvas
import GateCore
@testable import GateExplorer
import Testing

/// A session recording (`r`) that starts mid-run and jumps, replayed: every step number and every
/// equation's numbers come from the original run, checked against an independent recomputation.
@Suite struct RecordingOriginTests {
    /// Records steps 11–16, jumps with `:50`, records 50–53 (steps from 1), and returns the session's
    /// run, the recording and what the sink was given.
    static func recordWithAJump(_ network: RecurrentNetwork) throws -> (run: ExplorerRun, trace: NetworkTrace, origin: RecordedSteps) {
        let run = try ExplorerTestSupport.sineRun(network, steps: 60)
        let sink = MemoryRecordingSink()
        var app = ReplaySessionTests.session(run, sink: sink)
        for _ in 0..<10 { _ = app.handle(.key(.right)) }
        _ = app.handle(.key(.character("r")))
        for _ in 0..<5 { _ = app.handle(.key(.right)) }
        for key in [":", "5", "0"] { _ = app.handle(.key(.character(Character(key)))) }
        _ = app.handle(.key(.enter))
        for _ in 0..<3 { _ = app.handle(.key(.right)) }
        _ = app.handle(.key(.character("r")))
        let saved = try #require(sink.saved.first)
        return (run, saved.trace, try #require(sink.origins.first))
    }

    /// U·h₋₁ for `row` of the stacked gate weights, by hand.
    static func recurrent(_ weights: Matrix, row: Int, _ previous: [Float]) -> Float {
        (0..<weights.columns).reduce(Float(0)) { $0 + weights[row, $1] * previous[$1] }
    }

    @Test func jumpsAndTheStartAreStoredAndTheEquationsUseTheTruePreviousState() throws {
        let network = ExplorerTestSupport.randomNetwork(kind: .lstm, input: 2, hidden: 5, bidirectional: true)
        let (run, trace, origin) = try Self.recordWithAJump(network)
        // Hand-counted from the keys: steps 11–16 (0-based 10..<16), then 50–53 (49..<53).
        #expect(origin.segments.map(\.steps) == [10..<16, 49..<53])
        #expect(trace.steps == 10)
        // The file form reads back the same.
        #expect(RecordedSteps(metadata: origin.metadata, rows: 10) == origin)
        #expect(origin.metadata[RecordedSteps.stepsKey] == "11-16,50-53")

        var checked = 0
        for layer in trace.layers {
            let direction = layer.isReverse ? 1 : 0
            guard case .lstm(let weights) = network.layers[0][direction] else { Issue.record("not an LSTM"); return }
            let whole = try #require(run.trace.layers.first { $0.key == layer.key })
            for row in 0..<trace.steps {
                let step = origin.step(ofRow: row)
                // The independent truth: the whole run's state before this step (zeros at its ends).
                let previousStep = layer.isReverse ? step + 1 : step - 1
                let inRun = previousStep >= 0 && previousStep < whole.steps
                let previousHidden = inRun ? whole.hidden.row(previousStep) : [Float](repeating: 0, count: 5)
                let previousCell = inRun ? whole.series[SeriesName.cell]!.row(previousStep) : [Float](repeating: 0, count: 5)
                let carried = origin.carriedState(row: row, layerKey: layer.key, reverse: layer.isReverse)
                for unit in 0..<5 {
                    let explanation = UnitExplanation(layer: layer, step: row, unit: unit, weights: network.layers[0][direction],
                                                      layerInput: trace.input, carried: carried)
                    let belt = try #require(explanation.belt)
                    #expect(abs(belt.previous - previousCell[unit]) < 1e-6, "\(layer.key) row \(row) unit \(unit)")
                    #expect(abs(belt.kept + belt.written - belt.next) < 1e-5)
                    for (symbol, gateRow) in [("i", 0), ("f", 1), ("g", 2), ("o", 3)] {
                        let term = try #require(explanation.terms.first { $0.symbol == symbol })
                        let parts = try #require(term.parts)
                        let expected = Self.recurrent(weights.recurrentWeights, row: gateRow * 5 + unit, previousHidden)
                        #expect(abs(parts.recurrent - expected) < 1e-5, "\(layer.key) row \(row) \(symbol)")
                        // The parts add up to the pre-activation the run's kernel recorded.
                        let recorded = try #require(term.preactivation)
                        #expect(abs(parts.total - recorded) < 1e-4, "\(layer.key) row \(row) \(symbol)")
                        checked += 1
                    }
                }
            }
        }
        #expect(checked == 2 * 10 * 5 * 4)
    }

    /// The replay screen (120 × 40) of a recording with a jump, made by `configure`, after `keys`.
    static func replayScreen(keys: [Key], configure: (inout ExplorerRun, RecordedSteps) -> Void) throws -> (screen: String, step: Int) {
        let network = ExplorerTestSupport.randomNetwork(kind: .lstm, input: 2, hidden: 5)
        let (_, trace, origin) = try recordWithAJump(network)
        var replay = ExplorerRun(name: "rec", title: "replay", trace: trace, network: network)
        configure(&replay, origin)
        var app = ReplaySessionTests.session(replay)
        for key in keys { _ = app.handle(.key(key)) }
        var buffer = CellBuffer(width: 120, height: 40)
        app.render(into: &buffer)
        return (buffer.plainText(), app.explorer.state.step)
    }

    @Test func replayShowsTheOriginalStepsTheJumpAndGoesToOriginalSteps() throws {
        let (screen, step) = try Self.replayScreen(keys: [.character(":"), .character("5"), .character("0"), .enter]) { run, origin in
            run.origin = origin
        }
        #expect(step == 6)
        #expect(screen.contains("t=50 · row 7/10 ‖ jump from 16"))
        #expect(screen.contains("step 50 (row 7 of 10)"))
    }

    @Test func anOldRecordingSaysThePreviousStateIsNotRecordedInsteadOfTakingZero() throws {
        let (screen, _) = try Self.replayScreen(keys: []) { run, _ in run.firstRowPredecessorUnknown = true }
        #expect(screen.contains("c₋₁ not recorded"))
        #expect(screen.contains("U·h₋₁ cannot be computed"))
        #expect(!screen.contains("·0.00 +"))
    }

    @Test func aRecordingOfAReplayedRecordingIsToldInTheOriginalSteps() {
        // Rows 0–5 were steps 10–15, rows 6–9 steps 49–52 (a jump between rows 5 and 6).
        let replayed = RecordedSteps(segments: [
            .init(firstStep: 10, count: 6, states: ["l0.hidden": [1], "l0.cell": [2]]),
            .init(firstStep: 49, count: 4, states: ["l0.hidden": [3], "l0.cell": [4]]),
        ])
        // Recording rows 3–7 of the replay (one segment in its rows) crosses that jump.
        let again = RecordedSteps(segments: [.init(firstStep: 3, count: 5, states: ["l0.hidden": [5], "l0.cell": [6]])])
        let composed = again.composed(over: replayed)
        #expect(composed.segments == [
            .init(firstStep: 13, count: 3, states: ["l0.hidden": [5], "l0.cell": [6]]),
            .init(firstStep: 49, count: 2, states: ["l0.hidden": [3], "l0.cell": [4]]),
        ])
    }
}

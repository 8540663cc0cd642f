import GateCanvas
import Foundation
import GateCore
import Testing
@testable import GateExplorer

/// The inspector's numbers, checked against an LSTM step computed here from the documented weights.
struct ExplorerInspectorTests {
    /// The demo's unit 4 (index 3, the group-length unit) at step 9, computed by hand: its forget
    /// gate reads the counter's h at step 8, when the brackets have just balanced.
    @Test func inspectorShowsTheNumbersOfTheSelectedUnit() throws {
        func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
        // Walk the counter (unit index 0) and the group unit (index 3) through "(()(()))(" by hand.
        let text = Array("(()(()))(")
        var c0 = 0.0, h0 = 0.0, c3 = 0.0
        var f3 = 0.0, i3 = 0.0, g3 = 0.0, o3 = 0.0, previousC3 = 0.0, forgetPre = 0.0, fromPast = 0.0
        for character in text {
            let open = character == "(" ? 1.0 : 0.0, close = 1 - open
            fromPast = 20 * h0
            forgetPre = fromPast - 4
            f3 = sigmoid(forgetPre); i3 = sigmoid(6); g3 = tanh(0.2554); o3 = sigmoid(4)
            previousC3 = c3
            c3 = f3 * c3 + i3 * g3
            let newC0 = sigmoid(6) * c0 + sigmoid(6) * tanh(0.55 * open - 0.55 * close)
            c0 = newC0
            h0 = sigmoid(4) * tanh(c0)
        }
        let h3 = o3 * tanh(c3)

        var state = ExplorerTestSupport.demoState()
        state.move(to: 8)
        state.select(unit: 3)
        let frame = ExplorerFrame(state: state, width: 160, height: 50, mode: .truecolor)
        let lines = frame.inspectorLines().map(\.text)
        func fmt(_ v: Double) -> String { NumberFormat.fixed(Float(v), 2) }
        #expect(lines[0] == "unit 4 · step 9 of 13 · input '('")
        #expect(lines.contains("f = σ(\(fmt(forgetPre))) = \(fmt(f3))  keeps \(NumberFormat.percent(Float(f3))) of c₋₁"))
        #expect(lines.contains("i = σ(6.00) = \(fmt(i3))  writes 100% of g"))
        #expect(lines.contains("g = tanh(0.26) = \(fmt(g3))  the candidate to write"))
        #expect(lines.contains("  = \(fmt(f3))·\(fmt(previousC3)) + \(fmt(i3))·\(fmt(g3)) = \(fmt(c3))"))
        #expect(lines.contains("h = o·tanh(c) = \(fmt(o3))·\(fmt(tanh(c3))) = \(fmt(h3))"))
        // The forget gate's pre-activation split: no input weight, 20·h₀ from the past, bias −4.
        #expect(lines.contains("  f \(NumberFormat.signedAligned(Float(forgetPre))) =  0.00 + \(NumberFormat.signedAligned(Float(fromPast))) + -4.00"))
        #expect(f3 < 0.1, "the group unit forgets when a new group starts")
    }

    @Test func beltLineShowsTheArithmetic() {
        var state = ExplorerTestSupport.demoState()
        state.move(to: 1)
        let text = ExplorerTestSupport.render(state).plainText()
        // Counter: 0.50 kept ×1.00, +0.50 written → 1.00 at depth 2.
        #expect(text.contains("unit 1 at t=2  c: 0.50 ─×1.00→ 0.50 ─+0.50→ 1.00"))
    }

    @Test func statisticsMatchTheirDefinitions() throws {
        let state = ExplorerTestSupport.demoState()
        let stats = state.layerStatistics
        let f = try #require(state.layer.series[SeriesName.forgetGate])
        for unit in 0..<6 {
            let column = f.column(unit)
            let mean = column.reduce(0, +) / Float(column.count)
            let saturated = Float(column.filter { $0 < 0.1 || $0 > 0.9 }.count) / Float(column.count)
            #expect(abs(stats.meanKeep![unit] - mean) < 1e-6)
            #expect(stats.saturation[SeriesName.forgetGate]![unit] == saturated)
            if mean < 1 {
                let tau = -1 / log(mean)
                #expect(abs(stats.memoryTimeConstant(unit: unit)! - tau) < 1e-3 * max(1, tau))
            }
        }
        // The fading echo (unit 5) keeps half: τ = −1/ln 0.5 ≈ 1.44 steps.
        #expect(abs(stats.memoryTimeConstant(unit: 4)! - 1.4427) < 0.01)
    }

    @Test func predictionIsASoftmaxOfTheHead() throws {
        let run = BuiltInDemo.run()
        let prediction = try #require(Prediction(run: run, step: 7))
        // After "(()(()))" nothing is open: ")" is nearly impossible.
        #expect(prediction.best == "(")
        #expect(prediction.topTokens[1].probability < 0.05)
        #expect(abs(prediction.topTokens.map(\.probability).reduce(0, +) - 1) < 1e-5)
    }

    @Test func replayWithoutWeightsSaysWhatItCannotShow() {
        var run = BuiltInDemo.run()
        run.network = nil
        let state = ExplorerState(run: run)
        let lines = ExplorerFrame(state: state, width: 160, height: 50, mode: .truecolor).inspectorLines().map(\.text)
        #expect(lines.contains("f = σ(6.00) = 1.00  keeps 100% of c₋₁"))
        #expect(lines.contains { $0.contains("weights are not known") })
    }

    @Test func exactNumbersShowSixDecimals() {
        var state = ExplorerTestSupport.demoState()
        _ = state.apply(.toggleExactNumbers, viewport: ExplorerViewport(unitsPerPage: 6, focusTargets: []))
        let lines = ExplorerFrame(state: state, width: 160, height: 50, mode: .truecolor).inspectorLines().map(\.text)
        #expect(lines.contains { $0.hasPrefix("f = σ(6.000000) = 0.997527") })
    }
}

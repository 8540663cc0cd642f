import GateCanvas
import GateCore
@testable import GateExplorer
import Testing

/// The colour legend of a plain RNN shows only the signed scale (an RNN has no gates); LSTM and GRU
/// screens keep both scales.
struct RNNLegendTests {
    @Test(arguments: [CellKind.rnnTanh, .rnnRelu, .lstm, .gru])
    func legendShowsGateScaleOnlyForGatedCells(kind: CellKind) throws {
        let network = ExplorerTestSupport.randomNetwork(kind: kind, input: 2, hidden: 5)
        var state = ExplorerState(run: try ExplorerTestSupport.sineRun(network, steps: 20))
        state.move(to: 4)
        let gated = kind == .lstm || kind == .gru
        let legend = ExplorerFrame(state: state, width: 200, height: 60, mode: .truecolor).legendLine().text
        #expect(legend.contains("gate 0") == gated, "\(legend)")
        #expect(legend.contains(kind == .lstm ? "c per unit, unit 1: −" : "h per unit, unit 1: −"), "\(legend)")
        for (width, height) in [(200, 60), (80, 24)] {
            let screen = ExplorerTestSupport.render(state, width: width, height: height).plainText()
            if !gated { #expect(!screen.contains("gate 0"), "\(width)×\(height)") }
        }
        let wide = ExplorerTestSupport.render(state, width: 200, height: 60).plainText()
        #expect(wide.contains(kind == .lstm ? "c per unit" : "h per unit"))
    }
}

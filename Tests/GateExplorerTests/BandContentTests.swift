import GateCanvas
import GateCore
@testable import GateExplorer
import Testing

/// The all-layers view's `v`: bands cycle from the belt to the gates, the label says which, the numbers
/// are the gate's, and clicks still land on the band drawn.
@Suite struct BandContentTests {
    static let viewport = ExplorerViewport(unitsPerPage: 8, focusTargets: [.panel(0)])

    static func state(kind: CellKind, layers: Int = 2, bidirectional: Bool = false) throws -> ExplorerState {
        let network = ExplorerTestSupport.randomNetwork(kind: kind, input: 2, hidden: 3, layers: layers, bidirectional: bidirectional)
        var state = ExplorerState(run: try ExplorerTestSupport.sineRun(network, steps: 20))
        _ = state.apply(.toggleAllLayers, viewport: viewport)
        state.move(to: 6)
        state.select(unit: 1)
        return state
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func lstmBandsCycleThroughTheGates(width: Int, height: Int) throws {
        var state = try Self.state(kind: .lstm)
        let expected = [("c", "cell c"), ("f", "forget gate f"), ("i", "input gate i"), ("o", "output gate o"), ("c", "cell c")]
        let series = [SeriesName.cell, SeriesName.forgetGate, SeriesName.inputGate, SeriesName.outputGate, SeriesName.cell]
        for (index, (symbol, name)) in expected.enumerated() {
            let screen = ExplorerTestSupport.render(state, width: width, height: height).plainText()
            #expect(screen.contains(" → \(symbol) L1") && screen.contains(" → \(symbol) L2"), "\(symbol) at \(width)")
            if index > 0 && index < 4 {
                #expect(screen.contains("layer 2 · \(name)") || screen.contains("layer 2 → forward · \(name)") || screen.contains("· \(name) ·"), "\(name)")
                #expect(screen.contains(" 0 shut █████ 1 open "), "the gate legend's swatch")
                let layer = try #require(state.run.trace.layer(1, reverse: false))
                let value = try #require(layer.value(series[index], step: 6, unit: 1))
                #expect(screen.contains("\(symbol) = \(VariantViewTests.two(value))"), "layer 2's \(symbol) for unit 2 at t=7")
            } else {
                #expect(screen.contains(" − █████ + per unit (S)"), "the signed legend's swatch")
            }
            #expect(state.bandContent == BandContent.allCases[index % 4])
            _ = state.apply(.cycleBandContent, viewport: Self.viewport)
        }
    }

    @Test func gruCyclesUpdateAndResetAndRNNStaysOnItsBelt() throws {
        var gru = try Self.state(kind: .gru)
        _ = gru.apply(.cycleBandContent, viewport: Self.viewport)
        #expect(ExplorerTestSupport.render(gru, width: 200, height: 60).plainText().contains("update gate z"))
        _ = gru.apply(.cycleBandContent, viewport: Self.viewport)
        #expect(ExplorerTestSupport.render(gru, width: 200, height: 60).plainText().contains("reset gate r"))
        _ = gru.apply(.cycleBandContent, viewport: Self.viewport)
        #expect(gru.bandContent == .belt, "a GRU has no output gate")
        var rnn = try Self.state(kind: .rnnTanh)
        _ = rnn.apply(.cycleBandContent, viewport: Self.viewport)
        #expect(rnn.bandContent == .belt)
        #expect(!ExplorerTestSupport.render(rnn, width: 80, height: 24).plainText().contains("v show"))
    }

    @Test func clicksLandOnTheSameBandsWhateverTheyShow() throws {
        var state = try Self.state(kind: .lstm, layers: 1, bidirectional: true)
        let belt = ExplorerFrame(state: state, width: 80, height: 24, mode: .truecolor).bandPlacements()
        _ = state.apply(.cycleBandContent, viewport: Self.viewport)
        let frame = ExplorerFrame(state: state, width: 80, height: 24, mode: .truecolor)
        let gates = frame.bandPlacements()
        #expect(gates.map(\.heatmap) == belt.map(\.heatmap))
        #expect(gates.map(\.band.series) == [SeriesName.forgetGate, SeriesName.forgetGate, SeriesName.hidden])
        let reverse = gates[1]
        let hit = try #require(frame.bandHit(x: reverse.heatmap.x + 3, y: reverse.heatmap.y))
        #expect(hit.layer == 0 && hit.isReverse && hit.step == frame.layout.timeWindow.start + 3)
    }

    @Test func theKeyIsBoundAndInTheHelp() {
        #expect(ExplorerKeys.command(for: .character("v")) == .cycleBandContent)
        #expect(ExplorerKeys.map.bindings.contains { $0.keysLabel == "v" && $0.meaning.contains("belt / gates") })
    }
}

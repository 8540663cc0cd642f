import GateCanvas
import GateCore
@testable import GateExplorer
import Testing

/// The side-by-side view's per-unit readout (LSTM f i g o c h, GRU r z n h, RNN h at the cursor step)
/// and `[` `]`, which switch the layer shown in every column.
@Suite struct TwinsReadoutTests {
    static func runs(layers: Int) throws -> [ExplorerRun] {
        try [CellKind.lstm, .gru, .rnnTanh].map {
            try ExplorerTestSupport.sineRun(ExplorerTestSupport.randomNetwork(kind: $0, input: 2, hidden: 4, layers: layers), steps: 30)
        }
    }

    static func screen(_ state: TwinsState, _ width: Int, _ height: Int) -> String {
        var buffer = CellBuffer(width: width, height: height)
        TwinsFrame(state: state, width: width, height: height, mode: .truecolor).render(into: &buffer)
        return buffer.plainText()
    }

    /// "f 0.12" for every series, as the readout prints them.
    static func expected(_ layer: LayerTrace, step: Int, unit: Int) throws -> [String] {
        let names: [(String, String)] = switch layer.kind {
        case .lstm: [("f", SeriesName.forgetGate), ("i", SeriesName.inputGate), ("g", SeriesName.cellCandidate),
                     ("o", SeriesName.outputGate), ("c", SeriesName.cell), ("h", SeriesName.hidden)]
        case .gru: [("r", SeriesName.resetGate), ("z", SeriesName.updateGate), ("n", SeriesName.candidate), ("h", SeriesName.hidden)]
        default: [("h", SeriesName.hidden)]
        }
        return try names.map { "\($0.0) " + VariantViewTests.two(try #require(layer.value($0.1, step: step, unit: unit))) }
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func everyColumnShowsTheSelectedUnitsValues(width: Int, height: Int) throws {
        let runs = try Self.runs(layers: 1)
        var state = TwinsState(runs: runs)
        for _ in 0..<7 { _ = state.apply(.stepForward) }
        _ = state.apply(.nextUnit)
        let unit = state.selectedUnit
        let screen = Self.screen(state, width, height)
        for run in runs {
            let layer = try #require(run.trace.layer(0))
            for item in try Self.expected(layer, step: 7, unit: unit) {
                #expect(screen.contains(item), "\(layer.kind) \(item) at \(width)×\(height)")
            }
        }
        #expect(screen.contains(" predicts "), "the prediction still shows at \(width)×\(height)")
        #expect(!screen.contains("layer 1/"), "one layer: no layer count")
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func bracketsSwitchTheLayerInEveryColumn(width: Int, height: Int) throws {
        let runs = try Self.runs(layers: 2)
        var state = TwinsState(runs: runs)
        for _ in 0..<4 { _ = state.apply(.stepForward) }
        #expect(state.layerPosition == 1, "the top layer first")
        #expect(Self.screen(state, width, height).contains("layer 2/2"))
        _ = state.apply(.previousLayer)
        #expect(state.layerPosition == 0)
        let screen = Self.screen(state, width, height)
        #expect(screen.contains("layer 1/2"))
        #expect(screen.components(separatedBy: " L1 ").count - 1 == 3, "every column says L1 at \(width)×\(height)")
        let frame = TwinsFrame(state: state, width: width, height: height, mode: .truecolor)
        for run in runs {
            let layer = try #require(run.trace.layer(0))
            let readout = frame.readoutLines(layer: layer, unit: state.selectedUnit).map(\.text).joined(separator: " ")
            for item in try Self.expected(layer, step: 4, unit: state.selectedUnit) {
                #expect(readout.contains(item), "\(layer.kind) layer 1 \(item)")
            }
        }
        _ = state.apply(.previousLayer)
        #expect(state.layerPosition == 1, "[ on the first layer wraps to the top one, as in every screen")
        #expect(Self.screen(state, width, height).components(separatedBy: " L2 ").count - 1 == 3)
        _ = state.apply(.nextLayer)
        #expect(state.layerPosition == 0, "] on the top layer wraps to the first")
    }
}

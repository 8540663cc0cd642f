import GateCanvas
import Foundation
import GateCore
import GateFormats
@testable import GateExplorer
import Testing

/// An LSTM with `proj_size` (H = 6 gates, P = 4 hidden): with unit 5 or 6 selected, the unit marker
/// stands beside the gate and cell panels but not beside the hidden panel, which has no such unit
/// (it was drawn in the hidden panel's empty third row, on its "output" label).
struct ProjectedHiddenMarkerTests {
    static let model = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("GateCoreTests/Fixtures/lstm_proj.model.safetensors").path

    @Test func markerOnlyBesideSeriesThatHaveTheUnit() throws {
        let network = try ModelImporter.load(path: Self.model)
        var state = ExplorerState(run: try ExplorerTestSupport.sineRun(network, steps: 8))
        state.move(to: 3)
        state.selectedUnit = 5
        let lines = ExplorerTestSupport.render(state, width: 120, height: 40).plainText().split(separator: "\n").map(String.init)
        let marked = lines.filter { $0.contains("6▄") }
        // input, forget, candidate, output gates and the cell; not hidden.
        #expect(marked.count == 5, "\(marked)")
        let hidden = try #require(lines.firstIndex { $0.hasPrefix(" hidden h") })
        #expect(!lines[hidden...].prefix(3).contains { $0.contains("6▄") })
        // The hidden panel says it is projected, not plain o·tanh c.
        #expect(lines[hidden + 1].hasPrefix(" proj. of") && lines[hidden + 2].hasPrefix(" o·tanh c"))
        state.selectedUnit = 3
        let four = ExplorerTestSupport.render(state, width: 120, height: 40).plainText()
        #expect(four.components(separatedBy: "4▄").count - 1 == 6)
    }
}

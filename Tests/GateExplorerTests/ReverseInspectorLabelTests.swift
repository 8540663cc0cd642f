import GateCanvas
import GateCore
@testable import GateExplorer
import Testing

/// The inspector of a reverse direction names its previous state c₊₁ / h₊₁ (step t+1, which it read
/// before t), not c₋₁ / h₋₁; the numbers were already step t+1's.
struct ReverseInspectorLabelTests {
    @Test(arguments: [CellKind.lstm, .gru])
    func reverseSaysPlusOne(kind: CellKind) throws {
        let network = ExplorerTestSupport.randomNetwork(kind: kind, input: 2, hidden: 5, bidirectional: true)
        var app = ExplorerApp(run: try ExplorerTestSupport.sineRun(network, steps: 12))
        _ = app.handle(.resize(width: 200, height: 60))
        for _ in 0..<4 { _ = app.handle(.key(.character("l"))) }
        let forward = ExplorerFrame(state: app.state, width: 200, height: 60, mode: .truecolor).inspectorLines().map(\.text)
        #expect(forward.contains { $0.contains("₋₁") })
        #expect(!forward.contains { $0.contains("₊₁") })
        _ = app.handle(.key(.character("d")))
        #expect(app.state.layer.isReverse)
        let reverse = ExplorerFrame(state: app.state, width: 200, height: 60, mode: .truecolor).inspectorLines().map(\.text)
        #expect(!reverse.contains { $0.contains("₋₁") }, "\(reverse)")
        #expect(reverse.contains { $0.contains(kind == .lstm ? "c = f·c₊₁ + i·g" : "h = z·h₊₁ + (1−z)·n") })
        #expect(reverse.contains { $0.hasPrefix("layer 1 ← · ₊₁ = step t+1") })
    }
}

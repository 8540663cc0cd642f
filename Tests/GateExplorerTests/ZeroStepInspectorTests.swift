import GateCanvas
import GateCore
import Testing
@testable import GateExplorer

/// A live run before its first step: the inspector says there are no steps yet, like the status line (it said
/// "step 1 of 0").
struct ZeroStepInspectorTests {
    @Test func theInspectorOfAnEmptyLiveRunSaysNoStepsYet() throws {
        let network = ExplorerTestSupport.randomNetwork(kind: .lstm, input: 1, hidden: 3)
        let trace = try network.run(Matrix(rows: 0, columns: 1))
        let state = ExplorerState(run: ExplorerRun(name: "live", title: "live", trace: trace, network: network))
        let screen = ExplorerTestSupport.render(state).plainText()
        #expect(!screen.contains("step 1 of 0"), "\(screen)")
        #expect(screen.contains("unit 1 · no steps yet"), "\(screen)")
        #expect(screen.contains(" no steps yet "))
        // Nor does the time axis or the belt's step line point at a step 1 that is not there.
        #expect(!screen.contains("t=1"), "\(screen)")
        #expect(!screen.contains("▲"), "\(screen)")
    }
}

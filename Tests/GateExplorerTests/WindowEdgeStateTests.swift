import GateCanvas
import GateCore
@testable import GateExplorer
import Testing

/// A long run is held window by window: at a window's edge row (its first row for the forward
/// direction, its last for the reverse one) the previous state is outside the rows held, and the
/// equations must use the true one — the whole run's neighbouring step — never 0.
@Suite struct WindowEdgeStateTests {
    @Test(arguments: [CellKind.lstm, .gru])
    func theEdgeRowsEquationsUseTheWholeRunsNeighbour(kind: CellKind) throws {
        let network = ExplorerTestSupport.randomNetwork(kind: kind, input: 2, hidden: 4, bidirectional: true)
        let whole = try ExplorerTestSupport.sineRun(network, steps: 9000)
        let app = ReplaySessionTests.session(ExplorerRun(name: "random", title: "long", trace: whole.trace.rows(0..<1), network: network),
                                             source: whole.trace)
        let rows = 3000..<4000
        let series = kind == .lstm ? SeriesName.cell : SeriesName.hidden
        var window = ExplorerRun(name: "random", title: "long", trace: whole.trace.rows(rows), network: network)
        window.stepOffset = rows.lowerBound
        window.fullSteps = 9000
        window.windowEdges = app.windowEdges(of: rows, total: 9000)
        for reverse in [false, true] {
            let layer = try #require(whole.trace.layer(0, reverse: reverse))
            let step = reverse ? rows.upperBound - 1 : rows.lowerBound
            let neighbour = reverse ? step + 1 : step - 1
            #expect(window.windowEdges[layer.key]?.hidden == layer.hidden.row(neighbour))
            var state = ExplorerState(run: window)
            state.isReverse = reverse
            state.seek(to: step)
            #expect(state.layer.isReverse == reverse && state.step == step - rows.lowerBound)
            let frame = ExplorerFrame(state: state, width: 120, height: 40, mode: .truecolor)
            for unit in 0..<4 {
                let belt = try #require(frame.belt(layer: state.layer, t: state.step, unit: unit))
                #expect(belt.previous == layer.series[series]![neighbour, unit], "\(reverse ? "reverse" : "forward") unit \(unit + 1)")
            }
            // Without the edge state the row says so rather than starting from 0.
            var unknown = window
            unknown.windowEdges = [:]
            var bare = ExplorerState(run: unknown)
            bare.isReverse = reverse
            bare.seek(to: step)
            #expect(ExplorerFrame(state: bare, width: 120, height: 40, mode: .truecolor).belt(layer: bare.layer, t: bare.step, unit: 0) == nil)
        }
    }
}

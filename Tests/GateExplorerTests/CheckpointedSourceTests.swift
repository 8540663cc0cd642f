import GateCanvas
import GateCore
@testable import GateExplorer
import Testing

/// The explorer on a long input computed lazily from checkpoints (`CheckpointedRowSource`) shows the
/// very rows of the whole run computed eagerly: windows at the start, the middle, the end and after jumps.
@Suite struct CheckpointedSourceTests {
    static let shapes: [(label: String, kind: CellKind, layers: Int, bidirectional: Bool)] = [
        ("lstm", .lstm, 1, false), ("stacked gru", .gru, 2, false), ("bidirectional lstm", .lstm, 1, true),
        ("stacked bidirectional rnn", .rnnTanh, 2, true),
    ]

    @Test(arguments: 0..<4)
    func sourceRowsEqualTheEagerRun(shape: Int) throws {
        let (label, kind, layers, bidirectional) = Self.shapes[shape]
        let network = ExplorerTestSupport.randomNetwork(kind: kind, input: 2, hidden: 4, layers: layers, bidirectional: bidirectional)
        let eager = try ExplorerTestSupport.sineRun(network, steps: 5000).trace
        let source = CheckpointedRowSource(run: try CheckpointedRun(network: network, input: eager.input, chunkSize: 256),
                                           cachedChunks: 3)
        #expect(source.steps == 5000)
        // Start, a jump to the end, the middle (across a chunk boundary), a window reaching the end,
        // back to the start, and one row.
        for range in [0..<1024, 4900..<5000, 2000..<3100, 3976..<5000, 0..<300, 2559..<2560] {
            #expect(try source.rows(range) == eager.rows(range), "\(label) rows \(range)")
        }
    }

    @Test func sessionOnALazySourceShowsWhatTheWholeRunShows() throws {
        let network = ExplorerTestSupport.randomNetwork(kind: .lstm, input: 2, hidden: 5, layers: 2)
        let whole = try ExplorerTestSupport.sineRun(network, steps: 9000)
        let source = CheckpointedRowSource(run: try CheckpointedRun(network: network, input: whole.trace.input))
        var lazy = ReplaySessionTests.session(ExplorerRun(name: "random", title: "random weights",
                                                          trace: try source.rows(0..<1024), network: network), source: source)
        var eager = ReplaySessionTests.session(whole, source: whole.trace)
        for key: Key in [.right, .end, .left, .character("<"), .home, .character(">")] {
            _ = lazy.handle(.key(key))
            _ = eager.handle(.key(key))
            #expect(lazy.step == eager.step)
            #expect(lazy.window == eager.window)
            #expect(lazy.state.run.trace == eager.state.run.trace, "after \(key)")
            var a = CellBuffer(width: 120, height: 40)
            var b = CellBuffer(width: 120, height: 40)
            lazy.render(into: &a)
            eager.render(into: &b)
            #expect(a == b, "after \(key)")
        }
        lazy.jump(to: 6543)
        eager.jump(to: 6543)
        #expect(lazy.state.run.trace == eager.state.run.trace)
        #expect(lazy.step == 6543)
    }
}

import GateCanvas
import GateCore
@testable import GateExplorer
import Testing

/// A long bidirectional run in the explorer: the forward direction shows at once, the reverse one is
/// marked "computing" (its rows NaN, drawn ×) while its checkpoints fill in the background, and once
/// they arrive on a tick the session shows exactly what the whole run shows.
@Suite struct PendingRowsTests {
    /// A lazy source whose "background" fill is held back until ``release()``: the session's side of
    /// the hand-over, without timing.
    final class HeldBackSource: ExplorerRowSource {
        let run: CheckpointedRun
        var released = false
        var delivered = false
        init(run: CheckpointedRun) { self.run = run }
        var steps: Int { run.steps }
        var pendingProgress: Double? { delivered ? nil : 0.37 }
        var pendingNote: String? { delivered ? nil : "← reverse direction: reading the input back from its last step" }
        func release() { released = true }
        func poll() -> Bool {
            guard released, !delivered, let filler = try? CheckpointedRun(network: run.network, input: run.input, chunkSize: run.chunkSize) else {
                return false
            }
            filler.fillReverseCheckpoints()
            run.adopt(filler.knownCheckpoints)
            delivered = true
            return true
        }
        func rows(_ range: Range<Int>) throws -> NetworkTrace {
            var result = NetworkTrace(input: Matrix(rows: 0, columns: 0), layers: [])
            for index in run.chunk(containing: range.lowerBound)...run.chunk(containing: range.upperBound - 1) {
                let span = run.range(ofChunk: index)
                let wanted = range.clamped(to: span)
                result.appendSteps(run.traceWithoutReverseFill(ofChunk: index).trace
                    .rows((wanted.lowerBound - span.lowerBound)..<(wanted.upperBound - span.lowerBound)))
            }
            return result
        }
    }

    @Test func reverseRowsShowComputingThenTheWholeRun() throws {
        let network = ExplorerTestSupport.randomNetwork(kind: .lstm, input: 2, hidden: 5, bidirectional: true)
        let whole = try ExplorerTestSupport.sineRun(network, steps: 9000)
        let source = HeldBackSource(run: try CheckpointedRun(network: network, input: whole.trace.input))
        var lazy = ReplaySessionTests.session(ExplorerRun(name: "random", title: "random weights",
                                                          trace: try source.rows(0..<1024), network: network), source: source)
        var eager = ReplaySessionTests.session(whole, source: whole.trace)
        // Paused, the session still ticks to look for the rows; the forward direction is the whole run's.
        #expect(lazy.tickInterval == ExplorerSessionApp.pendingPollInterval)
        #expect(eager.tickInterval == nil)
        #expect(lazy.state.run.trace.layer(0, reverse: false) == eager.state.run.trace.layer(0, reverse: false))
        var buffer = CellBuffer(width: 120, height: 40)
        lazy.render(into: &buffer)
        #expect(buffer.plainText().split(separator: "\n")[0].contains("← computing 37 %"))
        // The reverse direction: NaN rows, drawn ×, and the bottom line says why.
        _ = lazy.handle(.key(.character("d")))
        _ = eager.handle(.key(.character("d")))
        #expect(lazy.state.layer.isReverse && lazy.state.layer.hidden.values.allSatisfy { $0.isNaN })
        buffer = CellBuffer(width: 120, height: 40)
        lazy.render(into: &buffer)
        let screen = buffer.plainText()
        #expect(screen.contains("← reverse direction: reading the input back from its last step, 37 % · its rows show × until then"))
        #expect(screen.contains("×"))
        // The inspector and the belt's step line say the values are not computed yet, never "nan";
        // the reverse direction's belt names its previous state c₊₁.
        #expect(!screen.lowercased().contains("nan"))
        #expect(screen.contains("not computed yet (× in the heatmaps):"))
        #expect(screen.contains("unit 1 at t=1  not computed yet"))
        #expect(screen.contains("kept f·c₊₁") && !screen.contains("kept f·c₋₁"))
        // A tick before the fill ends changes nothing; the tick after it shows the whole run's screen.
        _ = lazy.handle(.tick)
        #expect(lazy.state.layer.hidden.values.allSatisfy { $0.isNaN })
        source.release()
        _ = lazy.handle(.tick)
        #expect(lazy.tickInterval == nil)
        #expect(lazy.state.run.trace == eager.state.run.trace)
        var a = CellBuffer(width: 120, height: 40), b = CellBuffer(width: 120, height: 40)
        lazy.render(into: &a)
        eager.render(into: &b)
        #expect(a == b)
    }

    @Test func theBackgroundFillDeliversTheWholeRun() async throws {
        let network = ExplorerTestSupport.randomNetwork(kind: .gru, input: 2, hidden: 4, layers: 2, bidirectional: true)
        let eager = try ExplorerTestSupport.sineRun(network, steps: 6000).trace
        let source = CheckpointedRowSource(run: try CheckpointedRun(network: network, input: eager.input, chunkSize: 256),
                                           fillsInBackground: true)
        #expect(source.pendingProgress != nil)
        // Whatever the fill has reached, the first rows of layer 0's forward direction are the whole run's.
        #expect(try source.rows(0..<300).layer(0, reverse: false) == eager.rows(0..<300).layer(0, reverse: false))
        // Recording and pattern search read complete rows: computed now, whatever the fill has reached.
        #expect(try source.completeRows(0..<300) == eager.rows(0..<300))
        #expect(try source.completeRows(5000..<5200) == eager.rows(5000..<5200))
        // Wait for both fills to be handed over (a bound on waiting, not an assertion on speed).
        for _ in 0..<6000 where source.isFillingInBackground {
            _ = source.poll()
            if source.isFillingInBackground { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(!source.isFillingInBackground)
        #expect(source.pendingProgress == nil && source.pendingNote == nil)
        #expect(source.run.forwardCheckpointsKnown == source.run.chunkCount && source.run.reverseCheckpointsKnown == 1)
        for range in [0..<300, 2000..<3100, 5900..<6000] {
            #expect(try source.rows(range) == eager.rows(range), "rows \(range)")
        }
    }
}

import GateCanvas
import GateCore
import Testing
@testable import GateExplorer

/// A flood of live input (`yes 0.5,0 | gatescope explore --input -`) is taken in bounded bites and
/// only the newest steps are held in memory, yet every step stays in reach (recomputed from
/// checkpoints), so memory stays bounded, keys stay prompt and Home goes to step 1.
struct LiveFloodTests {
    static func liveSession(feed: ScriptedFeed) throws -> ExplorerSessionApp {
        let network = ExplorerTestSupport.randomNetwork(kind: .lstm, input: 2, hidden: 5)
        let empty = try network.run(Matrix(rows: 0, columns: 2))
        var app = ExplorerSessionApp(run: ExplorerRun(name: "live", title: "live", trace: empty, network: network), feed: feed)
        _ = app.handle(.resize(width: 120, height: 40))
        return app
    }

    @Test func aFloodIsTakenInBoundedBites() throws {
        let feed = ScriptedFeed()
        var app = try Self.liveSession(feed: feed)
        feed.lines = Array(repeating: "0.5,0", count: 5000)
        _ = app.handle(.tick)
        #expect(app.totalSteps == ExplorerSessionApp.liveLinesPerTick, "one tick steps at most one bite")
    }

    @Test func everyStepStaysInReachBeyondTheHistoryHeld() throws {
        let feed = ScriptedFeed()
        var app = try Self.liveSession(feed: feed)
        app.liveHistoryLimit = 40
        var lines: [String] = []
        for tick in 0..<5 {
            feed.lines = (0..<20).map { "\(Float(tick * 20 + $0) / 100),0.5" }
            lines += feed.lines
            _ = app.handle(.tick)
        }
        #expect(app.totalSteps == 100, "input keeps being stepped")
        let live = try #require(app.live)
        #expect(live.recentFrom > 0 && live.recent.steps <= 50, "only the newest steps are held: \(live.recentFrom)..<100")
        #expect(app.heldFrom == 0 && app.message == nil, "nothing is out of reach, so nothing is said")
        // Home goes to step 1, recomputed from its checkpoint: the whole run's values, bit for bit.
        _ = app.handle(.key(.home))
        #expect(app.step == 0)
        let network = try #require(app.base.network)
        let input = Matrix(rows: 100, columns: 2, values: lines.flatMap { $0.split(separator: ",").map { Float($0)! } })
        let whole = try network.run(input)
        #expect(app.window.contains(0) && app.state.run.stepOffset == app.window.lowerBound)
        #expect(app.state.run.trace == whole.rows(app.window))
        #expect(live.chunksRecomputed > 0)
        var buffer = CellBuffer(width: 120, height: 40)
        app.render(into: &buffer)
        #expect(buffer.plainText().contains("t=1/100"))
        #expect(!buffer.plainText().contains("no longer held"))
        feed.ended = true
        _ = app.handle(.tick)
        #expect(app.message == "input ended after 100 steps")
    }

    @Test func aStoreThatFailsSaysWhichStepsAreOutOfReachAndWhy() throws {
        let feed = ScriptedFeed()
        let network = ExplorerTestSupport.randomNetwork(kind: .rnnTanh, input: 2, hidden: 3)
        var app = ExplorerSessionApp(run: ExplorerRun(name: "live", title: "live", trace: try network.run(Matrix(rows: 0, columns: 2)),
                                                      network: network), feed: feed,
                                     liveStore: { _, columns in FullDiskStore(columns: columns, room: 3) })
        _ = app.handle(.resize(width: 120, height: 40))
        app.liveHistoryLimit = 30
        for tick in 0..<6 {
            feed.lines = (0..<20).map { "\(Float(tick * 20 + $0) / 100),0.5" }
            _ = app.handle(.tick)
        }
        #expect(app.heldFrom > 0)
        #expect(app.message == "steps 1–\(app.heldFrom) are no longer held: they could not be kept on disk (no space left on device); the newest 30 steps stay in memory")
        _ = app.handle(.key(.home))
        #expect(app.step == app.heldFrom)
        feed.ended = true
        _ = app.handle(.tick)
        #expect(app.message == "input ended after 120 steps; steps 1–\(app.heldFrom) are no longer held: they could not be kept on disk (no space left on device); the newest 30 steps stay in memory")
    }

    @Test func unreadableLinesAreCountedWithTheLastOneShown() throws {
        let feed = ScriptedFeed()
        var app = try Self.liveSession(feed: feed)
        feed.lines = ["\u{1}\u{7f}\u{9b}[2J binary", "0.5,0"]
        _ = app.handle(.tick)
        #expect(app.totalSteps == 1)
        #expect(app.message == "input skipped: 1 line that is not 2 numbers · last: '^A^?\\u{9B}[2J binary'")
        feed.lines = ["1,2,3", "x", "0.25,1"]
        _ = app.handle(.tick)
        #expect(app.message == "input skipped: 3 lines that are not 2 numbers · last: 'x'")
        var buffer = CellBuffer(width: 120, height: 40)
        app.render(into: &buffer)
        #expect(buffer.plainText().contains("input skipped: 3 lines that are not 2 numbers"))
    }

    @Test func aRecordingOfLiveInputHoldsEveryStepEvenPastTheHistory() throws {
        let feed = ScriptedFeed()
        let sink = MemoryRecordingSink()
        let network = ExplorerTestSupport.randomNetwork(kind: .gru, input: 2, hidden: 4)
        var app = ExplorerSessionApp(run: ExplorerRun(name: "live", title: "live", trace: try network.run(Matrix(rows: 0, columns: 2)),
                                                      network: network), recordingSink: sink, feed: feed)
        _ = app.handle(.resize(width: 120, height: 40))
        app.liveHistoryLimit = 30
        _ = app.handle(.key(.character("r")))
        var lines: [String] = []
        for tick in 0..<4 {
            feed.lines = (0..<(tick == 2 ? 100 : 25)).map { "\(Float(lines.count + $0) / 50),-0.25" }
            lines += feed.lines
            _ = app.handle(.tick)
        }
        #expect((app.live?.recentFrom ?? 0) > 0, "more steps than the history held")
        _ = app.handle(.key(.character("r")))
        let saved = try #require(sink.saved.first).trace
        let input = Matrix(rows: lines.count, columns: 2, values: lines.flatMap { $0.split(separator: ",").map { Float($0)! } })
        let whole = try network.run(input)
        #expect(saved.steps == lines.count)
        #expect(saved.input == whole.input)
        for layer in whole.layers {
            let recorded = try #require(saved.layer(layer.layer, reverse: layer.isReverse))
            for (name, matrix) in layer.series { #expect(recorded.series[name] == matrix, "\(name)") }
        }
    }

    @Test func zeroStepsShowNoStepCounter() throws {
        let app = try Self.liveSession(feed: ScriptedFeed())
        var buffer = CellBuffer(width: 120, height: 40)
        app.render(into: &buffer)
        let screen = buffer.plainText()
        #expect(!screen.contains("t=0/0"), "\(screen.prefix(240))")
        #expect(!screen.contains("t=1/0"))
    }
}

/// A store with room for `room` appends, then full (a disk that fills up).
final class FullDiskStore: RowStore {
    let inner: MemoryRowStore
    var room: Int
    init(columns: Int, room: Int) { inner = MemoryRowStore(columns: columns); self.room = room }
    var columns: Int { inner.columns }
    var rows: Int { inner.rows }
    func append(_ matrix: Matrix) throws {
        guard room > 0 else { throw ShapeError("no space left on device") }
        room -= 1
        try inner.append(matrix)
    }
    func read(_ range: Range<Int>) throws -> Matrix { try inner.read(range) }
}

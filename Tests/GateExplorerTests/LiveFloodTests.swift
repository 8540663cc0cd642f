import GateCanvas
import GateCore
import Testing
@testable import GateExplorer

/// A flood of live input (`yes 0.5,0 | gatescope explore --input -`) is taken in bounded bites
/// and only the newest steps are held (older ones are forgotten, with a note), so memory stays
/// bounded and keys stay prompt.
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

    @Test func liveInputForgetsTheOldestStepsBeyondItsHistory() throws {
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
        #expect(app.heldFrom > 0 && app.totalSteps - app.heldFrom <= 50, "held \(app.heldFrom)..<\(app.totalSteps)")
        #expect(app.message?.contains("steps 1–\(app.heldFrom) are no longer held") == true, "\(app.message ?? "no message")")
        // The steps held are the whole run's, at their own step numbers.
        let network = try #require(app.base.network)
        let input = Matrix(rows: 100, columns: 2, values: lines.flatMap { $0.split(separator: ",").map { Float($0)! } })
        let whole = try network.run(input)
        #expect(app.state.run.stepOffset == app.window.lowerBound && app.window.lowerBound >= app.heldFrom)
        #expect(app.state.run.trace == whole.rows(app.window))
        // Home goes to the first step held and says why.
        _ = app.handle(.key(.home))
        #expect(app.step == app.heldFrom)
        #expect(app.message?.contains("are no longer held") == true)
        var buffer = CellBuffer(width: 120, height: 40)
        app.render(into: &buffer)
        #expect(buffer.plainText().contains("t=\(app.heldFrom + 1)/100"))
        feed.ended = true
        _ = app.handle(.tick)
        #expect(app.message == "input ended after 100 steps; steps 1–\(app.heldFrom) are no longer held")
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
        #expect(app.heldFrom > 0)
        _ = app.handle(.key(.character("r")))
        let saved = try #require(sink.saved.first).trace
        let input = Matrix(rows: lines.count, columns: 2, values: lines.flatMap { $0.split(separator: ",").map { Float($0)! } })
        let whole = try network.run(input)
        #expect(saved.steps == lines.count)
        #expect(saved.input == whole.input)
        for layer in whole.layers {
            let recorded = try #require(saved.layer(layer.layer, reverse: layer.isReverse))
            for (name, matrix) in layer.series { #expect(recorded.series[name]!.maxAbsDifference(matrix) <= 1e-6, "\(name)") }
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

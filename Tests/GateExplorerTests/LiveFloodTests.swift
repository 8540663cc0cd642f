import GateCanvas
import GateCore
import Testing
@testable import GateExplorer

/// A flood of live input (`yes 0.5,0 | gatescope explore --input -`) is taken in bounded bites
/// and stops at a step limit, so memory stays bounded and keys stay prompt.
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

    @Test func liveInputStopsAtTheStepLimit() throws {
        let feed = ScriptedFeed()
        var app = try Self.liveSession(feed: feed)
        app.liveStepLimit = 30
        for _ in 0..<5 {
            feed.lines = Array(repeating: "0.5,0", count: 20)
            _ = app.handle(.tick)
        }
        #expect(app.totalSteps == 30)
        #expect(app.message?.contains("live input stopped at 30 steps") == true, "\(app.message ?? "no message")")
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

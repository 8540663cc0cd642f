import GateCore
import Testing
@testable import GateExplorer

/// Typing past the history held: search still finds what was typed first, and goes there with the
/// values the whole run gives.
struct LiveSearchTests {
    @Test func searchFindsStepsTypedLongBeforeTheHistoryHeld() throws {
        var app = ExplorerSessionApp(run: BuiltInDemo.run())
        _ = app.handle(.resize(width: 120, height: 40))
        app.liveHistoryLimit = 40
        _ = app.handle(.key(.character("T")))
        let typed = "((((((" + String(repeating: "()", count: 300)
        app.type(typed)
        _ = app.handle(.key(.escape))
        let live = try #require(app.live)
        #expect(live.recentFrom > 500, "only the newest steps held")
        app.startSearch("((((((")
        let start = BuiltInDemo.text.count
        #expect(app.step == start, "\(app.message ?? "")")
        let whole = BuiltInDemo.run(text: BuiltInDemo.text + typed).trace
        #expect(app.state.run.trace == whole.rows(app.window), "the window around the match, bit for bit")
    }
}

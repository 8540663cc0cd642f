import GateCanvas
import GateCore
import Testing
@testable import GateExplorer

/// Every screen that plays a run (explorer, session, twins, ConvLSTM, compare) steps, plays, clamps
/// and changes speed the same way, because each hands its playback keys to one ``Playback``; `[`
/// and `]` cycle the layer in every screen.
@Suite struct PlaybackUnificationTests {
    /// The cursor and play state after an event.
    struct Seen: Equatable, CustomStringConvertible {
        var step: Int
        var playing: Bool
        var description: String { "(\(step), \(playing ? "playing" : "paused"))" }
    }

    /// Keys and ticks, with what a run of `n` steps must show after each (worked out by hand from
    /// the keys' meaning: → ← step and stop at the ends, End G / Home g go to the ends, space plays
    /// and starts again from the first step only when pressed on the last, a tick steps while
    /// playing and pauses at the last step).
    static func script(_ n: Int) -> [(event: InputEvent, seen: Seen)] {
        [(.key(.end), Seen(step: n - 1, playing: false)),
         (.key(.character(" ")), Seen(step: 0, playing: true)),
         (.tick, Seen(step: 1, playing: true)),
         (.tick, Seen(step: 2, playing: true)),
         (.key(.character(" ")), Seen(step: 2, playing: false)),
         (.tick, Seen(step: 2, playing: false)),
         (.key(.left), Seen(step: 1, playing: false)),
         (.key(.home), Seen(step: 0, playing: false)),
         (.key(.left), Seen(step: 0, playing: false)),
         (.key(.character("G")), Seen(step: n - 1, playing: false)),
         (.key(.right), Seen(step: n - 1, playing: false)),
         (.key(.character("h")), Seen(step: n - 2, playing: false)),
         (.key(.character(" ")), Seen(step: n - 2, playing: true)),
         (.tick, Seen(step: n - 1, playing: true)),
         (.tick, Seen(step: n - 1, playing: false)),
         (.mouse(MouseEvent(x: 0, y: 0, action: .scrollUp)), Seen(step: n - 2, playing: false)),
         (.mouse(MouseEvent(x: 0, y: 0, action: .scrollDown)), Seen(step: n - 1, playing: false))]
    }

    /// Plays the script on `app` and checks every step; then `+` and `-` move the speed one place.
    static func check<App: TerminalApp>(_ name: String, _ app: inout App, steps n: Int, playback: (App) -> Playback,
                                        sourceLocation: SourceLocation = #_sourceLocation) {
        _ = app.handle(.resize(width: 120, height: 40))
        #expect(playback(app).step == 0 && !playback(app).isPlaying, "\(name) starts paused at the first step",
                sourceLocation: sourceLocation)
        for (index, line) in script(n).enumerated() {
            _ = app.handle(line.event)
            let seen = Seen(step: playback(app).step, playing: playback(app).isPlaying)
            #expect(seen == line.seen, "\(name), event \(index + 1) \(line.event)", sourceLocation: sourceLocation)
        }
        let speed = playback(app).speedIndex
        _ = app.handle(.key(.character("+")))
        #expect(playback(app).speedIndex == speed + 1, "\(name): + is faster", sourceLocation: sourceLocation)
        _ = app.handle(.key(.character("-")))
        _ = app.handle(.key(.character("-")))
        #expect(playback(app).speedIndex == speed - 1, "\(name): - is slower", sourceLocation: sourceLocation)
    }

    static func network(layers: Int = 1) -> RecurrentNetwork {
        ExplorerTestSupport.randomNetwork(kind: .lstm, input: 2, hidden: 4, layers: layers)
    }

    @Test func everyScreenPlaysTheSameWay() throws {
        let run = try ExplorerTestSupport.sineRun(Self.network(), steps: 12)
        var explorer = ExplorerApp(run: run)
        Self.check("explorer", &explorer, steps: 12) { $0.state.playback }
        var session = ExplorerSessionApp(run: run)
        Self.check("session", &session, steps: 12) { $0.state.playback }
        var twins = TwinsApp(runs: try TwinsReadoutTests.runs(layers: 1))
        Self.check("twins", &twins, steps: 30) { $0.state.playback }
        var compare = try CompareSessionApp(a: run.trace, b: run.trace, labelA: "a", labelB: "b")
        Self.check("compare", &compare, steps: 12) { $0.playback }
        let spatialRun = try ConvLSTMLessonTests.run()
        try #require(spatialRun.steps >= 3)
        var spatial = SpatialExplorerApp(run: spatialRun)
        Self.check("ConvLSTM", &spatial, steps: spatialRun.steps) { $0.state.playback }
    }

    @Test func bracketsCycleTheLayerInEveryScreen() throws {
        let run = try ExplorerTestSupport.sineRun(Self.network(layers: 2), steps: 12)
        var explorer = ExplorerApp(run: run)
        _ = explorer.handle(.key(.character("]")))
        _ = explorer.handle(.key(.character("]")))
        #expect(explorer.state.layerPosition == 0, "explorer: ] on the top layer gives the first")
        _ = explorer.handle(.key(.character("[")))
        #expect(explorer.state.layerPosition == 1, "explorer: [ on the first layer gives the top one")
        var compare = try CompareSessionApp(a: run.trace, b: run.trace, labelA: "a", labelB: "b")
        _ = compare.handle(.key(.character("]")))
        _ = compare.handle(.key(.character("]")))
        #expect(compare.layerPosition == 0, "compare: ] on the top layer gives the first")
        _ = compare.handle(.key(.character("[")))
        #expect(compare.layerPosition == 1, "compare: [ on the first layer gives the top one")
        var twins = TwinsApp(runs: try TwinsReadoutTests.runs(layers: 2))
        #expect(twins.state.layerPosition == 1, "twins open on the top layer")
        _ = twins.handle(.key(.character("]")))
        #expect(twins.state.layerPosition == 0, "twins: ] on the top layer gives the first")
    }

    @Test func aGrowingRunWaitsAtItsEndInsteadOfStartingAgain() throws {
        let feed = ScriptedFeed()
        var app = try LiveFloodTests.liveSession(feed: feed)
        feed.lines = Array(repeating: "0.5,0", count: 5)
        _ = app.handle(.tick)
        #expect(app.totalSteps == 5 && app.step == 4)
        _ = app.handle(.key(.character(" ")))
        #expect(app.state.isPlaying && app.step == 4, "play on the last step of live input waits there")
        _ = app.handle(.tick)
        #expect(app.state.isPlaying && app.step == 4)
        feed.lines = ["0.5,0", "0.5,0"]
        _ = app.handle(.tick)
        #expect(app.step == 6 && app.state.isPlaying, "new steps are followed")
        feed.ended = true
        _ = app.handle(.tick)
        _ = app.handle(.tick)
        #expect(!app.state.isPlaying && app.step == 6, "once the input ends, playback stops at the last step")
    }

    @Test func liveSessionsCountTicksInsteadOfReadingTheClock() throws {
        let feed = ScriptedFeed()
        var app = try LiveFloodTests.liveSession(feed: feed)
        feed.lines = Array(repeating: "0.5,0", count: 40)
        _ = app.handle(.tick)
        _ = app.handle(.key(.home))
        #expect(app.tickInterval == .milliseconds(50), "paused: ticks only to read the input")
        for _ in 0..<3 { _ = app.handle(.key(.character("-"))) }
        #expect(app.state.speed == 1)
        _ = app.handle(.key(.character(" ")))
        // 1 step per second, read every 50 ms: a step every 20 ticks of 50 ms, the first at once.
        #expect(app.ticksPerStep == 20 && app.tickInterval == .milliseconds(50))
        _ = app.handle(.tick)
        #expect(app.step == 1)
        for _ in 0..<19 { _ = app.handle(.tick) }
        #expect(app.step == 1)
        _ = app.handle(.tick)
        #expect(app.step == 2)
        // 15 steps per second (66.7 ms): two ticks of 33.3 ms per step.
        for _ in 0..<4 { _ = app.handle(.key(.character("+"))) }
        #expect(app.state.speed == 15 && app.ticksPerStep == 2)
        #expect(app.tickInterval == .microseconds(1_000_000 / 15) / 2)
    }
}

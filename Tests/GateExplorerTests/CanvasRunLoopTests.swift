import GateCanvas
import Testing
@testable import GateExplorer

/// runApp driven by TestTerminal: size guard, quitting, ticks and diff flushing.
@Suite struct CanvasRunLoopTests {
    /// A minimal app: counts ticks, records events, quits on q, plays while `playing`.
    struct ProbeApp: TerminalApp {
        var events: [InputEvent] = []
        var ticks = 0
        var playing = false
        var minimumSize: (width: Int, height: Int) = (20, 5)
        var tickInterval: Duration? { playing ? .milliseconds(50) : nil }
        var interruptedBy: Int32?

        mutating func interrupted(bySignal signal: Int32) { interruptedBy = signal }

        mutating func handle(_ event: InputEvent) -> AppAction {
            events.append(event)
            switch event {
            case .key(.character("q")): return .quit
            case .key(.character("p")): playing.toggle()
            case .tick: ticks += 1
            default: break
            }
            return .continue
        }

        func render(into buffer: inout CellBuffer) {
            buffer.put("ticks \(ticks)", x: 0, y: 0)
            buffer.put("events \(events.count)", x: 0, y: 1)
        }
    }

    @Test func quitsOnQAndRendersEachEvent() throws {
        var app = ProbeApp()
        let terminal = TestTerminal(width: 30, height: 6, script: [.key(.left), .key(.character("q"))])
        try runApp(&app, on: terminal)
        // The terminal's size arrives first, as an event, before the first frame.
        #expect(app.events == [.resize(width: 30, height: 6), .key(.left), .key(.character("q"))])
        #expect(terminal.frames.count == 2)  // first frame, and after ←; q ends without drawing
        #expect(terminal.screen?.plainText().hasPrefix("ticks 0\nevents 2") == true)
        #expect(terminal.script.isEmpty)
    }

    @Test func aSignalEndsTheLoopGracefullyWithAnOutcome() throws {
        var app = ProbeApp()
        let terminal = TestTerminal(width: 30, height: 6, script: [.key(.left)])
        terminal.signalWhenExhausted = 2
        let outcome = try runApp(&app, on: terminal)
        #expect(outcome == .interrupted(signal: 2))
        #expect(app.interruptedBy == 2)
        #expect(app.events == [.resize(width: 30, height: 6), .key(.left)])

        var quitter = ProbeApp()
        #expect(try runApp(&quitter, on: TestTerminal(width: 30, height: 6, script: [.key(.character("q"))])) == .quit)
        #expect(quitter.interruptedBy == nil)
    }

    @Test func tooSmallShowsACentredMessageAndRecovers() throws {
        var app = ProbeApp()
        app.minimumSize = (80, 24)
        let terminal = TestTerminal(width: 100, height: 30, script: [
            .resize(width: 60, height: 15), .key(.right), .resize(width: 80, height: 24), .key(.character("q")),
        ])
        try runApp(&app, on: terminal)
        let small = try #require(terminal.frames.dropFirst().first)
        #expect(small.width == 60 && small.height == 15)
        let text = small.plainText()
        let joined = text.split(separator: "\n").map { $0.trimmingPrefix(while: { $0 == " " }) }.joined(separator: " ")
        #expect(joined == "gatescope needs at least 80×24 — this terminal is 60×15. Enlarge it or press q.")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let firstRow = try #require(lines.firstIndex(where: { !$0.isEmpty }))
        #expect(firstRow > 4 && firstRow < 8, "vertically centred")
        #expect(lines.allSatisfy { $0.count <= 60 })
        #expect(app.events == [.resize(width: 100, height: 30), .resize(width: 60, height: 15), .resize(width: 80, height: 24),
                               .key(.character("q"))],
                "keys other than q do not reach the app while too small")
        #expect(terminal.frames.last?.plainText().hasPrefix("ticks 0") == true, "the app's screen is back")
    }

    @Test func qQuitsWhileTooSmall() throws {
        var app = ProbeApp()
        let terminal = TestTerminal(width: 10, height: 3, script: [.key(.character("q"))])
        try runApp(&app, on: terminal)
        #expect(app.events == [.resize(width: 10, height: 3)], "only the terminal's size reaches a too-small app")
        #expect(terminal.screen?.plainText().contains("gatescope") == true)
    }

    @Test func messageUsesTheAppName() throws {
        var app = ProbeApp()
        let terminal = TestTerminal(width: 200, height: 3, script: [.key(.character("q"))])
        try runApp(&app, on: terminal, appName: "demo")
        #expect(terminal.screen?.plainText().contains("demo needs at least 20×5 — this terminal is 200×3.") == true)
    }

    @Test func ticksArriveWhilePlayingOnly() throws {
        var app = ProbeApp()
        let terminal = TestTerminal(width: 30, height: 6, script: [
            nil, .key(.character("p")), nil, nil, .key(.character("p")), nil, .key(.character("q")),
        ])
        try runApp(&app, on: terminal)
        #expect(app.ticks == 2)
        #expect(terminal.requestedTimeouts[0] == nil, "no timeout while paused")
        let playingTimeout = try #require(terminal.requestedTimeouts[2])
        #expect(playingTimeout > .zero && playingTimeout <= .milliseconds(50))
        #expect(terminal.requestedTimeouts[5] == nil)
    }

    @Test func ticksPauseWhileTooSmall() throws {
        var app = ProbeApp()
        app.playing = true
        let terminal = TestTerminal(width: 30, height: 6, script: [
            .resize(width: 10, height: 3), nil, nil, .resize(width: 30, height: 6), nil, .key(.character("q")),
        ])
        try runApp(&app, on: terminal)
        #expect(app.ticks == 1)
        #expect(terminal.requestedTimeouts[1] == nil)
    }

    @Test func unchangedFramesChangeNoCells() throws {
        var app = ProbeApp()
        let terminal = TestTerminal(width: 30, height: 6, script: [.key(.left), .key(.character("q"))])
        try runApp(&app, on: terminal)
        #expect(terminal.stats[0].fullRedraw && terminal.stats[0].cellsChanged == 180)
        #expect(terminal.stats[1].cellsChanged == 1, "only the event count digit changed")
    }

    @Test func anExhaustedScriptEndsTheLoopWithAnError() {
        let terminal = TestTerminal(width: 30, height: 6, script: [.key(.left)])
        #expect(throws: TestTerminalError.scriptExhausted) {
            var app = ProbeApp()
            try runApp(&app, on: terminal)
        }
    }

    @Test func demoAppMovesItsMarkerAndCountsTicks() throws {
        var app = CanvasDemoApp()
        let terminal = TestTerminal(width: 60, height: 16, colorMode: .palette256, script: [
            .key(.right), .key(.down), .key(.character(" ")), nil, nil, .key(.character("q")),
        ])
        try runApp(&app, on: terminal)
        #expect(app.markerX == 3 && app.markerY == 9 && app.counter == 2)
        let screen = try #require(terminal.screen)
        #expect(screen[3, 9].grapheme == "◆")
        #expect(screen.plainText().contains("palette256 · counter 2 ▶ playing"))
    }
}

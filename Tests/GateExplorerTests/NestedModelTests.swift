import GateCanvas
import GateCore
import Testing
@testable import GateExplorer

/// Apps around the explorer own it and pass their events down (bubbletea's nested models): a resize
/// reaches the child with the part of the screen it draws in, and teaching reads the one explorer
/// cursor instead of keeping its own copy in step.
@Suite struct NestedModelTests {
    @Test func aResizeReachesTheExplorerInsideTheSession() throws {
        let run = try ExplorerTestSupport.sineRun(PlaybackUnificationTests.network(), steps: 40)
        var app = ExplorerSessionApp(run: run)
        app.begin(colorMode: .monochrome)
        _ = app.handle(.resize(width: 90, height: 30))
        #expect(app.explorer.screen == ScreenGeometry(width: 90, height: 30, colorMode: .monochrome))
        // `>` moves a screen of steps: the heatmap width of the size the event told, not a remembered render.
        let width = ExplorerLayout(state: app.state, width: 90, height: 30, colorMode: .monochrome).heatmapWidth
        _ = app.handle(.key(.character(">")))
        #expect(app.step == min(39, width))
    }

    @Test func teachingGivesTheExplorerTheRowsAboveItsViews() throws {
        var app = TeachingApp(session: TeachingSession(lesson: try TeachingSessionAppTests.lesson("01")))
        _ = app.handle(.resize(width: 200, height: 60))
        let frame = TeachingFrame(session: app.session, width: 200, height: 60)
        #expect(frame.explorerHeight > 0)
        #expect(app.explorer.explorer.screen.width == 200 && app.explorer.explorer.screen.height == frame.explorerHeight)
        // `t` shows the whole narration: the explorer's part of the screen changes, and it is told so.
        _ = app.handle(.key(.character("t")))
        let taller = TeachingFrame(session: app.session, width: 200, height: 60)
        let told = app.explorer.explorer.screen.height
        #expect(told == (taller.explorerHeight > 0 ? taller.explorerHeight : 60))
    }

    @Test func theTeachingCursorIsTheExplorerCursor() throws {
        let lesson = try TeachingSessionAppTests.lesson("01")
        try #require(lesson.stops.count >= 2)
        var app = TeachingApp(session: TeachingSession(lesson: lesson))
        _ = app.handle(.resize(width: 160, height: 50))
        let first = min(lesson.stops[0].step, lesson.stops[0].run.steps - 1)
        #expect(app.explorer.step == first && app.session.explorer.step == first)
        _ = app.handle(.key(.right))
        #expect(app.explorer.step == first + 1, "an explorer key moves the explorer session's cursor")
        #expect(app.session.explorer.playback == app.explorer.state.playback, "teaching reads that very cursor")
        _ = app.handle(.key(.character("n")))
        let second = min(lesson.stops[1].step, lesson.stops[1].run.steps - 1)
        #expect(app.session.stopIndex == 1 && app.explorer.step == second, "a teaching key moves it too")
        let unit = app.explorer.state.selectedUnit
        _ = app.handle(.key(.character("c")))
        if !app.session.edits.isEmpty {
            #expect(app.explorer.step == second && app.explorer.state.selectedUnit == unit, "a what-if edit keeps the cursor")
            #expect(app.explorer.state.run.trace.steps == lesson.stops[1].run.steps)
        }
    }

    @Test func theQuizRevealsTheNextStepInTheExplorer() throws {
        let run = try ExplorerTestSupport.sineRun(PlaybackUnificationTests.network(), steps: 20)
        var app = TeachingApp(session: TeachingSession(run: run, quiz: true))
        _ = app.handle(.resize(width: 160, height: 50))
        #expect(app.explorer.step == 0)
        _ = app.handle(.key(.right))
        #expect(app.session.quiz.pending != nil && app.explorer.step == 0, "→ asks first")
        _ = app.handle(.key(.up))
        #expect(app.session.quiz.pending == nil && app.explorer.step == 1, "the answer moves the explorer's cursor")
    }
}

import GateCanvas
import GateCore
import Testing
@testable import GateExplorer

/// The explorer's screen, rendered into a cell buffer for known states of the built-in demo.
struct ExplorerScreenTests {
    @Test func statusLineCountsStepsFromOne() {
        let screen = ExplorerTestSupport.render(ExplorerTestSupport.demoState()).plainText()
        let status = screen.split(separator: "\n")[0]
        #expect(status.contains("t=1/13"))
        #expect(status.contains("⏸ paused"))
        #expect(status.contains("8 steps/s"))
        #expect(status.contains("brackets"))
    }

    @Test func threeRightPressesReachStepFour() {
        let app = ExplorerTestSupport.app(after: [.right, .right, .right])
        var buffer = CellBuffer(width: 120, height: 40)
        app.render(into: &buffer)
        #expect(buffer.plainText().split(separator: "\n")[0].contains("t=4/13"))
        #expect(app.state.step == 3)
    }

    @Test func keysMoveThroughTheRun() {
        #expect(ExplorerTestSupport.app(after: [.character("l"), .character("l"), .character("h")]).state.step == 1)
        #expect(ExplorerTestSupport.app(after: [.end]).state.step == 12)
        #expect(ExplorerTestSupport.app(after: [.character("G"), .character("g")]).state.step == 0)
        #expect(ExplorerTestSupport.app(after: [.left]).state.step == 0)
        #expect(ExplorerTestSupport.app(after: [.end, .right]).state.step == 12)
        #expect(ExplorerTestSupport.app(after: [.down, .character("j")]).state.selectedUnit == 2)
        #expect(ExplorerTestSupport.app(after: [.down, .up, .character("k")]).state.selectedUnit == 0)
        #expect(ExplorerTestSupport.app(after: [.character("+")]).state.speed == 15)
        #expect(ExplorerTestSupport.app(after: [.character("-"), .character("-")]).state.speed == 2)
        #expect(ExplorerTestSupport.app(after: [.character("p")]).state.palette == .colorBlindSafe)
    }

    @Test func inputShowsTheBracketsAndTheCursor() {
        let state = ExplorerTestSupport.demoState()
        let screen = ExplorerTestSupport.render(state).plainText().split(separator: "\n")
        #expect(screen[1].contains("input          (()(()))((())"))
        #expect(screen.contains { $0.contains("units 1–6 of 6") && $0.contains("▲ t=1") })
    }

    @Test func playbackTicksForwardAndStopsAtTheEnd() {
        var app = ExplorerTestSupport.app(after: [.character(" ")])
        #expect(app.state.isPlaying)
        #expect(app.tickInterval == .microseconds(125_000))
        for _ in 0..<20 { _ = app.handle(.tick) }
        #expect(app.state.step == 12)
        #expect(!app.state.isPlaying)
        #expect(app.tickInterval == nil)
    }

    @Test func quitKeysQuit() {
        var app = ExplorerApp(run: BuiltInDemo.run())
        #expect(app.handle(.key(.character("q"))) == .quit)
        var other = ExplorerApp(run: BuiltInDemo.run())
        #expect(other.handle(.key(.ctrl("c"))) == .quit)
    }

    @Test func helpOverlayListsEveryKey() {
        let app = ExplorerTestSupport.app(after: [.character("?")], width: 100, height: 40)
        var buffer = CellBuffer(width: 100, height: 40)
        app.render(into: &buffer)
        let text = buffer.plainText()
        for binding in ExplorerKeys.map.bindings where !binding.keysLabel.isEmpty {
            #expect(text.contains(binding.keysLabel), "help lists \(binding.keysLabel)")
            #expect(text.contains(binding.meaning), "help explains \(binding.meaning)")
        }
        #expect(text.contains("mouse"))
        var closed = app
        _ = closed.handle(.key(.escape))
        #expect(!closed.state.showsHelp)
        var closedByQuestion = app
        _ = closedByQuestion.handle(.key(.character("?")))
        #expect(!closedByQuestion.state.showsHelp)
    }

    @Test func helpFitsAt80x24() {
        let app = ExplorerTestSupport.app(after: [.character("?")], width: 80, height: 24)
        var buffer = CellBuffer(width: 80, height: 24)
        app.render(into: &buffer)
        let text = buffer.plainText()
        // One key a line, or (when they do not all fit, as with `v`) two to a line.
        #expect(text.range(of: #"q +quit"#, options: .regularExpression) != nil)
        #expect(text.contains("space     play / pause"))
    }

    @Test func everyKeyBindingIsUnique() {
        let keys = ExplorerKeys.map.bindings.flatMap(\.keys)
        #expect(Set(keys).count == keys.count)
    }

    @Test func layoutAt80x24KeepsEveryPanelAndFoldsTheInspector() {
        let state = ExplorerTestSupport.demoState()
        let layout = ExplorerLayout(state: state, width: 80, height: 24, colorMode: .palette256)
        #expect(layout.droppedPanels.isEmpty)
        #expect(layout.inspector == .hidden)
        #expect(layout.panels.count == 6)
        #expect(layout.hints.y == 23)
        for panel in layout.panels { #expect(panel.heatmap.maxY <= 23 && panel.heatmap.maxX <= 80) }
        let text = ExplorerTestSupport.render(state, width: 80, height: 24, mode: .palette256).plainText()
        for label in ["forget f", "input i", "candidate g", "output o", "cell c", "hidden h", "i inspector", "? help"] {
            #expect(text.contains(label), "80×24 shows \(label)")
        }
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false).count == 24)
    }

    @Test func inspectorKeyOpensAnOverlayAt80x24() {
        let app = ExplorerTestSupport.app(after: [.character("i")], width: 80, height: 24)
        var buffer = CellBuffer(width: 80, height: 24)
        app.render(into: &buffer)
        #expect(buffer.plainText().contains("f = σ(6.00) = 1.00"))
        #expect(app.layout.inspector != .hidden)
    }

    @Test func wideTerminalsShowEverythingSideBySide() {
        let state = ExplorerTestSupport.demoState()
        let layout = ExplorerLayout(state: state, width: 200, height: 60, colorMode: .truecolor)
        guard case .side(let rect) = layout.inspector else {
            Issue.record("inspector is not beside the panels")
            return
        }
        #expect(rect.x > layout.heatmapX + state.totalSteps)
        #expect(layout.output != nil)
    }

    @Test func smallHeightsDropPanelsAndSaySo() {
        let state = ExplorerTestSupport.demoState()
        let layout = ExplorerLayout(state: state, width: 60, height: 9, colorMode: .truecolor)
        #expect(!layout.droppedPanels.isEmpty)
        let text = ExplorerTestSupport.render(state, width: 60, height: 9).plainText()
        #expect(text.contains("not shown:"))
    }

    @Test func tinyTerminalsGetTheSizeMessage() throws {
        var app = ExplorerApp(run: BuiltInDemo.run())
        let terminal = TestTerminal(width: 40, height: 10, script: [.key(.character("q"))])
        try runApp(&app, on: terminal)
        let text = try #require(terminal.screen).plainText()
        #expect(text.contains("needs at least 60×18"))
    }

    @Test func minimumSizeDrawsWithoutOverlap() {
        let state = ExplorerTestSupport.demoState()
        let text = ExplorerTestSupport.render(state, width: 60, height: 18).plainText()
        #expect(text.contains("t=1/13"))
        #expect(text.contains("forget f"))
    }

    @Test func monochromeUsesShadeGlyphsOneUnitPerRow() {
        var state = ExplorerTestSupport.demoState()
        state.move(to: 12)
        let text = ExplorerTestSupport.render(state, width: 120, height: 60, mode: .monochrome).plainText()
        #expect(!text.contains("▀"))
        #expect(text.contains("█") || text.contains("▓"))
        let layout = ExplorerLayout(state: state, width: 120, height: 60, colorMode: .monochrome)
        #expect(layout.unitsPerRow == 1)
    }

    @Test func halfBlocksCarryTwoUnits() {
        var state = ExplorerTestSupport.demoState()
        state.move(to: 0)
        let buffer = ExplorerTestSupport.render(state, width: 120, height: 40)
        let layout = ExplorerLayout(state: state, width: 120, height: 40, colorMode: .truecolor)
        let forget = layout.panels[0]
        let cell = buffer[forget.heatmap.x, forget.heatmap.y]
        #expect(cell.grapheme == "▀")
        // Units 1 and 2 at step 1: f ≈ 1 (keeps) on top, f ≈ 0 (forgets) below: different colours.
        #expect(cell.style.foreground != cell.style.background)
        let table = ScaleTable(scale: .sequential, mode: .truecolor)
        let f = state.layer.series[SeriesName.forgetGate]!
        #expect(cell.style.foreground == table.color(f[0, 0]))
        #expect(cell.style.background == table.color(f[0, 1]))
    }

    @Test func stepsNotYetReadAreBlankUntilRevealed() {
        let state = ExplorerTestSupport.demoState()
        let layout = ExplorerLayout(state: state, width: 120, height: 40, colorMode: .truecolor)
        let buffer = ExplorerTestSupport.render(state)
        let heat = layout.panels[0].heatmap
        #expect(buffer[heat.x + 1, heat.y].grapheme == " ")
        var all = state
        _ = all.apply(.toggleRevealAll, viewport: ExplorerViewport(unitsPerPage: 6, focusTargets: []))
        #expect(ExplorerTestSupport.render(all)[heat.x + 1, heat.y].grapheme == "▀")
    }

    @Test func aPlainStepChangesFewCells() {
        var state = ExplorerTestSupport.demoState()
        state.move(to: 5)
        let before = ExplorerTestSupport.render(state, width: 200, height: 60)
        state.move(to: 6)
        let after = ExplorerTestSupport.render(state, width: 200, height: 60)
        let changed = after.changes(from: before).count
        #expect(changed < 600, "a step changed \(changed) of 12000 cells")
    }
}

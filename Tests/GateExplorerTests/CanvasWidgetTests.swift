import GateCanvas
import Testing
@testable import GateExplorer

/// The shared widgets: the one heatmap loop and the key map that drives dispatch and help.
@Suite struct CanvasWidgetTests {
    @Test func heatmapPutsTheUpperUnitAboveTheLowerAndScalesEachRow() {
        // Two steps, three units: values[t·3 + j]; unit 2 is scaled by 1/2.
        let values: [Float] = [0, 1, 2,
                               1, 0, -2]
        let table = ScaleTable(scale: .diverging, mode: .truecolor)
        let heatmap = Heatmap(source: .matrix(values: values, stride: 3),
                              rows: [HeatmapRow(upper: 0, lower: 1), HeatmapRow(upper: 2, lower: nil, upperFactor: 0.5)],
                              steps: 0..<2, firstStep: 0, table: table)
        var buffer = CellBuffer(width: 3, height: 2, colorMode: .truecolor)
        heatmap.draw(in: Rect(x: 1, y: 0, width: 2, height: 2), into: &buffer)
        // 0 is the table's level 128 of 256 (value 1/255): the scale's white, one step warm.
        let white = ColorScale.diverging.color(for: 1.0 / 255, mode: .truecolor), red = TerminalColor.rgb(0xB2, 0x18, 0x2B)
        let blue = TerminalColor.rgb(0x21, 0x66, 0xAC)
        #expect(buffer[0, 0] == Cell(" "))
        #expect(buffer[1, 0] == Cell("▀", style: CellStyle(foreground: white, background: red)))
        #expect(buffer[2, 0] == Cell("▀", style: CellStyle(foreground: red, background: white)))
        #expect(buffer[1, 1] == Cell("▀", style: CellStyle(foreground: red, background: .default)))
        #expect(buffer[2, 1] == Cell("▀", style: CellStyle(foreground: blue, background: .default)))
    }

    @Test func heatmapLeavesStepsNotReadYetAndClipsToItsRectangle() {
        let table = ScaleTable(scale: .sequential, mode: .monochrome)
        let heatmap = Heatmap(source: .function { step, _ in Float(step) / 4 },
                              rows: [HeatmapRow(upper: 0, lower: nil)], steps: 1..<9, firstStep: 0, table: table)
        var buffer = CellBuffer(width: 6, height: 2, colorMode: .monochrome)
        heatmap.draw(in: Rect(x: 0, y: 0, width: 5, height: 1), into: &buffer)
        // Step 0 not read (blank); steps 1–4 shade 0.25 … 1; the rectangle ends at column 5.
        #expect(buffer.plainText() == " ░▒▓█\n")
        #expect(buffer[5, 0] == Cell(" "))
    }

    enum Command: Sendable, Equatable { case faster, slower, help }

    @Test func keyMapDispatchesAndWritesOneHelpLinePerLabel() {
        let map = KeyMap<Command>([
            KeyBinding("+  -", "faster / slower", [.character("+")], .faster),
            KeyBinding("", "", [.character("-")], .slower),
            KeyBinding("?", "help", [.character("?")], .help),
        ])
        #expect(map.command(for: .character("-")) == .slower)
        #expect(map.command(for: .character("x")) == nil)
        let help = map.helpEntries()
        #expect(help.map(\.keys) == ["+  -", "?"])
        #expect(map.helpEntries(hiding: [.character("?")]).map(\.keys) == ["+  -"])
        // A line stays while any of its keys still works.
        #expect(map.helpEntries(hiding: [.character("+")]).map(\.keys) == ["+  -", "?"])
    }
}

/// Playback: the one step / play / speed logic of every screen.
@Suite struct PlaybackTests {
    @Test func stepsClampAndPlayingFromTheEndStartsAgain() {
        var playback = Playback(speedIndex: 3)
        playback.apply(.stepBack, total: 5)
        #expect(playback.step == 0)
        playback.apply(.lastStep, total: 5)
        playback.apply(.stepForward, total: 5)
        #expect(playback.step == 4)
        playback.apply(.togglePlay, total: 5)
        #expect(playback.step == 0 && playback.isPlaying)
        for _ in 0..<10 { playback.tick(total: 5) }
        #expect(playback.step == 4 && !playback.isPlaying)
    }

    @Test func aGrowingRunWaitsAtItsEndAndSeekClamps() {
        var playback = Playback()
        playback.apply(.lastStep, total: 5)
        playback.apply(.togglePlay, total: 5, growing: true)
        #expect(playback.step == 4 && playback.isPlaying, "no rewind while the run grows")
        playback.tick(total: 5, growing: true)
        #expect(playback.step == 4 && playback.isPlaying, "waits for the next step")
        playback.tick(total: 6, growing: true)
        #expect(playback.step == 5 && playback.isPlaying)
        playback.seek(to: 99, total: 6)
        #expect(playback.step == 5)
        playback.seek(to: -3, total: 6)
        #expect(playback.step == 0)
    }

    @Test func helpAndQuitAreSharedAndPlaybackIgnoredUnderTheHelp() {
        var playback = Playback()
        var help = true
        #expect(playback.applyShared(ExplorerCommand.stepForward, showsHelp: &help, total: 5) == .continue)
        #expect(playback.step == 0 && help, "keys do not step under the help")
        #expect(playback.applyShared(ExplorerCommand.closeOverlay, showsHelp: &help, total: 5) == .continue && !help)
        #expect(playback.applyShared(ExplorerCommand.stepForward, showsHelp: &help, total: 5) == .continue)
        #expect(playback.step == 1)
        #expect(playback.applyShared(ExplorerCommand.nextLayer, showsHelp: &help, total: 5) == nil, "the screen's own")
        help = true
        #expect(playback.applyShared(ExplorerCommand.quit, showsHelp: &help, total: 5) == .quit)
    }

    @Test func cyclesWrapAndListsClamp() {
        #expect(2.cycled(by: 1, count: 3) == 0 && 0.cycled(by: -1, count: 3) == 2 && 1.cycled(by: 7, count: 3) == 2)
        #expect(5.cycled(by: 1, count: 0) == 0)
        #expect(Key.up.listSelection(from: 0, count: 4) == 0 && Key.character("j").listSelection(from: 3, count: 4) == 3)
        #expect(Key.down.listSelection(from: 1, count: 4) == 2 && Key.character("k").listSelection(from: 2, count: 4) == 1)
        #expect(Key.enter.listSelection(from: 1, count: 4) == nil)
    }

    @Test func speedsStayInTheListAndSetTheTick() {
        var playback = Playback(speedIndex: 99)
        #expect(playback.speed == 60)
        playback.apply(.faster, total: 1)
        #expect(playback.speed == 60)
        for _ in 0..<10 { playback.apply(.slower, total: 1) }
        #expect(playback.speed == 1)
        #expect(playback.tickInterval == nil)
        playback.apply(.togglePlay, total: 1)
        #expect(playback.tickInterval == .seconds(1))
    }

    @Test func twinsAndConvLSTMCommandsMapOntoPlayback() {
        #expect(ExplorerCommand.togglePlay.playback == .togglePlay)
        #expect(ExplorerCommand.quit.playback == nil)
        #expect(SpatialExplorerCommand(.lastStep) == .lastStep)
        #expect(ExplorerKeys.command(for: .end) == .lastStep)
        #expect(SpatialExplorerCommand.command(for: .character("g")) == .firstStep)
    }
}

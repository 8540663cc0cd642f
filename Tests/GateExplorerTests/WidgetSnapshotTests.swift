import GateCanvas
import Testing

/// The shared widgets of GateCanvas, each drawn into a rectangle of a small buffer and kept as a
/// whole-buffer snapshot (text and styles), plus the facts a snapshot alone would not pin down.
@Suite struct WidgetSnapshotTests {
    private static func expectGolden(_ buffer: CellBuffer, _ name: String) throws {
        let (text, golden) = try BufferSnapshot.compare(buffer, named: name)
        #expect(text == golden, "\(name).snap differs; rerun with GATESCOPE_RECORD_SNAPSHOTS=1 and review the diff")
    }

    @Test(arguments: ColorMode.allCases)
    func legendShowsEveryColourOfItsMode(mode: ColorMode) throws {
        var buffer = CellBuffer(width: 44, height: 2, colorMode: mode)
        let legend = Legend(name: "gate", low: "0", high: "1", table: ScaleTable(scale: .sequential, mode: mode), swatchCount: 6)
        legend.draw(in: Rect(x: 0, y: 0, width: 44, height: 1), into: &buffer)
        Legend(low: "−2.50", high: "+2.50", table: ScaleTable(scale: .diverging, mode: mode))
            .draw(in: Rect(x: 2, y: 1, width: 40, height: 1), into: &buffer)
        // Swatch cells: as asked in truecolor and 256 colours, one per ladder step in 16 and 8
        // colours (5 and 4 for the sequential scale), one per shade glyph in monochrome.
        let swatch = [ColorMode.truecolor: 6, .palette256: 6, .palette16: 5, .palette8: 4, .monochrome: 5][mode]!
        #expect(legend.line.text.hasPrefix(" gate 0 ") && legend.line.text.hasSuffix(" 1 "))
        #expect(legend.width == 8 + swatch + 3)
        try Self.expectGolden(buffer, "widget-legend-\(mode.rawValue)")
    }

    @Test func sparklineScalesBetweenItsEndsAndMarksMissingValues() throws {
        // 0 … 7 over [0, 7]: one bar per value from ▁ to █; NaN is ×, and the cursor step is reversed.
        let values: [Float] = [0, 1, 2, 3, 4, 5, 6, 7, .nan, 7]
        var buffer = CellBuffer(width: 14, height: 2)
        Sparkline(values: values, steps: 0..<10, firstStep: 0) { $0 == 3 ? CellStyle(reverse: true) : .plain }
            .draw(in: Rect(x: 2, y: 0, width: 12, height: 1), into: &buffer)
        // A window starting at step 4 of only the steps read so far (up to 6): the rest stays blank.
        Sparkline(values: values, low: 0, high: 14, steps: 0..<7, firstStep: 4)
            .draw(in: Rect(x: 2, y: 1, width: 5, height: 1), into: &buffer)
        #expect(buffer.plainText() == "  ▁▂▃▄▅▆▇█×█\n  ▃▃▄")
        try Self.expectGolden(buffer, "widget-sparkline")
    }

    @Test func wrappedTextBreaksAtSpacesAndMarksWhatIsCut() throws {
        var buffer = CellBuffer(width: 24, height: 5)
        let text = WrappedText([StyledText("the gates open and shut at every step", CellStyle(bold: true)),
                                StyledText("a second line that will not fit whole")], indent: 2, marksCut: true)
        text.draw(in: Rect(x: 1, y: 1, width: 20, height: 3), into: &buffer)
        #expect(text.height(width: 20) == 4)
        #expect(buffer.plainText() == "\n the gates open and\n   shut at every step\n a second line that…\n")
        try Self.expectGolden(buffer, "widget-wrapped-text")
    }

    @Test func statusBarLeavesOutWholePiecesAndKeepsItsRightSide() throws {
        var buffer = CellBuffer(width: 50, height: 3)
        let bar = StatusBar(left: [.init(StyledText(" gatescope", CellStyle(bold: true))),
                                   .init(choices: [StyledText(" · LSTM 2→6 · layer 2/3"), StyledText(" · layer 2/3")], optional: true)],
                            right: StyledText(" t=7/13 ▶ ", CellStyle(bold: true)), filler: Cell("─", style: CellStyle(dim: true)))
        bar.draw(in: Rect(x: 0, y: 0, width: 50, height: 1), into: &buffer)
        bar.draw(in: Rect(x: 0, y: 1, width: 34, height: 1), into: &buffer)
        // Hints in priority order: "tab panel" does not fit and goes; the shorter "s sort" after it stays.
        StatusBar.hints(["←/→ step", "space play", "tab panel", "s sort"], pinned: ["? help", "q quit"])
            .draw(in: Rect(x: 0, y: 2, width: 49, height: 1), into: &buffer)
        let lines = buffer.plainText().split(separator: "\n").map(String.init)
        #expect(lines[0] == " gatescope · LSTM 2→6 · layer 2/3 ─────  t=7/13 ▶")
        #expect(lines[1] == " gatescope · layer 2/3   t=7/13 ▶")
        #expect(lines[2] == " ←/→ step · space play · s sort · ? help · q quit")
        try Self.expectGolden(buffer, "widget-status-bar")
    }

    enum Command: Sendable { case step, play, unit, help, quit }

    @Test func helpOverlayListsTheKeyMapInABox() throws {
        let map = KeyMap<Command>([
            KeyBinding("→  l", "step forward", [.right], .step),
            KeyBinding("space", "play / pause", [.character(" ")], .play),
            KeyBinding("↑ ↓", "previous / next unit", [.up], .unit),
            KeyBinding("?", "this help", [.character("?")], .help),
            KeyBinding("q", "quit", [.character("q")], .quit),
        ])
        let help = HelpOverlay(title: " help · Esc closes ", keyMap: map, hiding: [.up],
                               notes: [("mouse", "wheel: step")],
                               sections: [.init(heading: "how to read it", ["rows are units, columns are steps; the story goes on and on"], marksCut: true)])
        var buffer = CellBuffer(width: 50, height: 14)
        buffer.fill(buffer.area, with: Cell("."))
        help.draw(in: buffer.area, into: &buffer)
        let text = buffer.plainText()
        // The hidden key's line is not listed; every other binding is, once, in map order.
        #expect(!text.contains("previous / next unit"))
        for phrase in ["step forward", "play / pause", "this help", "quit", "wheel: step", "how to read it"] {
            #expect(text.contains(phrase), "\(phrase) in \(text)")
        }
        try Self.expectGolden(buffer, "widget-help-overlay")
    }

    @Test func helpOverlaySetsManyKeysTwoToALine() throws {
        let bindings = (1...16).map { KeyBinding<Int>("k\($0)", "meaning number \($0) (with a long aside)", [.character(Character("\($0 % 10)"))], $0) }
        let help = HelpOverlay(title: " help ", keyMap: KeyMap(bindings))
        let lines = help.lines(width: 64, height: 14)
        // 16 keys + heading do not fit 12 rows one to a line: 8 lines of two keys, asides dropped.
        #expect(lines.count == 8)
        #expect(lines[0].text.contains("k1 ") && lines[0].text.contains("k9 "))
        #expect(!lines[0].text.contains("("))
    }
}

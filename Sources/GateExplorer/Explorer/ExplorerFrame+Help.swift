import GateCanvas
extension ExplorerFrame {
    /// The keys the help lists: the explorer's (less those the app around it takes over or disables),
    /// then the app's own (``ExplorerRun/extraKeyHelp``), less disabled ones.
    public var helpEntries: [(keys: String, meaning: String)] {
        let extras = state.run.extraKeyHelp
        let disabled = state.run.disabledKeys
        let claimed = Set(extras.flatMap(\.handles)).union(disabled)
        var entries = ExplorerKeys.map.helpEntries(hiding: claimed)
        for extra in extras where extra.handles.isEmpty || !extra.handles.allSatisfy(disabled.contains) {
            entries.append((extra.keys, extra.meaning))
        }
        return entries
    }

    /// The help overlay: every key, the mouse, the demo's story (cut with "…" when it does not fit
    /// whole), then as much of "how to read it" as fits.
    public var helpOverlay: HelpOverlay {
        var sections: [HelpOverlay.Section] = []
        if let story = state.run.story { sections.append(.init(heading: "this demo", [story], marksCut: true)) }
        sections.append(.init(heading: "how to read it", Self.readingLines(mode: mode)))
        return HelpOverlay(title: " gatescope help · Esc or ? closes ", entries: helpEntries,
                           notes: [("mouse", "click a heatmap cell: that unit and step · wheel: step")], sections: sections)
    }

    /// How the heatmaps read in `mode`: with colours two units to a row, without them one unit a row
    /// in shade glyphs.
    static func readingLines(mode: ColorMode) -> [String] {
        guard mode != .monochrome else {
            return ["rows are units (one per row), columns are steps",
                    "gates: · = 0 (closed) ░ ▒ ▓ █ = 1 (open)",
                    "signed values: · near 0, ░ ▒ ▓ █ positive, - = ≡ ■ negative"]
        }
        return ["rows are units, columns are steps; ▀ shows two units per row",
                "gates: dark = 0 (closed), bright = 1 (open)",
                "signed values: blue negative, white 0, red/orange positive"]
    }

    /// Draws the help overlay in a box over the screen.
    func drawHelp(into buffer: inout CellBuffer) {
        helpOverlay.draw(in: buffer.area, into: &buffer)
    }
}

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

    /// The help overlay's lines: every key, the mouse, the colours, and the run's story. When the keys
    /// do not fit one per line in `height`, they are set two to a line (meanings shortened).
    public func helpLines(width: Int, height: Int) -> [StyledText] {
        var lines: [StyledText] = []
        let entries = helpEntries
        let room = height - 4
        // The box holds height − 2 lines: the title, the keys and the mouse line must fit. Set two to
        // a line, the keys go without their heading (the box's title says what it is).
        if entries.count + 2 > height - 2 && width >= 60 {
            // Columns of the box's inner width (width − 3): the left one, a gap, the right one.
            let half = (entries.count + 1) / 2
            let sides = [Array(entries[..<half]), Array(entries[half...])]
            let keyWidths = sides.map { side in side.map { GlyphWidth.columns(of: $0.keys) }.max() ?? 0 }
            // Each side wants its longest line; the right one gets what it wants up to half, the left the rest.
            let wanted = (0..<2).map { side in
                (sides[side].map { GlyphWidth.columns(of: $0.meaning) }.max() ?? 0) + keyWidths[side] + 3
            }
            let leftWidth = max((width - 3) / 2, width - 3 - min(wanted[1], (width - 3) / 2))
            let widths = [leftWidth - 1, width - 3 - leftWidth - 1]
            for row in 0..<half {
                var line = StyledText()
                for side in 0..<2 where row < sides[side].count {
                    let entry = sides[side][row]
                    if side == 1 { line.add(String(repeating: " ", count: max(1, leftWidth - line.width))) }
                    line.add(" " + NumberFormat.padRight(entry.keys, keyWidths[side]), ExplorerTheme.title)
                    line.add(" " + Self.shortened(entry.meaning, to: widths[side] - keyWidths[side] - 2))
                }
                lines.append(line)
            }
        } else {
            lines.append(StyledText("keys", ExplorerTheme.title))
            for entry in entries {
                var line = StyledText(" " + NumberFormat.padRight(entry.keys, 10), ExplorerTheme.title)
                line.add(entry.meaning)
                lines.append(line)
            }
        }
        lines.append(StyledText(" mouse     click a heatmap cell: that unit and step · wheel: step"))
        var left = room - lines.count
        // The demo's story first (it says what to look at), cut with "…" when it does not fit whole;
        // then as much of "how to read it" as fits, never its title alone.
        if let story = state.run.story, left >= 3 {
            var storyLines = SizeNotice.wrap(story, width: max(10, width - 6))
            // The blank line above the heading goes first when the story would otherwise be cut.
            let gap = storyLines.count > left - 2 ? 0 : 1
            if storyLines.count > left - 1 - gap {
                storyLines = Array(storyLines.prefix(left - 1 - gap))
                storyLines[storyLines.count - 1] += "…"
            }
            lines += Array(repeating: StyledText(), count: gap) + [StyledText("this demo", ExplorerTheme.title)]
            lines += storyLines.map { StyledText(" " + $0) }
            left = room - lines.count
        }
        let reading = [StyledText(), StyledText("how to read it", ExplorerTheme.title),
                       StyledText(" rows are units, columns are steps; ▀ shows two units per row"),
                       StyledText(" gates: dark = 0 (closed), bright = 1 (open)"),
                       StyledText(" signed values: blue negative, white 0, red/orange positive")]
        if left >= 3 { lines += reading.prefix(left) }
        return lines
    }

    /// `meaning` in at most `width` columns: without its parenthesis, else cut with "…".
    static func shortened(_ meaning: String, to width: Int) -> String {
        guard meaning.count > width, width > 1 else { return meaning }
        if let open = meaning.firstIndex(of: "("), meaning.distance(from: meaning.startIndex, to: open) > 3 {
            var bare = String(meaning[..<open])
            while bare.last == " " { bare.removeLast() }
            if bare.count <= width { return bare }
        }
        return String(meaning.prefix(width - 1)) + "…"
    }

    /// Draws the help overlay in a box over the screen.
    func drawHelp(into buffer: inout CellBuffer) {
        let boxWidth = min(buffer.width - 2, 78)
        let lines = helpLines(width: boxWidth, height: buffer.height)
        let boxHeight = min(buffer.height, lines.count + 3)
        let rect = buffer.drawCenteredBox(width: boxWidth, height: boxHeight,
                                          title: " gatescope help · Esc or ? closes ")
        let x = rect.x, y = rect.y
        for (offset, line) in lines.enumerated() where y + 1 + offset < rect.maxY - 1 {
            line.draw(into: &buffer, x: x + 2, y: y + 1 + offset, maxX: rect.maxX - 1)
        }
    }
}

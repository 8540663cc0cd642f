extension ExplorerFrame {
    /// The help overlay's lines: every key, the mouse, the colours, and the run's story.
    public func helpLines(width: Int, height: Int) -> [StyledText] {
        var lines: [StyledText] = [StyledText("keys", ExplorerTheme.title)]
        for binding in ExplorerKeyBinding.all where !binding.keysLabel.isEmpty {
            var line = StyledText(" " + NumberFormat.padRight(binding.keysLabel, 10), ExplorerTheme.title)
            line.add(binding.meaning)
            lines.append(line)
        }
        for extra in state.run.extraKeyHelp {
            var line = StyledText(" " + NumberFormat.padRight(extra.keys, 10), ExplorerTheme.title)
            line.add(extra.meaning)
            lines.append(line)
        }
        lines.append(StyledText(" mouse     click a heatmap cell: that unit and step · wheel: step"))
        var extra: [StyledText] = [StyledText(), StyledText("how to read it", ExplorerTheme.title),
                                   StyledText(" rows are units, columns are steps; ▀ shows two units per row"),
                                   StyledText(" gates: dark = 0 (closed), bright = 1 (open)"),
                                   StyledText(" signed values: blue negative, white 0, red/orange positive")]
        if let story = state.run.story {
            extra.append(StyledText())
            extra.append(StyledText("this demo", ExplorerTheme.title))
            extra += SizeNotice.wrap(story, width: max(10, width - 6)).map { StyledText(" " + $0) }
        }
        let room = height - 4 - lines.count
        if room > 0 { lines += extra.prefix(room) }
        return lines
    }

    /// Draws the help overlay in a box over the screen.
    func drawHelp(into buffer: inout CellBuffer) {
        let boxWidth = min(buffer.width - 2, 78)
        let lines = helpLines(width: boxWidth, height: buffer.height)
        let boxHeight = min(buffer.height, lines.count + 3)
        let x = max(0, (buffer.width - boxWidth) / 2)
        let y = max(0, (buffer.height - boxHeight) / 2)
        let rect = Rect(x: x, y: y, width: boxWidth, height: boxHeight)
        buffer.fill(rect, with: .blank)
        let horizontal = String(repeating: "─", count: max(0, boxWidth - 2))
        buffer.put("┌" + horizontal + "┐", x: x, y: y, style: ExplorerTheme.rule)
        buffer.put("└" + horizontal + "┘", x: x, y: rect.maxY - 1, style: ExplorerTheme.rule)
        for row in (y + 1)..<(rect.maxY - 1) {
            buffer.put("│", x: x, y: row, style: ExplorerTheme.rule)
            buffer.put("│", x: rect.maxX - 1, y: row, style: ExplorerTheme.rule)
        }
        buffer.put(" gatescope help · Esc or ? closes ", x: x + 2, y: y, style: ExplorerTheme.title)
        for (offset, line) in lines.enumerated() where y + 1 + offset < rect.maxY - 1 {
            line.draw(into: &buffer, x: x + 2, y: y + 1 + offset, maxX: rect.maxX - 1)
        }
    }
}

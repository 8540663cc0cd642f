import GateCanvas
extension ExplorerFrame {
    /// The status line: program, run, model, layer, the step `t=N/T`, play state and speed.
    func drawStatus(into buffer: inout CellBuffer) {
        let rect = layout.status
        var left = StyledText(" gatescope", ExplorerTheme.title)
        left.add(" · " + state.run.name, ExplorerTheme.title)
        let model = " · " + state.run.modelSummary
        var layerText = ""
        if state.run.layerIndices.count > 1 { layerText += " · layer \(state.layerIndex + 1)/\(state.run.layerIndices.count)" }
        if state.run.hasReverseDirection { layerText += state.layer.isReverse ? " · ← reverse" : " · → forward" }

        var right = StyledText()
        // Live input before its first line has no step to show ("t=0/0" read as a broken counter).
        right.add(state.totalSteps == 0 ? " no steps yet " : " t=\(state.run.stepNumber(state.step))/\(state.run.shownTotalSteps) ",
                  ExplorerTheme.title)
        right.add(state.isPlaying ? "▶ playing" : "⏸ paused", state.isPlaying ? ExplorerTheme.title : .plain)
        right.add(" · \(state.speed) steps/s ", ExplorerTheme.dim)

        let room = rect.width - right.width - 1
        if left.width + GlyphWidth.columns(of: model) + GlyphWidth.columns(of: layerText) <= room {
            left.add(model, ExplorerTheme.dim)
            left.add(layerText, ExplorerTheme.title)
        } else if left.width + GlyphWidth.columns(of: layerText) <= room {
            left.add(layerText, ExplorerTheme.title)
        }
        let end = left.draw(into: &buffer, x: rect.x, y: rect.y, maxX: rect.x + room)
        let ruleStart = end + 1
        let rightX = rect.maxX - right.width
        if rightX - 1 > ruleStart {
            buffer.put(String(repeating: "─", count: rightX - 1 - ruleStart), x: ruleStart, y: rect.y,
                       style: ExplorerTheme.rule)
        }
        right.draw(into: &buffer, x: max(rect.x, rightX), y: rect.y, maxX: rect.maxX)
    }

    /// The bottom line: key hints, or a notice about panels left out.
    func drawHints(into buffer: inout CellBuffer) {
        let rect = layout.hints
        if let prompt = state.goTo {
            prompt.line.draw(into: &buffer, x: rect.x, y: rect.y, maxX: rect.maxX)
            return
        }
        var items = ["←/→ step", "space play"]
        if state.showsDiagram { items = ["←/→ step", "↑/↓ unit", "D close diagram", "space play"] }
        if state.hasBands { items.append(state.run.hasReverseDirection ? "A both directions" : "A all layers") }
        switch layout.inspector {
        case .hidden: items.append("i inspector")
        case .overlay: items.append("i close inspector")
        default: break
        }
        items += state.showsDiagram ? ["+/- speed"] : ["↑/↓ unit", ": go to", "S colour scale", "+/- speed", "s sort", "tab panel"]
        if state.run.layerIndices.count > 1 { items.append("[ ] layer") }
        if state.run.hasReverseDirection { items.append("d direction") }
        let tail = ["? help", "q quit"]
        var line = StyledText()
        var notice = ""
        if !layout.droppedPanels.isEmpty {
            notice = "not shown: " + layout.droppedPanels.joined(separator: ", ") + " (enlarge) · "
        }
        let tailText = tail.joined(separator: " · ")
        var budget = rect.width - 1 - GlyphWidth.columns(of: notice) - GlyphWidth.columns(of: tailText)
        var shown: [String] = []
        for item in items {
            let cost = GlyphWidth.columns(of: item) + 3
            if cost > budget { break }
            shown.append(item)
            budget -= cost
        }
        if !notice.isEmpty { line.add(" " + notice, ExplorerTheme.notice) } else { line.add(" ") }
        line.add((shown + tail).joined(separator: " · "), ExplorerTheme.dim)
        line.draw(into: &buffer, x: rect.x, y: rect.y, maxX: rect.maxX)
    }
}

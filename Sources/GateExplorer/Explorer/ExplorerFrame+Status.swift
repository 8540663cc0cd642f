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
        right.add(state.totalSteps == 0 ? " no steps yet " : " \(state.run.stepCounter(state.step)) ",
                  ExplorerTheme.title)
        right.add(state.isPlaying ? "▶ playing" : "⏸ paused", state.isPlaying ? ExplorerTheme.title : .plain)
        right.add(" · \(state.speed) steps/s ", ExplorerTheme.dim)

        var modelAndLayer = StyledText(model, ExplorerTheme.dim)
        modelAndLayer.add(layerText, ExplorerTheme.title)
        // The model goes first when the line is narrow, then the layer; the right side stays.
        StatusBar(left: [.init(left), .init(choices: [modelAndLayer, StyledText(layerText, ExplorerTheme.title)], optional: true)],
                  right: right, filler: Cell("─", style: ExplorerTheme.rule))
            .draw(in: rect, into: &buffer)
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
        var notice = StyledText(" ")
        if !layout.droppedPanels.isEmpty {
            notice = StyledText(" not shown: " + layout.droppedPanels.joined(separator: ", ") + " (enlarge) · ", ExplorerTheme.notice)
        }
        StatusBar.hints(KeyHints.enabled(items, disabled: state.run.disabledKeys), pinned: ["? help", "q quit"], prefix: notice,
                        style: ExplorerTheme.dim)
            .draw(in: rect, into: &buffer)
    }
}

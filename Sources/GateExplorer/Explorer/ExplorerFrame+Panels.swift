import GateCanvas
import GateCore

extension ExplorerFrame {
    /// Every heatmap panel: label, selected-unit marker, and the half-block heatmap.
    func drawPanels(into buffer: inout CellBuffer) {
        for placement in layout.panels { drawPanel(placement, into: &buffer) }
    }

    private func drawPanel(_ placement: PanelPlacement, into buffer: inout CellBuffer) {
        let kind = placement.kind
        let isFocused = state.focus == .panel(placement.index)
        // Label: name and symbol, then the meaning in plain words as rows allow.
        var lines = [kind.title] + kind.meaning
        if kind.series == SeriesName.hidden, layer.series[SeriesName.hiddenBeforeProjection] != nil {
            lines = [kind.title, "proj. of", "o·tanh c"]   // proj_size: h = W_hr·(o·tanh c), P units
        }
        if placement.label.height == 1 { lines = [kind.title] }
        for (row, line) in lines.prefix(placement.label.height).enumerated() {
            let style = row == 0 ? (isFocused ? ExplorerTheme.focused : ExplorerTheme.title) : ExplorerTheme.dim
            let text = row == 0 ? " " + line + " " : " " + line
            StyledText(text, style).draw(into: &buffer, x: placement.label.x, y: placement.label.y + row,
                                         maxX: placement.label.maxX)
        }

        drawGutter(placement, into: &buffer)

        // Heatmap.
        guard let matrix = layer.series[kind.series] else {
            buffer.put("not in this trace", x: placement.heatmap.x, y: placement.heatmap.y, style: ExplorerTheme.dim)
            return
        }
        let window = layout.timeWindow.steps(total: min(state.totalSteps, matrix.rows))
        var firstStep = window.lowerBound, lastStep = window.upperBound
        if !state.revealsAllSteps {
            if layer.isReverse { firstStep = max(firstStep, state.step) } else { lastStep = min(lastStep, state.step + 1) }
        }
        let rows = HeatmapRow.rows(Array(order[layout.unitsInView]), perRow: layout.unitsPerRow) { 1 / range(of: kind, unit: $0) }
        Heatmap(source: .matrix(values: matrix.values, stride: matrix.columns), rows: rows,
                steps: firstStep..<max(firstStep, lastStep), firstStep: window.lowerBound, table: table(for: kind))
            .draw(in: placement.heatmap, into: &buffer)
    }

    /// The units of each text row of the panels, top first: the upper one and the lower one (none
    /// for one unit per row or an odd last unit), in display order.
    func unitRows() -> [(upper: Int, lower: Int?)] {
        HeatmapRow.rows(Array(order[layout.unitsInView]), perRow: layout.unitsPerRow).map { ($0.upper, $0.lower) }
    }

    /// The unit numbers beside a heatmap, one label per row: the upper unit's number in index order
    /// (the lower one is the next), both numbers ("12,5") when sorted; the selected unit's row in the
    /// selection colour with a half-block mark pointing at its half. Rows past a narrower series
    /// (a projected LSTM's hidden has P < H units) stay blank.
    private func drawGutter(_ placement: PanelPlacement, into buffer: inout CellBuffer) {
        let perRow = layout.unitsPerRow
        let columns = layer.series[placement.kind.series]?.columns ?? Int.max
        let selected = state.selectedUnit
        for (row, pair) in unitRows().prefix(placement.gutter.height).enumerated() {
            let (upper, lower) = pair
            guard upper < columns else { continue }
            let isSelected = selected < columns && (upper == selected || lower == selected)
            var label = String(upper + 1)
            if let lower, layout.pairsUnitLabels {
                label += "," + String(lower + 1)
            } else if isSelected {
                label = String(selected + 1)
            }
            let y = placement.gutter.y + row
            let numberX = placement.gutter.maxX - 1 - GlyphWidth.columns(of: label)
            buffer.put(label, x: numberX, y: y, style: isSelected ? ExplorerTheme.selection : ExplorerTheme.dim)
            if isSelected {
                let mark = perRow == 1 ? "▸" : (upper == selected ? "▀" : "▄")
                buffer.put(mark, x: placement.gutter.maxX - 1, y: y, style: ExplorerTheme.selection)
            }
        }
    }

    /// The row under the gate panels: which units are in view, the cursor mark, the sort order.
    func drawAxis(into buffer: inout CellBuffer) {
        let rect = layout.axis
        let view = layout.unitsInView
        let total = state.unitCount
        let range = view.isEmpty ? "none" : (view.count == 1 ? "\(view.lowerBound + 1)" : "\(view.lowerBound + 1)–\(view.upperBound)")
        let candidates = ["units \(range) of \(total)", "\(range) of \(total)", "\(range)/\(total)"]
        let room = layout.heatmapX - 2
        let label = candidates.first { GlyphWidth.columns(of: $0) <= room } ?? candidates[2]
        buffer.put(label, x: rect.x + 1, y: rect.y, style: ExplorerTheme.dim)

        var used = layout.heatmapX..<layout.heatmapX
        if state.totalSteps > 0, let column = layout.timeWindow.column(of: state.step) {
            let x = layout.heatmapX + column
            let text = "t=\(state.run.stepNumber(state.step))"
            buffer.put("▲", x: x, y: rect.y, style: ExplorerTheme.title)
            let after = x + 2 + GlyphWidth.columns(of: text) <= rect.maxX
            let textX = after ? x + 2 : x - 1 - GlyphWidth.columns(of: text)
            buffer.put(text, x: textX, y: rect.y, style: ExplorerTheme.title)
            used = min(x, textX)..<max(x + 1, textX + GlyphWidth.columns(of: text))
        }
        // A replayed recording's jumps: "‖" under the first step after each (the status line names the steps).
        if let origin = state.run.origin {
            for t in layout.timeWindow.steps(total: state.totalSteps) where t + state.run.stepOffset > 0
                && origin.startsSegment(row: t + state.run.stepOffset, reverse: false) {
                guard let column = layout.timeWindow.column(of: t), !used.contains(layout.heatmapX + column) else { continue }
                buffer.put("‖", x: layout.heatmapX + column, y: rect.y, style: ExplorerTheme.notice)
                used = min(used.lowerBound, layout.heatmapX + column)..<max(used.upperBound, layout.heatmapX + column + 1)
            }
        }
        var sort = "sorted \(state.sortOrder.label)"
        if state.sortOrder == .index { sort = "s: sort units" }
        if let token = state.tokenSort { sort = "sorted by '\(state.tokenName(token))'" }
        let sortX = rect.maxX - 1 - GlyphWidth.columns(of: sort)
        if sortX > used.upperBound + 1 {
            let plain = state.sortOrder == .index && state.tokenSort == nil
            buffer.put(sort, x: sortX, y: rect.y, style: plain ? ExplorerTheme.dim : ExplorerTheme.title)
        }
        let earlier = "◂ \(layout.timeWindow.start + state.run.stepOffset) earlier"
        if layout.timeWindow.start + state.run.stepOffset > 0, layout.heatmapX + GlyphWidth.columns(of: earlier) + 1 < used.lowerBound {
            buffer.put(earlier, x: layout.heatmapX, y: rect.y, style: ExplorerTheme.dim)
        }
    }
}

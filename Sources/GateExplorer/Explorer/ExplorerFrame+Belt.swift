import GateCanvas
import GateCore

extension ExplorerFrame {
    /// The belt's title row (with a ▼ over the cursor column and the legend when it fits), and the
    /// arithmetic of the current step: for the selected unit the sum, for the units in view bars of
    /// what was kept, forgotten and written.
    func drawBelt(into buffer: inout CellBuffer) {
        let rect = layout.beltTitle
        let title: String
        switch layer.kind {
        case .lstm: title = "── conveyor belt · cell state c: kept f·c₋₁ + written i·g "
        case .gru: title = "── conveyor belt · hidden state h: kept z·h₋₁ + written (1−z)·n "
        case .rnnTanh, .rnnRelu: title = "── hidden state h = \(layer.kind.rnnFunction)(W·x + U·h₋₁ + b) "
        }
        let end = StyledText(title, ExplorerTheme.title).draw(into: &buffer, x: rect.x, y: rect.y, maxX: rect.maxX)
        if end < rect.maxX - 1 {
            buffer.put(String(repeating: "─", count: rect.maxX - 1 - end), x: end, y: rect.y, style: ExplorerTheme.rule)
        }
        if layout.legend == nil {
            let legend = legendLine()
            if rect.maxX - 1 - legend.width > end + 2 {
                legend.draw(into: &buffer, x: rect.maxX - 1 - legend.width, y: rect.y, maxX: rect.maxX)
            }
        }
        drawBeltStep(into: &buffer)
    }

    /// The legend: both colour scales with their ends named; for a plain RNN, which has no gates,
    /// only the signed scale.
    func legendLine() -> StyledText {
        var line = StyledText()
        let hasGates = layer.kind == .lstm || layer.kind == .gru
        if hasGates {
            line.add(" gate 0 ", ExplorerTheme.dim)
            for cell in sequential.swatch(count: 6) { line.add(cell.grapheme, cell.style) }
            line.add(" 1 ", ExplorerTheme.dim)
        }
        let signedName = layer.kind == .lstm ? "c " : "h "
        let cellKind = PanelKind.panels(for: layer.kind).first { $0.isState }
        let scale = cellKind.map(magnitude(of:)) ?? 1
        line.add(" \(signedName)-\(NumberFormat.fixed(scale, scale >= 10 ? 0 : 1)) ", ExplorerTheme.dim)
        for cell in diverging.swatch(count: 7) { line.add(cell.grapheme, cell.style) }
        line.add(" +\(NumberFormat.fixed(scale, scale >= 10 ? 0 : 1)) ", ExplorerTheme.dim)
        return line
    }

    /// A legend row of its own (small terminals with a spare row).
    func drawLegendRow(into buffer: inout CellBuffer) {
        guard let rect = layout.legend else { return }
        var line = StyledText(" colours:", ExplorerTheme.dim)
        line.pieces += legendLine().pieces
        line.draw(into: &buffer, x: rect.x, y: rect.y, maxX: rect.maxX)
    }

    private func drawBeltStep(into buffer: inout CellBuffer) {
        let rect = layout.beltStep
        let unit = state.selectedUnit
        let decimals = state.decimals
        // Whole segments only: a segment that does not fit is left out rather than cut.
        var segments: [StyledText] = []
        var head = StyledText(" " + Self.unitName(unit), ExplorerTheme.selection)
        head.add(" at t=\(state.run.stepNumber(state.step))  ", ExplorerTheme.dim)
        if let belt = BeltArithmetic(layer: layer, step: state.step, unit: unit) {
            head.add(layer.kind == .lstm ? "c: " : "h: ", ExplorerTheme.dim)
            head.add(belt.arrows(decimals: decimals), ExplorerTheme.title)
            segments.append(head)
            segments.append(StyledText("  forgot \(NumberFormat.fixed(belt.forgotten, decimals))", ExplorerTheme.dim))
            if layer.kind == .lstm, let h = layer.value(SeriesName.hidden, step: state.step, unit: unit) {
                segments.append(StyledText("  h \(NumberFormat.fixed(h, decimals))", ExplorerTheme.dim))
            }
        } else if let h = layer.value(SeriesName.hidden, step: state.step, unit: unit) {
            head.add("h = \(NumberFormat.fixed(h, decimals))", ExplorerTheme.title)
            segments.append(head)
        } else {
            segments.append(head)
        }
        if let prediction = Prediction(run: state.run, step: state.step), layer.layer == state.run.layerIndices.last {
            segments.append(StyledText("   " + prediction.summary(decimals: decimals), ExplorerTheme.title))
        }
        var line = StyledText()
        for segment in segments where line.width + segment.width <= rect.width - 1 {
            line.pieces += segment.pieces
        }
        line.draw(into: &buffer, x: rect.x, y: rect.y, maxX: rect.maxX)

        // Bars for the units in view, one line each, as rows allow.
        guard rect.height > 1, layer.kind == .lstm || layer.kind == .gru else { return }
        let stateKind = PanelKind.panels(for: layer.kind).first { $0.isState }
        let scale = stateKind.map(magnitude(of:)) ?? 1
        let barWidth = rect.width >= 100 ? 10 : (rect.width >= 80 ? 8 : 5)
        let numberWidth = max(3, String(state.unitCount).count)
        var y = rect.y + 1
        let column = barWidth + 1 + 5 + 2
        let header = String(repeating: " ", count: numberWidth + 3) + NumberFormat.padRight("before", 8)
            + NumberFormat.padRight(layer.kind == .lstm ? "kept f·c₋₁" : "kept z·h₋₁", column) + NumberFormat.padRight("forgotten", column)
            + NumberFormat.padRight(layer.kind == .lstm ? "written i·g" : "written (1−z)·n", column) + "after"
        if rect.height > 2 {
            StyledText(header, ExplorerTheme.dim).draw(into: &buffer, x: rect.x, y: y, maxX: rect.maxX)
            y += 1
        }
        for position in layout.unitsInView where y < rect.maxY {
            let unit = order[position]
            guard let belt = BeltArithmetic(layer: layer, step: state.step, unit: unit) else { break }
            var row = StyledText()
            let isSelected = unit == state.selectedUnit
            row.add(isSelected ? " ▸" : "  ", ExplorerTheme.selection)
            row.add(NumberFormat.padLeft(String(unit + 1), numberWidth) + " ", isSelected ? ExplorerTheme.selection : ExplorerTheme.dim)
            row.add(NumberFormat.signedAligned(belt.previous, 2) + "   ", .plain)
            appendBar(&row, value: belt.kept, scale: scale, width: barWidth)
            row.add(NumberFormat.signedAligned(belt.kept, 2) + "  ", .plain)
            appendBar(&row, value: belt.forgotten, scale: scale, width: barWidth, faded: true)
            row.add(NumberFormat.signedAligned(belt.forgotten, 2) + "  ", ExplorerTheme.dim)
            appendBar(&row, value: belt.written, scale: scale, width: barWidth)
            row.add(NumberFormat.signedAligned(belt.written, 2) + "  ", .plain)
            row.add("→ " + NumberFormat.signedAligned(belt.next, 2), ExplorerTheme.title)
            row.draw(into: &buffer, x: rect.x, y: y, maxX: rect.maxX)
            y += 1
        }
    }

    /// A horizontal bar of eighth blocks, |value|/scale of `width` cells, coloured by sign.
    private func appendBar(_ line: inout StyledText, value: Float, scale: Float, width: Int, faded: Bool = false) {
        let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        let fraction = value.isFinite ? min(1, abs(value) / max(scale, 1e-6)) : 0
        let total = Swift.max(0, Int(saturating: (fraction * Float(width * 8)).rounded()))
        var bar = String(repeating: faded && mode == .monochrome ? "░" : "█", count: total / 8)
        if !(faded && mode == .monochrome) { bar += eighths[total % 8] }
        let color = faded ? TerminalColor.indexed(8) : diverging.color(value >= 0 ? 0.75 : -0.75)
        let style = mode == .monochrome ? (faded ? ExplorerTheme.dim : CellStyle.plain) : CellStyle(foreground: color)
        line.add(bar, style)
        line.add(String(repeating: " ", count: max(0, width + 1 - GlyphWidth.columns(of: bar))))
    }
}

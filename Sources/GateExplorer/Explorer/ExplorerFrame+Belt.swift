import GateCanvas
import GateCore

extension ExplorerFrame {
    /// The belt's title row (with a ▼ over the cursor column and the legend when it fits), and the
    /// arithmetic of the current step: for the selected unit the sum, for the units in view bars of
    /// what was kept, forgotten and written.
    func drawBelt(into buffer: inout CellBuffer) {
        let rect = layout.beltTitle
        var titles: [String]
        switch layer.kind {
        case .lstm: titles = ["── conveyor belt · cell state c: kept f·c₋₁ + written i·g ", "── belt c = f·c₋₁ + i·g ", "── conveyor belt ", "── belt "]
        case .gru: titles = ["── conveyor belt · hidden state h: kept z·h₋₁ + written (1−z)·n ", "── belt h = z·h₋₁ + (1−z)·n ", "── conveyor belt ", "── belt "]
        case .rnnTanh, .rnnRelu: titles = ["── hidden state h = \(layer.kind.rnnFunction)(W·x + U·h₋₁ + b) ", "── hidden state h ", "── h "]
        }
        // Without a legend row of its own, the legend goes at the right of this row, the title
        // shortened as needed: a legend is on screen at every size.
        // The reverse direction's previous state is step t+1's: c₊₁, h₊₁.
        if layer.isReverse { titles = titles.map(\.replacingSubscriptMinusOne) }
        let legend = layout.legend == nil ? legendLine() : nil
        let room = rect.width - 1 - (legend.map { $0.width + 2 } ?? 0)
        let title = titles.first { GlyphWidth.columns(of: $0) <= room } ?? titles[titles.count - 1]
        let end = StyledText(title, ExplorerTheme.title).draw(into: &buffer, x: rect.x, y: rect.y, maxX: rect.maxX)
        let legendX = legend.map { max(end + 1, rect.maxX - 1 - $0.width) } ?? rect.maxX - 1
        if legendX > end {
            buffer.put(String(repeating: "─", count: legendX - end), x: end, y: rect.y, style: ExplorerTheme.rule)
        }
        legend?.draw(into: &buffer, x: legendX, y: rect.y, maxX: rect.maxX)
        drawBeltStep(into: &buffer)
    }

    /// The legend: both colour scales with their ends named; for a plain RNN, which has no gates,
    /// only the signed scale.
    func legendLine() -> StyledText {
        var line = StyledText()
        let hasGates = layer.kind == .lstm || layer.kind == .gru
        if hasGates { line.pieces += Legend(name: "gate", low: "0", high: "1", table: sequential, swatchCount: 6).line.pieces }
        let signedName = layer.kind == .lstm ? "c" : "h"
        let cellKind = PanelKind.panels(for: layer.kind).first { $0.isState }
        let scale = cellKind.map { range(of: $0, unit: state.selectedUnit) } ?? 1
        let number = NumberFormat.fixed(scale, scale >= 10 ? 0 : (scale >= 0.1 ? 2 : 3))
        let name = state.valueScaling == .perUnit ? "\(signedName) per unit, \(Self.unitName(state.selectedUnit)):"
                                                   : "\(signedName) one scale:"
        line.pieces += Legend(name: name, low: "−" + number, high: "+" + number, table: diverging).line.pieces
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
        head.add(state.totalSteps == 0 ? " · no steps yet" : " at t=\(state.run.stepNumber(state.step))  ", ExplorerTheme.dim)
        let carried = carriedState(layer: layer, t: state.step)
        // Rows still computed in the background (NaN): one note, no "nan" arithmetic, prediction or bars.
        let waiting = state.pendingNote != nil && layer.value(SeriesName.hidden, step: state.step, unit: unit)?.isNaN == true
        if waiting {
            head.add("not computed yet", ExplorerTheme.notice)
            segments.append(head)
        } else if let belt = belt(layer: layer, t: state.step, unit: unit) {
            head.add(layer.kind == .lstm ? "c: " : "h: ", ExplorerTheme.dim)
            head.add(belt.arrows(decimals: decimals), ExplorerTheme.title)
            segments.append(head)
            segments.append(StyledText("  forgot \(NumberFormat.fixed(abs(belt.forgotten), decimals))", ExplorerTheme.dim))
            if layer.kind == .lstm, let h = layer.value(SeriesName.hidden, step: state.step, unit: unit) {
                segments.append(StyledText("  h \(NumberFormat.fixed(h, decimals))", ExplorerTheme.dim))
            }
        } else if carried == .notRecorded, layer.kind != .rnnTanh, layer.kind != .rnnRelu {
            head.add((layer.kind == .lstm ? "c₋₁" : "h₋₁") + " not recorded (the recording starts here)", ExplorerTheme.dim)
            segments.append(head)
        } else if let h = layer.value(SeriesName.hidden, step: state.step, unit: unit) {
            head.add("h = \(NumberFormat.fixed(h, decimals))", ExplorerTheme.title)
            segments.append(head)
        } else {
            segments.append(head)
        }
        if !waiting, let prediction = Prediction(run: state.run, step: state.step), layer.layer == state.run.layerIndices.last {
            segments.append(StyledText("   " + prediction.summary(decimals: decimals), ExplorerTheme.title))
        }
        var line = StyledText()
        for segment in segments where line.width + segment.width <= rect.width - 1 {
            line.pieces += segment.pieces
        }
        line.draw(into: &buffer, x: rect.x, y: rect.y, maxX: rect.maxX)

        // Bars for the units in view, one line each, as rows allow.
        guard !waiting, rect.height > 1, layer.kind == .lstm || layer.kind == .gru else { return }
        let barWidth = rect.width >= 100 ? 10 : (rect.width >= 80 ? 8 : 5)
        let numberWidth = max(3, String(state.unitCount).count)
        var y = rect.y + 1
        let units = layout.unitsInView.map { order[$0] }
        let belts = units.compactMap { unit in BeltArithmetic(layer: layer, step: state.step, unit: unit).map { (unit, $0) } }
        // One width for every number, so that columns line up whatever the magnitudes; the
        // forgotten amount is a size (what left the belt), never negative.
        let texts = belts.map { _, belt in
            [belt.previous, belt.kept, abs(belt.forgotten), belt.written, belt.next].map { NumberFormat.signedAligned($0, 2) }
        }
        let valueWidth = texts.joined().map(\.count).max() ?? 5
        let column = barWidth + 1 + valueWidth + 2
        // Bars share one length scale: the largest amount in the table, so that they compare.
        var scale: Float = 1e-6
        for (_, belt) in belts {
            for value in [belt.previous, belt.kept, belt.forgotten, belt.written, belt.next] where value.isFinite {
                scale = max(scale, abs(value))
            }
        }
        // The column header when it leaves room for at least two unit rows.
        if rect.height > 3 {
            let header = String(repeating: " ", count: numberWidth + 3) + NumberFormat.padRight("before", valueWidth + 3)
                + NumberFormat.padRight(layer.kind == .lstm ? "kept f·c₋₁" : "kept z·h₋₁", column)
                + NumberFormat.padRight("forgotten", column)
                + NumberFormat.padRight(layer.kind == .lstm ? "written i·g" : "written (1−z)·n", column) + "  after"
            StyledText(layer.isReverse ? header.replacingSubscriptMinusOne : header, ExplorerTheme.dim).draw(into: &buffer, x: rect.x, y: y, maxX: rect.maxX)
            y += 1
        }
        // When not every unit in view fits, the last row says how many are left out.
        let room = rect.maxY - y
        let shown = belts.count <= room ? belts.count : max(0, room - 1)
        for (index, (unit, _)) in belts.prefix(shown).enumerated() {
            let values = texts[index]
            var row = StyledText()
            let isSelected = unit == state.selectedUnit
            row.add(isSelected ? " ▸" : "  ", ExplorerTheme.selection)
            row.add(NumberFormat.padLeft(String(unit + 1), numberWidth) + " ", isSelected ? ExplorerTheme.selection : ExplorerTheme.dim)
            row.add(NumberFormat.padLeft(values[0], valueWidth) + "   ", .plain)
            appendBar(&row, value: belts[index].1.kept, scale: scale, width: barWidth)
            row.add(NumberFormat.padLeft(values[1], valueWidth) + "  ", .plain)
            appendBar(&row, value: belts[index].1.forgotten, scale: scale, width: barWidth, faded: true)
            row.add(NumberFormat.padLeft(values[2], valueWidth) + "  ", ExplorerTheme.dim)
            appendBar(&row, value: belts[index].1.written, scale: scale, width: barWidth)
            row.add(NumberFormat.padLeft(values[3], valueWidth) + "  ", .plain)
            row.add("→ " + NumberFormat.padLeft(values[4], valueWidth), ExplorerTheme.title)
            row.draw(into: &buffer, x: rect.x, y: y, maxX: rect.maxX)
            y += 1
        }
        if shown < belts.count, y < rect.maxY {
            let rest = belts.count - shown
            StyledText("  … \(rest) more unit\(rest == 1 ? "" : "s") in view (a taller terminal lists them)", ExplorerTheme.dim)
                .draw(into: &buffer, x: rect.x, y: y, maxX: rect.maxX)
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

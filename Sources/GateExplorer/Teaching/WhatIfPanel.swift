import GateCanvas
import GateCore

/// The what-if view: for the selected unit, the edited run's gate and state against the original's,
/// and their difference, aligned with the explorer's columns; the edits; and the output at the cursor.
public struct WhatIfPanel {
    /// The session drawn.
    public let session: TeachingSession
    /// Left edge of the heatmap columns (the explorer's).
    public let heatmapX: Int
    /// The explorer's time window.
    public let window: TimeWindow
    /// Columns per step (the presenter's wider steps).
    public var stepWidth = 1

    /// Rows the panel would like.
    public static let preferredHeight = 10

    /// The row labels in a gutter wide enough for them.
    static let longLabels = ["before", "after", "difference"]
    /// The row labels in the presenter's narrow gutter (the heading says what they mean).
    static let shortLabels = ["orig", "edit", "diff"]

    /// The labels that fit `room` columns after a space and a two-letter symbol.
    static func rowLabels(room: Int) -> [String] {
        longLabels.allSatisfy { 4 + $0.count <= room } ? longLabels : shortLabels
    }

    /// Draws the view into `rect`.
    public func draw(into buffer: inout CellBuffer, rect: Rect) {
        let state = session.explorer
        var y = rect.y
        // The row labels live left of the heatmap columns: the long words where they fit (the explorer's
        // gutter), short ones in the presenter's narrow gutter, with the title saying what they mean.
        let labelRoom = max(0, heatmapX - rect.x - 1)
        let labels = Self.rowLabels(room: labelRoom)
        let heading = labels == Self.longLabels
            ? " what-if · unit \(state.selectedUnit + 1): original run against the edited one"
            : " what-if · unit \(state.selectedUnit + 1): \(labels[0]) = original run · \(labels[1]) = edited · \(labels[2]) = \(labels[1]) − \(labels[0])"
        StyledText(heading, ExplorerTheme.title).draw(into: &buffer, x: rect.x, y: y, maxX: rect.maxX)
        y += 1
        guard !session.edits.isEmpty else {
            let lines = ["No edits yet. Focus a gate panel (tab), pick a unit (↑/↓) and a step (←/→), then:",
                         "c clamps that gate at this step (to 0 if it is open, 1 if shut) · C at every step",
                         "{ } shift its bias by −1/+1 · u undoes · w closes this view"]
            // Wrapped at spaces (never cut mid-word at 80 columns), continuation lines indented.
            WrappedText(lines.map { StyledText(" " + $0, ExplorerTheme.dim) }, indent: 3)
                .draw(in: Rect(x: rect.x, y: y, width: rect.width, height: rect.maxY - y), into: &buffer)
            return
        }
        // The original's rows of the window the explorer holds (a long run is read window by window).
        let originalTrace = session.originalRows
        let original = originalTrace.layer(state.layerIndex, reverse: state.isReverse)
        let edited = state.layer
        let sequential = ScaleTable(scale: state.palette.sequential, mode: buffer.colorMode)
        let diverging = ScaleTable(scale: state.palette.diverging, mode: buffer.colorMode)
        var rows: [(String, String, Bool)] = []
        if let gate = session.targetPanel { rows.append((gate.symbol, gate.series, false)) }
        let stateSeries = edited.kind == .lstm ? SeriesName.cell : SeriesName.hidden
        rows.append((edited.kind == .lstm ? "c" : "h", stateSeries, true))
        let steps = window.steps(total: state.totalSteps)
        var legend = StyledText(" colours:", ExplorerTheme.dim)
        for (word, series, signed) in rows {
            guard let before = original?.series[series], let after = edited.series[series] else { continue }
            let unit = state.selectedUnit
            let scale = signed ? (0..<before.rows).reduce(Float(1)) { max($0, abs(before[$1, unit]), abs(after[$1, unit])) } : 1
            let table = signed ? diverging : sequential
            let factor = signed ? 1 / scale : 1
            let number = NumberFormat.fixed(scale, scale >= 10 ? 0 : 2)
            if signed {
                legend.pieces += Legend(name: word + " and its diff:", low: "−" + number, high: "+" + number, table: diverging, swatchCount: 6).line.pieces
            } else {
                legend.pieces += Legend(name: word + ":", low: "0", high: "1", table: sequential, swatchCount: 6).line.pieces
                legend.pieces += Legend(name: word + " diff:", low: "−1", high: "+1", table: diverging, swatchCount: 6).line.pieces
            }
            for (kind, label) in labels.enumerated() where y < rect.maxY - 2 {
                // The whole row is cleared first: the heatmap leaves steps without a value as they are.
                buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), with: Cell(" "))
                StyledText(" " + word + " " + label, kind == 2 ? ExplorerTheme.title : ExplorerTheme.dim)
                    .draw(into: &buffer, x: rect.x, y: y, maxX: rect.x + labelRoom)
                // One value per column, in both halves; an unchanged step of the difference is a dim dot.
                let value: @Sendable (Int, Int) -> Float? = switch kind {
                case 0: { t, _ in before[t, unit] }
                case 1: { t, _ in after[t, unit] }
                default: { t, _ in abs(after[t, unit] - before[t, unit]) < 1e-6 ? nil : (after[t, unit] - before[t, unit]) / scale }
                }
                let row = HeatmapRow(upper: 0, lower: 0, upperFactor: kind == 2 ? 1 : factor, lowerFactor: kind == 2 ? 1 : factor)
                if kind == 2 {
                    for t in steps where value(t, 0) == nil {
                        buffer.put("·", x: heatmapX + (t - window.start) * stepWidth, y: y, style: ExplorerTheme.dim)
                    }
                }
                Heatmap(source: .function(value), rows: [row], steps: steps, firstStep: window.start, table: kind == 2 ? diverging : table,
                        stepWidth: stepWidth)
                    .draw(in: Rect(x: heatmapX, y: y, width: rect.maxX - heatmapX, height: 1), into: &buffer)
                y += 1
            }
        }
        if y < rect.maxY - 2 {
            legend.add("· unchanged", ExplorerTheme.dim)
            legend.draw(into: &buffer, x: rect.x, y: y, maxX: rect.maxX)
        }
        let t = state.step
        var summary = StyledText(" at t=\(state.run.stepNumber(t)): ")
        for (word, series, _) in rows {
            if let a = original?.value(series, step: t, unit: state.selectedUnit), let b = edited.value(series, step: t, unit: state.selectedUnit) {
                summary.add("\(word) \(String(format2: Double(a))) → \(String(format2: Double(b)))  ", ExplorerTheme.title)
            }
        }
        // The head as the explorer states it: the likeliest symbol or class with its probability, or
        // the predicted value — never a raw logit with a class index.
        var originalRun = state.run
        originalRun.trace = originalTrace
        originalRun.network = session.baseRun.network
        if let before = Prediction(run: originalRun, step: t, count: 1), let after = Prediction(run: state.run, step: t, count: 1) {
            summary.add("output: \(before.summary()) → \(after.summary())", TeachingTheme.answer)
        }
        summary.draw(into: &buffer, x: rect.x, y: rect.maxY - 2, maxX: rect.maxX)
        let edits = "edits: " + session.edits.map(\.label).joined(separator: "; ") + " · u undoes"
        buffer.put(" " + edits, x: rect.x, y: rect.maxY - 1, style: ExplorerTheme.notice)
    }
}

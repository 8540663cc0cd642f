import GateCanvas
import GateCore

/// Presenter mode: a projector-friendly screen. The input (characters, or a bar per feature) and step
/// numbers along the top, every timestep two columns wide; the highlighted or focused gate and the belt,
/// one unit per row in full blocks; the open teaching view (gradient flow, what-if or cell diagram)
/// below them, or the cell diagram when no view is open and there is room; bold high-contrast
/// labels, and the selected unit's numbers on their own line.
public struct PresenterView {
    /// The session drawn.
    public let session: TeachingSession

    /// Columns of the label gutter.
    public static let gutter = 8

    /// The panels shown: the target gate (if any) and the state that carries memory.
    public var panels: [PanelKind] {
        let state = session.explorer
        var result: [PanelKind] = []
        if let word = session.highlight, let panel = state.panels.first(where: { $0.word == word }) { result.append(panel) }
        if let gate = session.targetPanel, !result.contains(gate) { result.append(gate) }
        let belt = state.panels.first { $0.series == SeriesName.cell } ?? state.panels.first { $0.series == SeriesName.hidden }
        if let belt, !result.contains(belt) { result.append(belt) }
        return Array(result.prefix(2))
    }

    /// Columns per step: two, or one when that is what it takes to show every step.
    public func stepWidth(width: Int) -> Int {
        let room = width - Self.gutter - 1
        return session.explorer.totalSteps * 2 <= room || session.explorer.totalSteps > room ? 2 : 1
    }

    /// The time window: two columns per step (one when that shows the whole run).
    public func window(width: Int) -> TimeWindow {
        TimeWindow(step: session.explorer.step, total: session.explorer.totalSteps,
                   width: max(1, (width - Self.gutter - 1) / stepWidth(width: width)))
    }

    /// The teaching view drawn under the panels, if one is open and not hidden by a classroom preset.
    var openView: TeachingView? {
        switch session.view {
        case .explorer: nil
        case .gradient: session.shows("gradient") ? .gradient : nil
        case .whatif: session.shows("whatif") ? .whatif : nil
        case .diagram: .diagram
        }
    }

    /// Rows the open view wants.
    func viewHeight(_ view: TeachingView) -> Int {
        switch view {
        case .gradient: GradientFlowPanel.preferredHeight(units: session.explorer.unitCount, unitsPerRow: 2)
        case .whatif: WhatIfPanel.preferredHeight
        case .diagram: CellDiagramView.preferredHeight
        case .explorer: 0
        }
    }

    /// Draws the whole screen into `rect`; returns the narration's rectangle (drawn by the caller).
    @discardableResult
    public func draw(into buffer: inout CellBuffer, rect: Rect, narrationHeight: Int) -> Rect {
        let state = session.explorer
        let layer = state.layer
        let contrast = CellStyle(foreground: .indexed(15), background: .indexed(0), bold: true)
        buffer.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), with: Cell(" ", style: contrast))
        let title = " \(state.run.name.uppercased()) · t = \(state.run.stepNumber(state.step)) / \(state.run.shownTotalSteps) · UNIT \(state.selectedUnit + 1)"
            + (state.run.hasReverseDirection ? (state.isReverse ? " · ← REVERSE (d: forward)" : " · → FORWARD (d: reverse)") : "")
        buffer.put(title, x: rect.x, y: rect.y, style: contrast)
        let window = self.window(width: rect.width)
        let stepWidth = self.stepWidth(width: rect.width)
        let steps = window.steps(total: state.totalSteps)
        let sequential = ScaleTable(scale: state.palette.sequential, mode: buffer.colorMode)
        let diverging = ScaleTable(scale: state.palette.diverging, mode: buffer.colorMode)
        let bottom = rect.maxY - narrationHeight - 1
        var y = drawInput(into: &buffer, x: rect.x, y: rect.y + 1, bottom: bottom, window: window)
        let shown = panels
        let order = state.unitOrder
        // The open view gets its preferred rows (or all there are); the panels take what is left, and
        // give the view back any rows they do not need.
        let view = openView
        let wanted = view.map { viewHeight($0) } ?? 0
        let available = max(0, bottom - y)
        let panelRoom = view == nil ? available : max(0, available - wanted)
        let perPanel = min(order.count, max(1, panelRoom / max(1, shown.count) - 2))
        let position = order.firstIndex(of: state.selectedUnit) ?? 0
        let first = (position / perPanel) * perPanel
        let panelBottom = view == nil ? bottom : min(bottom, y + min(panelRoom, shown.count * (perPanel + 2)))
        for panel in shown where panelBottom - y >= 2 {
            let marked = panel.word == session.highlight
            let name = (marked ? "▶ " : "  ") + panel.word.uppercased() + " " + panel.symbol
            let long = name + " — " + panel.meaning.joined(separator: ", ")
            // What the colours mean, at the right end of the panel's label line (the label gives way).
            let legend = self.legend(for: panel, table: panel.isSigned ? diverging : sequential)
            let legendX = max(rect.x + 12, rect.maxX - legend.width)
            // The meaning goes whole when it does not fit beside the legend, never cut mid-word.
            let label = GlyphWidth.columns(of: long) < legendX - rect.x ? long : name
            StyledText(label, marked ? TeachingTheme.highlight : TeachingTheme.presenterLabel)
                .draw(into: &buffer, x: rect.x, y: y, maxX: legendX - 1)
            legend.draw(into: &buffer, x: legendX, y: y, maxX: rect.maxX)
            y += 1
            let series = layer.series[panel.series]
            // One unit per text row, in both halves of the cell; only the steps read so far.
            let units = Array(order[first..<min(order.count, first + perPanel)].prefix(max(0, panelBottom - y)))
            for (row, unit) in units.enumerated() {
                let selected = unit == state.selectedUnit
                buffer.put((selected ? "▶" : " ") + String(unit + 1).leftPadded(to: Self.gutter - 2) + " ", x: rect.x, y: y + row,
                           style: selected ? TeachingTheme.highlight : TeachingTheme.presenterLabel)
            }
            if let series {
                var revealed = steps
                if !state.revealsAllSteps {
                    revealed = layer.isReverse ? revealed.clamped(to: state.step..<Int.max) : revealed.clamped(to: 0..<(state.step + 1))
                }
                // Signed values on each unit's own range (or the series' one, after `S`), as the explorer's belt.
                let factors = units.map { 1 / range(of: panel, unit: $0) }
                Heatmap(source: .matrix(values: series.values, stride: series.columns),
                        rows: zip(units, factors).map { HeatmapRow(upper: $0, lower: $0, upperFactor: $1, lowerFactor: $1) },
                        steps: revealed, firstStep: window.start, table: panel.isSigned ? diverging : sequential, stepWidth: stepWidth)
                    .draw(in: Rect(x: rect.x + Self.gutter, y: y, width: rect.maxX - rect.x - Self.gutter, height: units.count), into: &buffer)
            }
            y += units.count + 1
        }
        if let view, bottom - y >= 3 {
            let viewRect = Rect(x: rect.x, y: min(y, panelBottom), width: rect.width, height: bottom - min(y, panelBottom))
            // The views' rows line up with the panels above: the same columns, as wide per step.
            let heatmapX = rect.x + Self.gutter
            switch view {
            case .gradient: GradientFlowPanel(session: session, heatmapX: heatmapX, window: window, stepWidth: stepWidth).draw(into: &buffer, rect: viewRect)
            case .whatif: WhatIfPanel(session: session, heatmapX: heatmapX, window: window, stepWidth: stepWidth).draw(into: &buffer, rect: viewRect)
            case .diagram: CellDiagramView(state: state).draw(into: &buffer, rect: viewRect)
            case .explorer: break
            }
            if session.highlight == "gradient" || session.highlight == "whatif" || session.highlight == "diagram" {
                buffer.put("▶", x: viewRect.x, y: viewRect.y, style: TeachingTheme.highlight)
            }
        }
        // No view open and rows to spare (a large screen, few units): the cell diagram of the selected unit.
        if view == nil, bottom - y >= CellDiagramView.preferredHeight {
            CellDiagramView(state: state).draw(into: &buffer, rect: Rect(x: rect.x, y: y, width: rect.width, height: bottom - y))
        }
        readout(width: rect.width).draw(into: &buffer, x: rect.x, y: rect.maxY - narrationHeight - 1, maxX: rect.maxX)
        return Rect(x: rect.x, y: rect.maxY - narrationHeight, width: rect.width, height: narrationHeight)
    }

    /// The selected unit's values at the cursor: the highlighted panel's, then the state's (c, h), then
    /// the gates', then the prediction — whole values only, those that do not fit left out from the end.
    func readout(width: Int? = nil) -> StyledText {
        let state = session.explorer
        var readout = StyledText(" unit \(state.selectedUnit + 1) at t=\(state.run.stepNumber(state.step)):  ", TeachingTheme.presenterLabel)
        let ordered = state.panels.sorted { rank($0) < rank($1) }
        var segments: [StyledText] = []
        for panel in ordered {
            if let value = state.layer.value(panel.series, step: state.step, unit: state.selectedUnit) {
                segments.append(StyledText("\(panel.symbol) = \(String(format2: Double(value)))   ",
                                           panel.word == session.highlight ? TeachingTheme.highlight : TeachingTheme.presenterLabel))
            }
        }
        if let prediction = Prediction(run: state.run, step: state.step, count: 1) {
            segments.append(StyledText("· " + prediction.summary(), TeachingTheme.presenterLabel))
        }
        for segment in segments where width.map({ readout.width + segment.width <= $0 }) ?? true { readout.pieces += segment.pieces }
        return readout
    }

    /// Where a panel's value goes in the readout: the highlighted one, the state, then the rest in order.
    private func rank(_ panel: PanelKind) -> Int {
        let state = session.explorer
        if panel.word == session.highlight { return 0 }
        if panel.series == SeriesName.cell || panel.series == SeriesName.hidden { return 1 + (state.panels.firstIndex(of: panel) ?? 0) }
        return 100 + (state.panels.firstIndex(of: panel) ?? 0)
    }

    /// The colour range of `unit` in `panel`: 1 for gates; for signed series the unit's own robust
    /// range (per-unit scaling, the 98th percentile of its |value|) or the series' largest |value|.
    func range(of panel: PanelKind, unit: Int) -> Float {
        guard panel.isSigned else { return 1 }
        let statistics = session.explorer.layerStatistics
        if session.explorer.valueScaling == .perUnit, let ranges = statistics.unitMagnitude[panel.series], unit >= 0, unit < ranges.count {
            return max(1e-6, ranges[unit])
        }
        return max(1e-6, statistics.largestMagnitude[panel.series] ?? 1)
    }

    /// The legend of a panel: gates from 0 (shut) to 1 (open); a signed series with the selected
    /// unit's range and whether every unit has its own (values beyond it are drawn at the ends).
    func legend(for panel: PanelKind, table: ScaleTable) -> StyledText {
        guard panel.isSigned else {
            return Legend(name: "colour:", low: "0 shut", high: "1 open", table: table, swatchCount: 6,
                          labelStyle: TeachingTheme.presenterLabel).line
        }
        let state = session.explorer
        let scale = range(of: panel, unit: state.selectedUnit)
        let number = NumberFormat.fixed(scale, scale >= 10 ? 0 : (scale >= 0.1 ? 2 : 3))
        let name = state.valueScaling == .perUnit ? "each unit its own scale (S) · unit \(state.selectedUnit + 1):" : "one scale for all units (S):"
        return Legend(name: name, low: "−" + number, high: "+" + number, table: table, swatchCount: 6,
                      labelStyle: TeachingTheme.presenterLabel).line
    }

    /// The input along the window, two columns per step — the characters of a text input, or one
    /// bar row per feature (at most four) — then the step numbers with ▲ under the cursor. Returns the
    /// first row below them.
    func drawInput(into buffer: inout CellBuffer, x: Int, y top: Int, bottom: Int, window: TimeWindow) -> Int {
        let state = session.explorer
        let run = state.run
        let steps = window.steps(total: state.totalSteps)
        let stepWidth = self.stepWidth(width: buffer.width)
        var y = top
        func column(_ t: Int) -> Int { x + Self.gutter + (t - window.start) * stepWidth }
        if run.hasTextInput {
            buffer.put(" INPUT", x: x, y: y, style: TeachingTheme.presenterLabel)
            for t in steps {
                let glyph = String((run.tokenText(at: t) ?? "?").first ?? "?")
                buffer.put(glyph, x: column(t), y: y, style: t == state.step ? TeachingTheme.highlight : TeachingTheme.presenterLabel)
            }
            y += 1
        } else {
            let input = run.trace.input
            let names = run.inputFeatureNames
            for feature in 0..<min(ExplorerRun.maximumInputRows, input.columns) where y < bottom - 4 {
                let name = input.columns == 1 ? "x" : "x" + ExplorerFrame.subscriptDigits(feature + 1)
                let label = names.map { $0[feature].count <= Self.gutter - 4 ? $0[feature].uppercased() : name } ?? name
                buffer.put(" " + label, x: x, y: y, style: TeachingTheme.presenterLabel)
                let values = input.column(feature).filter(\.isFinite)
                let low = values.min() ?? 0, high = values.max() ?? 1
                for t in steps {
                    let glyph = Sparkline.glyph(input[t, feature], low: low, high: high)
                    let style = t == state.step ? TeachingTheme.highlight : TeachingTheme.presenterLabel
                    buffer.put(String(repeating: String(glyph), count: stepWidth), x: column(t), y: y, style: style)
                }
                y += 1
            }
        }
        // Step numbers every 5 steps (where they fit), the cursor's number and ▲ under it.
        buffer.put(" t", x: x, y: y, style: TeachingTheme.presenterLabel)
        var freeFrom = x + Self.gutter
        // ▲ under the cursor, its number after it — or before it where the number would run off the screen.
        let cursorAt = window.column(of: state.step).map { x + Self.gutter + $0 * stepWidth } ?? Int.min
        let number = String(run.stepNumber(state.step))
        let flipped = cursorAt + 1 + number.count > buffer.width
        let cursorLabel = (from: flipped ? cursorAt - number.count : cursorAt, to: flipped ? cursorAt + 1 : cursorAt + max(4, number.count + 1))
        for t in steps where (t + 1) % 5 == 0 || t == steps.lowerBound {
            let label = String(run.stepNumber(t))
            let at = column(t)
            // A number that would run off the screen's edge is left out, never cut.
            guard at >= freeFrom, at + label.count <= buffer.width, at + label.count < cursorLabel.from || at > cursorLabel.to else { continue }
            buffer.put(label, x: at, y: y, style: ExplorerTheme.dim)
            freeFrom = at + label.count + 1
        }
        if window.column(of: state.step) != nil {
            buffer.put(flipped ? number + "▲" : "▲" + number, x: cursorLabel.from, y: y, style: TeachingTheme.highlight)
        }
        return y + 2
    }
}

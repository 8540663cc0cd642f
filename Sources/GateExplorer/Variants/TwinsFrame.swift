import GateCanvas
import GateCore

/// One frame of the side-by-side view: a column of compact panels per model (its gates, its belt and
/// hidden state, its prediction), every column on the same time window with the same cursor step, the
/// belt rows aligned across columns, and under each the selected unit's arithmetic and its values at
/// the cursor step (``readoutLines(layer:unit:)``). `[` `]` switch the layer shown in every column.
public struct TwinsFrame {
    /// The state drawn.
    public let state: TwinsState
    /// Terminal size.
    public let width: Int
    /// Terminal size.
    public let height: Int
    /// The colour mode.
    public let mode: ColorMode
    /// Units per text row (2 with half blocks, 1 in monochrome).
    public let unitsPerRow: Int
    /// Columns of each model's column.
    public let columnWidth: Int
    /// The shared time window.
    public let timeWindow: TimeWindow
    /// Text rows per panel.
    public let rowsPerPanel: Int

    /// Columns before the heatmaps: the panel's symbol, a gap, the unit numbers, the selection mark (at
    /// least 5, for the prediction row's "says " / "next ").
    public let labelWidth: Int
    static let fixedRows = 12

    /// Lays out `state` on a `width` × `height` terminal.
    public init(state: TwinsState, width: Int, height: Int, mode: ColorMode) {
        self.state = state
        self.width = width
        self.height = height
        self.mode = mode
        unitsPerRow = mode == .monochrome ? 1 : 2
        let count = max(1, state.runs.count)
        columnWidth = max(10, (width - (count - 1)) / count)
        labelWidth = max(5, 3 + String(max(1, state.largestUnitCount)).count)
        timeWindow = TimeWindow(step: state.step, total: state.totalSteps, width: max(1, columnWidth - labelWidth - 1))
        let panels = Self.gatePanelCount(state.runs) + Self.statePanelCount(state.runs)
        let needed = (state.largestUnitCount + unitsPerRow - 1) / unitsPerRow
        rowsPerPanel = max(1, min(needed, (height - Self.fixedRows) / max(1, panels)))
    }

    static func gatePanelCount(_ runs: [ExplorerRun]) -> Int {
        runs.map { PanelKind.panels(for: $0.kind).filter { !$0.isState }.count }.max() ?? 0
    }

    static func statePanelCount(_ runs: [ExplorerRun]) -> Int {
        runs.map { PanelKind.panels(for: $0.kind).filter(\.isState).count }.max() ?? 1
    }

    /// Left edge of model `index`'s column.
    public func columnX(_ index: Int) -> Int { index * (columnWidth + 1) }

    /// Draws the whole screen.
    public func render(into buffer: inout CellBuffer) {
        drawStatus(into: &buffer)
        for (index, run) in state.runs.enumerated() {
            drawColumn(run, x: columnX(index), into: &buffer)
            if index > 0 {
                for y in 1..<(height - 1) { buffer.put("│", x: columnX(index) - 1, y: y, style: ExplorerTheme.rule) }
            }
        }
        drawLegend(into: &buffer)
        let step = GlyphWidth.columns(of: " ←/→ step (all models together) · space play · ↑/↓ unit · [ ] layer · +/- speed · x exact · ? help · q quit") <= width
            ? "←/→ step (all models together)" : "←/→ step"
        let items = [step, "space play", "↑/↓ unit"] + (state.layerCount > 1 ? ["[ ] layer"] : []) + ["+/- speed", "x exact"]
        StatusBar.hints(items, pinned: ["? help", "q quit"], style: ExplorerTheme.dim)
            .draw(in: Rect(x: 0, y: height - 1, width: width, height: 1), into: &buffer)
        if state.showsHelp { drawHelp(into: &buffer) }
    }

    /// The colour legend above the hints, where the columns leave that row free: both scales in the
    /// colours the maps use (signed maps are scaled to ±1, or to their largest |value| when unbounded).
    private func drawLegend(into buffer: inout CellBuffer) {
        let y = height - 2
        guard y > 1, (0..<width).allSatisfy({ buffer[$0, y].grapheme == " " || buffer[$0, y].grapheme == "│" }) else { return }
        var line = StyledText(" colours:", ExplorerTheme.dim)
        line.pieces += Legend(name: "gates", low: "0", high: "1", table: ScaleTable(scale: state.palette.sequential, mode: mode),
                              swatchCount: 6).line.pieces
        line.pieces += Legend(name: "· c g n h", low: "−", high: "+", table: ScaleTable(scale: state.palette.diverging, mode: mode))
            .line.pieces
        guard line.width <= width else { return }
        buffer.fill(Rect(x: 0, y: y, width: width, height: 1), with: .blank)
        line.draw(into: &buffer, x: 0, y: y, maxX: width)
    }

    private func drawStatus(into buffer: inout CellBuffer) {
        var left = StyledText(" gatescope · side by side", ExplorerTheme.title)
        if state.layerCount > 1 { left.add(" · layer \(state.layerPosition + 1)/\(state.layerCount)", ExplorerTheme.selection) }
        let kinds = StyledText(" · " + state.runs.map { $0.kind.displayName }.joined(separator: " · "), ExplorerTheme.title)
        var right = StyledText(" t=\(state.step + 1)/\(state.totalSteps) ", ExplorerTheme.title)
        right.add(state.isPlaying ? "▶ playing" : "⏸ paused", state.isPlaying ? ExplorerTheme.title : .plain)
        right.add(" · \(state.speed) steps/s ", ExplorerTheme.dim)
        // Narrow: "same input, step-locked" goes first, then the cell kinds (each column names its own).
        StatusBar(left: [.init(left), .init(kinds, optional: true),
                         .init(StyledText(" · same input, step-locked", ExplorerTheme.dim), optional: true)],
                  right: right, filler: Cell("─", style: ExplorerTheme.rule))
            .draw(in: Rect(x: 0, y: 0, width: width, height: 1), into: &buffer)
    }

    /// The plain-words legends under a column's header, longest first (the column shows the first that fits).
    static func legends(for kind: CellKind) -> [String] {
        let f = kind.rnnFunction
        return switch kind {
        case .lstm: ["f forget · i input · g candidate · o output", "f forget i input g cand o out", "f forget i in g new o out"]
        case .gru: ["r reset · z update (1 keeps h) · n new value", "r reset z update/keep n new", "r reset z keep n new"]
        case .rnnTanh, .rnnRelu: ["no gates: h = \(f)(W·x + U·h₋₁ + b)", "no gates: h=\(f)(Wx+Uh+b)", "h=\(f)(Wx+Uh+b) no gates"]
        }
    }

    /// The first of `choices` that fits in `width` columns, else the last (the shortest).
    static func fitting(_ choices: [String], width: Int) -> String {
        choices.first { GlyphWidth.columns(of: $0) <= width } ?? choices[choices.count - 1]
    }

    /// The prediction row's label: "says" for a classifier (its class), "next" for a text model (the next
    /// token); nil when the head gives numbers, which the row does not show.
    static func predictionLabel(run: ExplorerRun, classes: [String]?) -> String? {
        if classes != nil { return "says" }
        guard let output = run.trace.output, output.columns > 1, run.vocabulary?.count == output.columns else { return nil }
        return "next"
    }

    private func drawColumn(_ run: ExplorerRun, x: Int, into buffer: inout CellBuffer) {
        let maxX = x + columnWidth
        guard let layer = run.trace.layer(state.layerIndex(for: run), reverse: false) else { return }
        let heatX = x + labelWidth
        let window = timeWindow.steps(total: state.totalSteps)
        let unit = min(state.selectedUnit, max(0, layer.hiddenSize - 1))
        var y = 1
        var header = StyledText(" \(run.kind.displayName)", ExplorerTheme.title)
        if let metadata = run.network?.metadata, let value = metadata["metric_value"].flatMap(Double.init),
           let metric = metadata["metric"] {
            let text = metric.contains("accuracy") ? NumberFormat.fixed(value * 100, 1) + " %" : NumberFormat.fixed(value, 3)
            // Whole words or nothing: a narrow column drops the metric's name, then the space before "%",
            // then the word "held-out" ("RNN (tanh) held-out 64.5" read as a different number).
            let long = " held-out \(metric.replacingOccurrences(of: "_", with: " ")) \(text)"
            let choices = [long, " held-out \(text)", " held-out " + text.replacingOccurrences(of: " %", with: "%"), " \(text)"]
            if let fitting = choices.first(where: { header.width + GlyphWidth.columns(of: $0) <= columnWidth }) {
                header.add(fitting, ExplorerTheme.title)
            }
        }
        let detail = " · \(run.name) · \(run.modelSummary)"
        if header.width + GlyphWidth.columns(of: detail) <= columnWidth { header.add(detail, ExplorerTheme.dim) }
        header.draw(into: &buffer, x: x, y: y, maxX: maxX); y += 1
        StyledText(" " + Self.fitting(Self.legends(for: layer.kind), width: columnWidth - 1), ExplorerTheme.dim)
            .draw(into: &buffer, x: x, y: y, maxX: maxX)
        y += 1

        // Input and prediction along the shared window.
        buffer.put("in", x: x, y: y, style: ExplorerTheme.dim)
        let says = y + 1
        let classes = run.trace.output.flatMap { Prediction.classLabels(run: run, count: $0.columns) }
        if let label = Self.predictionLabel(run: run, classes: classes) {
            buffer.put(label, x: x, y: says, style: ExplorerTheme.dim)
        }
        for step in window {
            let cx = heatX + step - window.lowerBound
            guard cx < maxX else { break }
            let style = step == state.step ? ExplorerTheme.cursor : CellStyle.plain
            var glyph = run.tokenText(at: step).map { String($0.prefix(1)) } ?? "·"
            if run.tokenText(at: step) == nil, run.trace.input.columns > 0, step < run.trace.input.rows {
                let column = run.trace.input.column(0)
                glyph = String(Sparkline.glyph(run.trace.input[step, 0], low: column.min() ?? 0, high: max((column.max() ?? 1), (column.min() ?? 0) + 1e-6)))
            }
            buffer.put(glyph, x: cx, y: y, style: style)
            if step <= state.step, let best = Prediction(run: run, step: step, count: 1)?.best {
                let shown = classes == nil ? best.prefix(1) : best.suffix(1)
                buffer.put(String(shown), x: cx, y: says, style: step == state.step ? ExplorerTheme.cursor : ExplorerTheme.dim)
            }
        }
        y += 2

        // Gate panels, then the states from a row shared by every column.
        let kinds = PanelKind.panels(for: layer.kind)
        for kind in kinds where !kind.isState {
            drawPanel(kind, layer: layer, run: run, x: x, y: y, maxX: maxX, into: &buffer)
            y += rowsPerPanel
        }
        y = 5 + Self.gatePanelCount(state.runs) * rowsPerPanel
        if let column = timeWindow.column(of: state.step), heatX + column < maxX {
            buffer.put("▲", x: heatX + column, y: y, style: ExplorerTheme.title)
            let text = "t=\(state.step + 1)"
            let after = heatX + column + 2 + text.count <= maxX
            buffer.put(text, x: after ? heatX + column + 2 : max(x, heatX + column - 1 - text.count), y: y, style: ExplorerTheme.title)
        }
        y += 1
        for kind in kinds where kind.isState {
            drawPanel(kind, layer: layer, run: run, x: x, y: y, maxX: maxX, into: &buffer)
            y += rowsPerPanel
        }
        y = 6 + (Self.gatePanelCount(state.runs) + Self.statePanelCount(state.runs)) * rowsPerPanel
        var readout = readoutLines(layer: layer, unit: unit)
        readout += Array(repeating: StyledText(), count: max(0, 2 - readout.count))
        for line in sumLines(layer: layer, unit: unit) + readout.prefix(2) + [predictionLine(run)] where y < height - 1 {
            line.draw(into: &buffer, x: x, y: y, maxX: maxX)
            y += 1
        }
    }

    private func drawPanel(_ kind: PanelKind, layer: LayerTrace, run: ExplorerRun, x: Int, y: Int, maxX: Int,
                           into buffer: inout CellBuffer) {
        buffer.put(kind.symbol, x: x, y: y, style: ExplorerTheme.title)
        guard let matrix = layer.series[kind.series] else { return }
        let scale = state.palette
        let table = ScaleTable(scale: kind.isSigned ? scale.diverging : scale.sequential, mode: mode)
        var magnitude: Float = 1
        let bounded = kind.series != SeriesName.cell && !(kind.series == SeriesName.hidden && layer.kind == .rnnRelu)
        if kind.isSigned && !bounded { magnitude = max(1e-6, matrix.values.reduce(Float(0)) { max($0, abs($1)) }) }
        let units = layer.hiddenSize
        let perPage = rowsPerPanel * unitsPerRow
        let unit = min(state.selectedUnit, max(0, units - 1))
        let first = (unit / perPage) * perPage
        let window = timeWindow.steps(total: min(state.totalSteps, matrix.rows))
        let rows = HeatmapRow.rows(Array(first..<min(units, first + perPage)), perRow: unitsPerRow) { _ in 1 / magnitude }
        // Every row says which unit it is (the upper one's number, as in the explorer); the selected
        // unit's row in the selection colour with a mark at its half.
        for (row, pair) in rows.enumerated() {
            let selected = pair.upper == unit || pair.lower == unit
            let number = String((selected && pair.lower == unit ? unit : pair.upper) + 1)
            buffer.put(number, x: x + labelWidth - 1 - number.count, y: y + row, style: selected ? ExplorerTheme.selection : ExplorerTheme.dim)
            if selected {
                buffer.put(unitsPerRow == 1 ? "▸" : (pair.upper == unit ? "▀" : "▄"), x: x + labelWidth - 1, y: y + row, style: ExplorerTheme.selection)
            }
        }
        let left = x + labelWidth
        Heatmap(source: .matrix(values: matrix.values, stride: matrix.columns), rows: rows,
                steps: window.lowerBound..<max(window.lowerBound, min(window.upperBound, state.step + 1)),
                firstStep: window.lowerBound, table: table)
            .draw(in: Rect(x: left, y: y, width: max(0, maxX - left), height: rows.count), into: &buffer)
    }

    /// The selected unit's step in plain numbers: what the belt kept and wrote, or the RNN's h.
    public func sumLines(layer: LayerTrace, unit: Int) -> [StyledText] {
        let t = state.step, d = state.decimals
        func n(_ v: Float) -> String { NumberFormat.fixed(v, d) }
        let compact = columnWidth < 40
        let name = compact ? " u\(unit + 1) " : " unit \(unit + 1): "
        if let belt = BeltArithmetic(layer: layer, step: t, unit: unit) {
            let symbol = layer.kind == .lstm ? "c" : "h"
            let keep = layer.kind == .lstm ? "f" : "z"
            var first = StyledText(name, ExplorerTheme.selection)
            first.add("\(symbol)₋₁ \(n(belt.previous)) ×\(keep) \(n(belt.keepFactor))" + (compact ? "" : " = \(n(belt.kept)) kept"))
            var second = StyledText(compact ? "  =\(n(belt.kept)) +\(NumberFormat.term(belt.written, d))→ \(symbol) "
                                             : "   + \(NumberFormat.term(belt.written, d)) written → \(symbol) ")
            second.add(n(belt.next), ExplorerTheme.title)
            return [first, second]
        }
        var first = StyledText(name, ExplorerTheme.selection)
        let pre = layer.value(SeriesName.preactivation(SeriesName.hidden), step: t, unit: unit)
        let h = layer.value(SeriesName.hidden, step: t, unit: unit) ?? 0
        first.add(pre.map { "h = \(layer.kind.rnnFunction)(\(n($0)))" } ?? "h")
        var second = StyledText("   = ")
        second.add(n(h), ExplorerTheme.title)
        second.add(compact ? " no gate" : " (no gate: all replaced)", ExplorerTheme.dim)
        return [first, second]
    }

    /// The selected unit's values at the cursor step, 2 decimals (6 with `x`): LSTM f i g o c h, GRU
    /// r z n h, RNN h; wrapped to the column (at most two lines), "L2" first when models have several layers.
    public func readoutLines(layer: LayerTrace, unit: Int) -> [StyledText] {
        let names: [(String, String)] = switch layer.kind {
        case .lstm: [("f", SeriesName.forgetGate), ("i", SeriesName.inputGate), ("g", SeriesName.cellCandidate),
                     ("o", SeriesName.outputGate), ("c", SeriesName.cell), ("h", SeriesName.hidden)]
        case .gru: [("r", SeriesName.resetGate), ("z", SeriesName.updateGate), ("n", SeriesName.candidate), ("h", SeriesName.hidden)]
        case .rnnTanh, .rnnRelu: [("h", SeriesName.hidden)]
        }
        var items = names.compactMap { symbol, series in
            layer.value(series, step: state.step, unit: unit).map { (symbol, NumberFormat.fixed($0, state.decimals)) }
        }
        if state.layerCount > 1 { items.insert(("L\(layer.layer + 1)", ""), at: 0) }
        var lines: [StyledText] = []
        var line = StyledText()
        for (symbol, value) in items {
            let cost = 1 + GlyphWidth.columns(of: symbol) + (value.isEmpty ? 0 : 1 + GlyphWidth.columns(of: value))
            if line.width > 0 && line.width + cost > columnWidth {
                lines.append(line)
                line = StyledText()
            }
            line.add(" " + symbol, value.isEmpty ? ExplorerTheme.selection : ExplorerTheme.dim)
            if !value.isEmpty { line.add(" " + value, ExplorerTheme.title) }
        }
        if line.width > 0 { lines.append(line) }
        return lines
    }

    private func predictionLine(_ run: ExplorerRun) -> StyledText {
        guard let prediction = Prediction(run: run, step: state.step, count: columnWidth < 40 ? 1 : 3) else { return StyledText() }
        return StyledText(" " + prediction.summary(decimals: state.decimals), ExplorerTheme.title)
    }

    /// Whether the side-by-side view acts on `command` (the explorer's keys it leaves alone are not
    /// listed in its help).
    static func handles(_ command: ExplorerCommand) -> Bool {
        if command.playback != nil { return true }
        let handled: [ExplorerCommand] = [.previousUnit, .nextUnit, .previousLayer, .nextLayer, .togglePalette,
                                          .toggleExactNumbers, .toggleHelp, .closeOverlay, .quit]
        return handled.contains(command)
    }

    /// The help overlay: the explorer's keys this view acts on, what the columns are, the colours.
    var helpOverlay: HelpOverlay {
        let ignored = Set(ExplorerKeys.map.bindings.filter { !Self.handles($0.command) }.flatMap(\.keys))
        return HelpOverlay(title: " side by side · help · Esc or ? closes ", keyMap: ExplorerKeys.map, hiding: ignored,
                           notes: [("mouse", "wheel: step")], sections: [
            .init(heading: "side by side", ["every column is one model on the same input; a column of text is one step in all of them, and ←/→ move every model together; ↑/↓ select the same unit number in every model"]),
            .init(heading: "colours", [mode == .monochrome ? "gates: · 0 (closed) → █ 1 (open); c, g, n, h: ░▒▓█ +, · 0, -=≡■ −"
                                                           : "gates: dark 0 (closed) → bright 1 (open); c, g, n, h: blue −, white 0, red +",
                                       "the LSTM keeps c with f, the GRU keeps h with z; the RNN has no gate and replaces h at every step"],
                  style: ExplorerTheme.dim),
        ])
    }

    private func drawHelp(into buffer: inout CellBuffer) {
        helpOverlay.draw(in: buffer.area, into: &buffer)
    }
}

import GateCanvas
import GateCore

extension ExplorerFrame {
    /// Where the bands go: the rows between the input (or prediction) row and the inspector below or
    /// the hints.
    var bandArea: Rect {
        let top = (layout.output ?? layout.input).maxY
        var bottom = layout.hints.y
        if case .below(let rect) = layout.inspector { bottom = rect.y }
        return Rect(x: 0, y: top, width: layout.input.width, height: max(0, bottom - top))
    }

    /// The all-layers view (`A`): every layer and direction as one band on the shared time axis, the
    /// reverse direction drawn as running right to left, the concatenated output of a bidirectional
    /// top layer, and each band's belt sum for the selected unit at the current step. `v` switches the
    /// bands from the belt to a gate (``ExplorerState/bandContent``); the title and label say which.
    func renderBands(into buffer: inout CellBuffer) {
        drawStatus(into: &buffer)
        drawInput(into: &buffer)
        for placement in bandPlacements() {
            drawBand(placement, into: &buffer)
        }
        drawBandHints(into: &buffer)
        drawInspector(into: &buffer)
        if state.showsHelp { drawHelp(into: &buffer) }
    }

    /// Where every band goes, bottom layer first; bands that do not fit are left out.
    public func bandPlacements() -> [BandPlacement] {
        let bands = LayerBand.bands(of: state.run.trace, content: state.bandContent)
        let area = bandArea
        let perRow = layout.unitsPerRow
        // Rows per band: a title, the heatmap, the belt sum; the sum goes first when rows are short.
        let withSums = area.height >= bands.count * 3
        let overhead = withSums ? 2 : 1
        let largest = bands.map { ($0.units + perRow - 1) / perRow }.max() ?? 1
        let rows = max(1, min(largest, (area.height - overhead * bands.count) / max(1, bands.count)))
        var placements: [BandPlacement] = []
        var y = area.y
        for band in bands {
            guard y < area.maxY else { break }
            let bandRows = min(rows, (band.units + perRow - 1) / perRow, area.maxY - (y + 1))
            let perPage = max(1, min(rows, (band.units + perRow - 1) / perRow) * perRow)
            let selectedRow = selectedRow(in: band)
            let heatmap = Rect(x: layout.heatmapX, y: y + 1, width: layout.heatmapWidth, height: max(0, bandRows))
            let sumRow = heatmap.maxY
            let sumY: Int? = withSums && sumRow < area.maxY ? sumRow : nil
            placements.append(BandPlacement(band: band, titleY: y, heatmap: heatmap,
                                            firstUnit: (max(0, selectedRow) / perPage) * perPage,
                                            unitsPerRow: perRow, sumY: sumY))
            y = sumY.map { $0 + 1 } ?? heatmap.maxY
        }
        return placements
    }

    /// The band row of the selected unit (for the concatenated output: in the inspected direction's half).
    private func selectedRow(in band: LayerBand) -> Int {
        band.isConcatenated
            ? (layer.isReverse ? band.trace.hiddenSize + state.selectedUnit : state.selectedUnit)
            : min(state.selectedUnit, band.units - 1)
    }

    /// What is under (x, y) in the all-layers view: the band's layer and direction (its title, sum or
    /// heatmap rows), and on the heatmap the step and unit (for half blocks the upper unit, or the
    /// lower one when the upper is already selected). The concatenated output band resolves to the
    /// direction whose half was clicked (its title or sum row: the forward direction).
    public func bandHit(x: Int, y: Int) -> BandHit? {
        if let rect = layout.inspector.rect, rect.contains(x: x, y: y) { return nil }
        guard x >= 0, x < layout.input.width else { return nil }
        for placement in bandPlacements() where y >= placement.titleY && y < placement.maxY {
            let band = placement.band
            var hit = BandHit(layer: band.trace.layer, isReverse: band.trace.isReverse)
            guard placement.heatmap.contains(x: x, y: y),
                  let rows = placement.units(inRow: y - placement.heatmap.y) else { return hit }
            let step = layout.timeWindow.start + (x - placement.heatmap.x)
            guard step < state.totalSteps else { return hit }
            var row = rows.upper
            let selected = selectedRow(in: band)
            let inspected = band.isConcatenated
                ? (band.trace.layer == layer.layer)
                : (band.trace.layer == layer.layer && band.trace.isReverse == layer.isReverse)
            if let lower = rows.lower, inspected, rows.upper == selected { row = lower }
            if band.isConcatenated, let reverse = band.reverse, row >= band.trace.hiddenSize {
                hit.isReverse = reverse.isReverse
                hit.unit = row - band.trace.hiddenSize
            } else {
                hit.unit = row
            }
            hit.step = step
            return hit
        }
        return nil
    }

    /// Whether the inspector explains this band's layer trace.
    private func isInspected(_ band: LayerBand) -> Bool {
        !band.isConcatenated && band.trace.layer == layer.layer && band.trace.isReverse == layer.isReverse
    }

    /// The band's title: which layer and direction, what the colours are, and how to read time.
    func bandTitle(_ band: LayerBand) -> String {
        if layout.input.width < 100 {
            let name = band.isGate ? "· " + band.content.name(for: band.trace.kind) : band.symbol
            if band.isConcatenated { return "layer \(band.trace.layer + 1) output [h→ ; h←] to the head" }
            return band.trace.isReverse ? "layer \(band.trace.layer + 1) ← reverse \(name) · has seen t…T"
                : "layer \(band.trace.layer + 1)\(state.run.hasReverseDirection ? " → forward" : "") \(name) · has seen 1…t"
        }
        let name = band.content.name(for: band.trace.kind)
        if band.isConcatenated {
            return "layer \(band.trace.layer + 1) output [h→ ; h←]: rows 1–\(band.trace.hiddenSize) forward, then reverse"
        }
        if band.trace.isReverse {
            return "layer \(band.trace.layer + 1) ← reverse · \(name) · reads from the end: at t it has seen t…T"
        }
        let reads = band.trace.layer == 0 ? "reads the input" : "reads layer \(band.trace.layer)"
        let direction = state.run.hasReverseDirection ? " → forward" : ""
        return "layer \(band.trace.layer + 1)\(direction) · \(name) · \(reads): at t it has seen 1…t"
    }

    private func drawBand(_ placement: BandPlacement, into buffer: inout CellBuffer) {
        let band = placement.band
        var y = placement.titleY
        let maxY = placement.maxY
        let rows = placement.heatmap.height
        let width = layout.input.width
        let inspected = isInspected(band)
        // Title row: a rule with the title, the inspector mark, and ▼ over the cursor column.
        var title = StyledText("── ", ExplorerTheme.rule)
        title.add(bandTitle(band) + " ", inspected ? ExplorerTheme.focused : ExplorerTheme.title)
        if inspected { title.add(" ◂ inspector ", ExplorerTheme.selection) }
        let bounded = band.trace.kind != .rnnRelu && band.series == SeriesName.hidden
            && band.trace.series[SeriesName.hiddenBeforeProjection] == nil
        let range = bounded || band.isGate ? 1 : band.largestMagnitude
        // Signed bands follow the explorer's colour scale (`S`): each unit on its own, or one for the band.
        let ranges = band.isGate ? nil : bandUnitRanges(band)
        // The band's colours as its heatmap draws them (every colour mode), ends named.
        let number = NumberFormat.fixed(range, range >= 10 ? 0 : 1)
        let legend = band.isGate ? Legend(low: "0 shut", high: "1 open", table: sequential, swatchCount: 5)
            : Legend(low: ranges == nil ? "−" + number : "−", high: ranges == nil ? "+" + number : "+", table: diverging, swatchCount: 5)
        title.add("─", ExplorerTheme.rule)
        title.pieces += legend.line.pieces
        if ranges != nil { title.add("per unit (S) ", ExplorerTheme.dim) }
        let end = title.draw(into: &buffer, x: 0, y: y, maxX: width)
        if end < width - 1 { buffer.put(String(repeating: "─", count: width - 1 - end), x: end, y: y, style: ExplorerTheme.rule) }
        if let column = layout.timeWindow.column(of: state.step), layout.heatmapX + column > end {
            buffer.put("▼", x: layout.heatmapX + column, y: y, style: ExplorerTheme.title)
        }
        y += 1
        guard y < maxY else { return }

        // Label column.
        let arrow = band.isConcatenated ? "⇄" : (band.trace.isReverse ? "←" : "→")
        let symbol = band.symbol
        let labels = [" \(arrow) \(symbol) L\(band.trace.layer + 1)",
                      band.isConcatenated ? " to the head" : (band.trace.isReverse ? " ◂ in time" : " ▸ in time")]
        for (row, text) in labels.prefix(rows).enumerated() {
            StyledText(text, row == 0 ? ExplorerTheme.title : ExplorerTheme.dim)
                .draw(into: &buffer, x: 0, y: y + row, maxX: ExplorerLayout.labelWidth)
        }

        // Heatmap: a page of rows holding the selected unit.
        let perRow = placement.unitsPerRow
        let selectedRow = selectedRow(in: band)
        let table = band.isGate ? sequential : diverging
        let inverse = 1 / range
        let window = layout.timeWindow.steps(total: state.totalSteps)
        var heatmapRows: [HeatmapRow] = []
        for row in 0..<rows {
            guard let (upper, lower) = placement.units(inRow: row) else { break }
            if upper == selectedRow || lower == selectedRow {
                let mark = perRow == 1 ? "▸" : (upper == selectedRow ? "▀" : "▄")
                let number = String((band.isConcatenated ? selectedRow % band.trace.hiddenSize : selectedRow) + 1)
                buffer.put(number + mark, x: layout.heatmapX - 1 - GlyphWidth.columns(of: number), y: y + row,
                           style: ExplorerTheme.selection)
            }
            if band.isConcatenated, upper < band.trace.hiddenSize, let lower, lower >= band.trace.hiddenSize {
                buffer.put("┆", x: layout.heatmapX - 2, y: y + row, style: ExplorerTheme.dim)
            }
            func factor(_ unit: Int) -> Float { ranges.map { unit < $0.count ? 1 / $0[unit] : inverse } ?? inverse }
            heatmapRows.append(HeatmapRow(upper: upper, lower: lower, upperFactor: factor(upper),
                                          lowerFactor: lower.map(factor) ?? inverse))
        }
        // Steps read so far: up to the cursor, or from it for a reverse direction (a concatenated
        // band is read up to the cursor).
        var steps = window
        if !state.revealsAllSteps {
            let reverseLike = band.trace.isReverse && !band.isConcatenated
            steps = reverseLike ? max(window.lowerBound, state.step)..<window.upperBound
                : window.lowerBound..<max(window.lowerBound, min(window.upperBound, state.step + 1))
        }
        Heatmap(source: .function { step, unit in band.value(step: step, unit: unit) }, rows: heatmapRows,
                steps: steps, firstStep: window.lowerBound, table: table)
            .draw(in: Rect(x: layout.heatmapX, y: y, width: layout.heatmapWidth, height: heatmapRows.count), into: &buffer)
        guard let sumY = placement.sumY else { return }
        bandSum(band).draw(into: &buffer, x: 0, y: sumY, maxX: width)
    }

    /// The band's arithmetic for the selected unit at the current step: the belt sum (drawn right to
    /// left for the reverse direction, whose previous state is the one at t+1), or h for an RNN. The
    /// step is labelled as the step of the whole run (`t` counts held rows, which on a long run are a
    /// window).
    func bandSum(_ band: LayerBand) -> StyledText {
        let t = state.step, d = state.decimals
        func n(_ v: Float) -> String { NumberFormat.fixed(v, d) }
        if band.isConcatenated {
            let units = band.trace.hiddenSize
            let unit = min(state.selectedUnit, units - 1)
            var line = StyledText(" output at t=\(state.run.stepNumber(t)): ", ExplorerTheme.dim)
            let forward = band.value(step: t, unit: unit).map(n) ?? "–"
            let backward = band.value(step: t, unit: units + unit).map(n) ?? "–"
            line.add("[h→\(unit + 1) \(forward) ; h←\(unit + 1) \(backward)]", ExplorerTheme.title)
            if let prediction = Prediction(run: state.run, step: t) {
                line.add("   " + prediction.summary(decimals: d), ExplorerTheme.title)
            }
            return line
        }
        let unit = min(state.selectedUnit, band.units - 1)
        var line = StyledText(" " + Self.unitName(unit), ExplorerTheme.selection)
        line.add(" at t=\(state.run.stepNumber(t))  ", ExplorerTheme.dim)
        if band.isGate, let gate = band.value(step: t, unit: unit) {
            line.add("\(band.symbol) = ", ExplorerTheme.dim)
            line.add(n(gate), ExplorerTheme.title)
            line.add("  ·  ", ExplorerTheme.dim)
        }
        let symbol = band.trace.kind == .lstm ? "c" : "h"
        guard let belt = BeltArithmetic(layer: band.trace, step: t, unit: unit) else {
            if let h = band.trace.value(SeriesName.hidden, step: t, unit: unit) {
                line.add("h = \(band.trace.kind.rnnFunction)(W·x + U·h₋₁ + b) = ", ExplorerTheme.dim)
                line.add(n(h), ExplorerTheme.title)
            }
            return line
        }
        let keep = band.trace.kind == .lstm ? "f" : "z"
        if band.trace.isReverse {
            line.add("\(symbol)(t) ", ExplorerTheme.dim)
            line.add("\(n(belt.next)) ←+\(NumberFormat.term(belt.written, d))─ \(n(belt.kept)) ←×\(n(belt.keepFactor))─ \(n(belt.previous))",
                     ExplorerTheme.title)
            line.add(" \(symbol)(t+1)", ExplorerTheme.dim)
            if layout.input.width >= 100 { line.add("   (reads right to left: kept \(keep)·\(symbol)(t+1), written from x_t)", ExplorerTheme.dim) }
        } else {
            line.add("\(symbol)(t−1) ", ExplorerTheme.dim)
            line.add("\(n(belt.previous)) ─×\(n(belt.keepFactor))→ \(n(belt.kept)) ─+\(NumberFormat.term(belt.written, d))→ \(n(belt.next))",
                     ExplorerTheme.title)
            line.add(" \(symbol)(t)", ExplorerTheme.dim)
        }
        return line
    }

    private func drawBandHints(into buffer: inout CellBuffer) {
        let next = state.bandContent.next(for: Set(state.run.trace.layers.map(\.kind)))
        var items = ["←/→ step", "space play", "↑/↓ unit", "A one layer in full"]
        if next != state.bandContent, let kind = state.run.trace.layers.first?.kind {
            items.append("v show \(next.symbol(for: kind))")
        }
        if state.run.layerIndices.count > 1 { items.append("[ ] inspected layer") }
        if state.run.hasReverseDirection { items.append("d inspected direction") }
        if case .hidden = layout.inspector { items.append("i inspector") }
        StatusBar.hints(items, pinned: ["? help", "q quit"], style: ExplorerTheme.dim).draw(in: layout.hints, into: &buffer)
    }

    /// Per-unit colour ranges of a signed band (the concatenated output: forward units, then
    /// reverse), or nil with one scale for all units (`S`).
    func bandUnitRanges(_ band: LayerBand) -> [Float]? {
        guard state.valueScaling == .perUnit else { return nil }
        func ranges(_ trace: LayerTrace) -> [Float]? {
            state.statistics[trace.key]?.unitMagnitude[band.series]
        }
        guard let forward = ranges(band.trace) else { return nil }
        guard let reverse = band.reverse else { return forward }
        return ranges(reverse).map { forward + $0 }
    }
}

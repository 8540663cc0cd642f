import GateCanvas
import GateCore

/// A split view of two traces of the same length, step-locked: for every series, A's heatmap, B's
/// heatmap and the difference |A − B|, each over the window of steps ending at the current step
/// (the right-most column). Draws into a ``CellBuffer`` like every explorer view.
///
/// The explorer keeps one step cursor for both traces and asks for a frame with
/// ``CompareView/draw(into:area:)`` (windows are sliced from in-memory traces) — see ``CompareWindow``
/// for traces read window by window from disk.
public struct CompareView: Sendable {
    /// Label of the first trace (file name or "input A").
    public var labelA: String
    /// Label of the second trace.
    public var labelB: String
    /// The windows to show, one per series.
    public var windows: [CompareWindow]
    /// The step the cursor is on (0-based).
    public var step: Int
    /// Steps in each trace.
    public var totalSteps: Int
    /// The first block drawn (paging through series and units that do not fit vertically); clamped.
    public var firstBlock: Int = 0
    /// A's input at the window's steps (text runs: the characters, made visible), drawn above A's heatmaps.
    public var textA: [String]? = nil
    /// B's input at the window's steps, drawn above B's; the |A − B| column marks where they differ with `≠`.
    public var textB: [String]? = nil

    /// A view of prepared windows.
    public init(labelA: String, labelB: String, windows: [CompareWindow], step: Int, totalSteps: Int) {
        self.labelA = labelA
        self.labelB = labelB
        self.windows = windows
        self.step = step
        self.totalSteps = totalSteps
    }

    /// A view of two in-memory traces at `step`: for layer `layer` (0-based) and direction, every
    /// series both hold (or `series`), windows of up to `windowSteps` steps ending at `step`.
    public init(a: NetworkTrace, b: NetworkTrace, labelA: String, labelB: String, layer: Int, reverse: Bool = false,
                step: Int, series: [String]? = nil, windowSteps: Int) {
        let steps = min(a.steps, b.steps)
        let cursor = min(max(0, step), max(0, steps - 1))
        let first = max(0, cursor + 1 - max(1, windowSteps))
        var windows: [CompareWindow] = []
        if let la = a.layer(layer, reverse: reverse), let lb = b.layer(layer, reverse: reverse), steps > 0 {
            let names = series ?? la.kind.seriesNames.filter { la.series[$0] != nil && lb.series[$0] != nil }
            for name in names {
                guard let ma = la.series[name], let mb = lb.series[name], ma.columns == mb.columns else { continue }
                windows.append(CompareWindow(series: name, a: ma.rows(first..<(cursor + 1)), b: mb.rows(first..<(cursor + 1)),
                                             firstStep: first))
            }
        }
        self.init(labelA: labelA, labelB: labelB, windows: windows, step: cursor, totalSteps: steps)
    }

    /// Rows above the blocks: the header, the line saying which series and units are in view, and the
    /// inputs' text row when the runs read text.
    var headerRows: Int { textA == nil && textB == nil ? 2 : 3 }

    /// Every block for a screen `area` (each series split into unit ranges that fit its height), and
    /// the ones drawn starting at ``firstBlock``: whole blocks while they fit (the first one always).
    public func blocks(area: Rect, mode: ColorMode) -> (all: [CompareBlock], visible: Range<Int>) {
        let halves = mode != .monochrome
        let available = area.height - headerRows
        // A block takes a title, its grid rows, the axis and the colour bar, then a blank line.
        let unitsFitting = max(1, (available - 4) * (halves ? 2 : 1))
        var all: [CompareBlock] = []
        for (index, window) in windows.enumerated() {
            var start = 0
            repeat {
                let end = min(window.a.columns, start + unitsFitting)
                all.append(CompareBlock(window: index, units: start..<end))
                start = end
            } while start < window.a.columns
        }
        guard !all.isEmpty else { return (all, 0..<0) }
        let first = min(max(0, firstBlock), all.count - 1)
        var y = area.y + headerRows
        var end = first
        while end < all.count {
            let rows = HeatmapCanvas.gridRows(all[end].units.count, halfBlocks: halves)
            guard end == first || y + 1 + rows + 2 <= area.maxY else { break }
            y += 1 + rows + 2 + 1
            end += 1
        }
        return (all, first..<end)
    }

    /// Draws the view into `area` of `buffer`: a header line, a line naming the series (and units) in
    /// view when not all fit, then per block three heatmaps side by side (A, B, |A − B|) with half
    /// blocks, two units per row.
    public func draw(into buffer: inout CellBuffer, area: Rect) {
        var header = "A: \(labelA)   B: \(labelB)   step \(step + 1)/\(totalSteps)"
        let worst = windows.map { $0.maxDifference(atStep: step) }.max() ?? 0
        let unknown = windows.contains { $0.isUnknown(atStep: step) }
        header += unknown ? "   |Δ| here: not computed yet" : "   max |Δ| here: \(NumberFormat.fixed(Double(worst), 4))"
        buffer.put(header, x: area.x, y: area.y, style: CellStyle(bold: true))
        let columnWidth = max(HeatmapCanvas.labelWidth + 4, (area.width - 4) / 3)
        let (all, visible) = blocks(area: area, mode: buffer.colorMode)
        if visible.count < all.count {
            buffer.put(inViewText(all, visible), x: area.x, y: area.y + 1, style: ExplorerTheme.title)
        }
        drawTexts(into: &buffer, area: area, columnWidth: columnWidth)
        var y = area.y + headerRows
        for block in all[visible] {
            guard y < area.maxY else { break }
            let window = windows[block.window]
            let units = Array(block.units)
            let name = window.series.split(separator: "_").joined(separator: " ")
            let valuesA = HeatmapPanel.columns(units, of: window.a), valuesB = HeatmapPanel.columns(units, of: window.b)
            let a = HeatmapPanel(title: "\(name) · A", series: window.series, values: valuesA, firstStep: window.firstStep, units: units)
            var b = HeatmapPanel(title: "\(name) · B", series: window.series, values: valuesB, firstStep: window.firstStep, units: units)
            var shared = a
            if a.scale.isDiverging {
                let magnitude = max(a.high, b.high)
                shared.low = -magnitude; shared.high = magnitude
                b.low = -magnitude; b.high = magnitude
            }
            let delta = HeatmapPanel.columns(units, of: window.difference)
            let deltaMax = delta.values.filter { !$0.isNaN }.max() ?? 0
            let d = HeatmapPanel(title: "|A − B| (max \(NumberFormat.fixed(Double(deltaMax), 4)))", series: window.series,
                                 values: delta, firstStep: window.firstStep, units: units,
                                 scale: .sequential, low: 0, high: deltaMax)
            var rows = 0
            for (index, panel) in [shared, b, d].enumerated() {
                rows = HeatmapCanvas.draw(panel, into: &buffer, x: area.x + index * (columnWidth + 2), y: y, halfBlocks: true,
                                          maximumWidth: columnWidth)
            }
            y += rows + 1
        }
    }

    /// "series 2–3 of 10: forget gate … cell · ↑/↓ PgUp/PgDn for more" (with unit ranges when a
    /// series is split).
    func inViewText(_ all: [CompareBlock], _ visible: Range<Int>) -> String {
        func label(_ block: CompareBlock) -> String {
            let window = windows[block.window]
            let name = window.series.split(separator: "_").joined(separator: " ")
            guard block.units.count < window.a.columns else { return name }
            return "\(name) units \(block.units.lowerBound + 1)–\(block.units.upperBound) of \(window.a.columns)"
        }
        let firstSeries = all[visible.lowerBound].window + 1, lastSeries = all[visible.upperBound - 1].window + 1
        let range = firstSeries == lastSeries ? "\(firstSeries)" : "\(firstSeries)–\(lastSeries)"
        let shown = visible.count == 1 ? label(all[visible.lowerBound])
            : label(all[visible.lowerBound]) + " … " + label(all[visible.upperBound - 1])
        var arrows: [String] = []
        if visible.lowerBound > 0 { arrows.append("↑") }
        if visible.upperBound < all.count { arrows.append("↓") }
        return "series \(range) of \(windows.count): \(shown) · \(arrows.joined(separator: "/")) PgUp/PgDn for more"
    }

    /// The inputs' row: A's characters over A's heatmaps, B's over B's, `≠` over |A − B| where they differ.
    func drawTexts(into buffer: inout CellBuffer, area: Rect, columnWidth: Int) {
        guard textA != nil || textB != nil else { return }
        let y = area.y + 2
        let room = max(0, columnWidth - HeatmapCanvas.labelWidth)
        let a = textA ?? [], b = textB ?? []
        for (index, label) in ["A in", "B in", "≠"].enumerated() {
            let x = area.x + index * (columnWidth + 2)
            buffer.put(label, x: x, y: y, style: ExplorerTheme.dim)
            for step in 0..<min(room, max(a.count, b.count)) {
                let glyphA = step < a.count ? a[step] : "", glyphB = step < b.count ? b[step] : ""
                let text = index == 0 ? glyphA : (index == 1 ? glyphB : (glyphA == glyphB ? "" : "≠"))
                let glyph = String(text.first ?? " ")
                let isCursor = windows.first.map { $0.firstStep + step == self.step } ?? false
                let style = index == 2 ? ExplorerTheme.notice : (isCursor ? ExplorerTheme.cursor : CellStyle.plain)
                buffer.put(GlyphWidth.columns(of: glyph) == 1 ? glyph : "?", x: x + HeatmapCanvas.labelWidth + step, y: y, style: style)
            }
        }
    }
}

import GateCanvas
/// Writes heatmap panels as one standalone SVG document (viewable in any browser, editable in
/// Inkscape): per panel a title, one `<rect>` per cell, step and unit axes, and a colour bar.
///
/// Labels and tooltips count steps and units from 1, as the explorer does; every cell rect carries
/// `data-step` and `data-unit` (tensor row and column, from 0) and `data-v` — the recorded float32 value in the
/// shortest form that reads back exactly — and a `<title>` tooltip, so numbers survive export.
public enum HeatmapSVG {
    /// Pixels per cell.
    public static let cellSize = 10
    /// Cells per document above which export is refused (SVG viewers struggle); narrow with --steps/--units.
    public static let maximumCells = 2_000_000

    /// The SVG document for `panels`, stacked top to bottom under `title`.
    public static func document(panels: [HeatmapPanel], title: String) -> String {
        let c = cellSize
        let left = 56, top = 34, barWidth = 14, gap = 46
        let widest = panels.map(\.steps).max() ?? 0
        let width = left + widest * c + 24 + barWidth + 64
        var heights: [Int] = []
        for panel in panels { heights.append(panel.units.count * c + 22 + 30 + (panel.inputText == nil ? 0 : 12)) }
        let height = top + heights.reduce(0, +) + gap * max(0, panels.count - 1) + 10
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"11\">\n"
        out += "<title>\(ExportNumber.xmlEscaped(title))</title>\n"
        out += "<rect x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\" fill=\"#ffffff\"/>\n"
        out += "<text x=\"\(left)\" y=\"18\" font-size=\"14\" font-weight=\"bold\">\(ExportNumber.xmlEscaped(title))</text>\n"
        var y = top
        for panel in panels {
            out += panelSVG(panel, x: left, y: y, barWidth: barWidth)
            y += panel.units.count * c + 22 + 30 + (panel.inputText == nil ? 0 : 12) + gap
        }
        out += "</svg>\n"
        return out
    }

    private static func color(_ panel: HeatmapPanel, _ value: Float) -> String {
        let (r, g, b) = panel.scale.rgb(for: panel.scaled(value))
        return "#" + [r, g, b].map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }

    private static func panelSVG(_ panel: HeatmapPanel, x: Int, y: Int, barWidth: Int) -> String {
        let c = cellSize
        let gridTop = y + 16
        let series = ExportNumber.xmlEscaped(panel.series)
        var out = "<g class=\"panel\" data-series=\"\(series)\" data-first-step=\"\(panel.firstStep)\" data-steps=\"\(panel.steps)\" data-units=\"\(panel.units.map(String.init).joined(separator: ","))\">\n"
        out += "<text x=\"\(x)\" y=\"\(y + 10)\" font-weight=\"bold\">\(ExportNumber.xmlEscaped(panel.title))</text>\n"
        out += "<g class=\"cells\" shape-rendering=\"crispEdges\">\n"
        for step in 0..<panel.steps {
            for (column, unit) in panel.units.enumerated() {
                let value = panel.values[step, column]
                let v = ExportNumber.exact(value)
                out += "<rect x=\"\(x + step * c)\" y=\"\(gridTop + column * c)\" width=\"\(c)\" height=\"\(c)\" fill=\"\(color(panel, value))\" data-step=\"\(panel.firstStep + step)\" data-unit=\"\(unit)\" data-v=\"\(v)\"><title>step \(panel.firstStep + step + 1), unit \(unit + 1): \(v)</title></rect>\n"
            }
        }
        out += "</g>\n"
        let gridWidth = panel.steps * c, gridHeight = panel.units.count * c
        out += "<rect x=\"\(x)\" y=\"\(gridTop)\" width=\"\(gridWidth)\" height=\"\(gridHeight)\" fill=\"none\" stroke=\"#444444\" stroke-width=\"0.5\"/>\n"
        // Unit axis (left): every unit when few, else about every 8th.
        let unitEvery = max(1, panel.units.count / 16)
        for (column, unit) in panel.units.enumerated() where column % unitEvery == 0 {
            out += "<text x=\"\(x - 4)\" y=\"\(gridTop + column * c + c - 1)\" text-anchor=\"end\" font-size=\"9\">\(unit + 1)</text>\n"
        }
        out += "<text x=\"\(x - 40)\" y=\"\(gridTop + gridHeight / 2)\" font-size=\"10\" transform=\"rotate(-90 \(x - 40) \(gridTop + gridHeight / 2))\" text-anchor=\"middle\">unit</text>\n"
        // Step axis (bottom): the first step and round numbers, counted from 1 as the explorer shows them.
        for number in stepLabels(first: panel.firstStep + 1, count: panel.steps, tick: tickSpacing(panel.steps)) {
            let px = x + (number - 1 - panel.firstStep) * c + c / 2
            out += "<line x1=\"\(px)\" y1=\"\(gridTop + gridHeight)\" x2=\"\(px)\" y2=\"\(gridTop + gridHeight + 3)\" stroke=\"#444444\"/>\n"
            out += "<text x=\"\(px)\" y=\"\(gridTop + gridHeight + 13)\" text-anchor=\"middle\" font-size=\"9\">\(number)</text>\n"
        }
        var captionY = gridTop + gridHeight + 26
        if let text = panel.inputText {
            // The input characters, one per step, under the step numbers.
            out += "<g class=\"input\" font-family=\"Menlo, Consolas, monospace\" font-size=\"10\" text-anchor=\"middle\">\n"
            for (step, glyph) in text.prefix(panel.steps).enumerated() {
                out += "<text x=\"\(x + step * c + c / 2)\" y=\"\(gridTop + gridHeight + 25)\" data-step=\"\(panel.firstStep + step)\">\(ExportNumber.xmlEscaped(glyph))</text>\n"
            }
            out += "</g>\n"
            out += "<text x=\"\(x - 4)\" y=\"\(gridTop + gridHeight + 25)\" text-anchor=\"end\" font-size=\"9\">input</text>\n"
            captionY += 12
        }
        out += "<text x=\"\(x + gridWidth / 2)\" y=\"\(captionY)\" text-anchor=\"middle\" font-size=\"10\">step</text>\n"
        // Colour bar (right).
        let barX = x + gridWidth + 24
        let barHeight = max(40, gridHeight)
        let slices = 32
        for k in 0..<slices {
            let fraction = 1 - (Double(k) + 0.5) / Double(slices)
            let value = Double(panel.low) + (Double(panel.high) - Double(panel.low)) * fraction
            let sliceTop = gridTop + barHeight * k / slices
            let sliceBottom = gridTop + barHeight * (k + 1) / slices
            out += "<rect x=\"\(barX)\" y=\"\(sliceTop)\" width=\"\(barWidth)\" height=\"\(sliceBottom - sliceTop)\" fill=\"\(color(panel, Float(value)))\"/>\n"
        }
        out += "<rect x=\"\(barX)\" y=\"\(gridTop)\" width=\"\(barWidth)\" height=\"\(barHeight)\" fill=\"none\" stroke=\"#444444\" stroke-width=\"0.5\"/>\n"
        let middle = (Double(panel.low) + Double(panel.high)) / 2
        for (value, py) in [(Double(panel.high), gridTop + 8), (middle, gridTop + barHeight / 2 + 4), (Double(panel.low), gridTop + barHeight)] {
            out += "<text x=\"\(barX + barWidth + 4)\" y=\"\(py)\" font-size=\"9\">\(NumberFormat.fixed(value))</text>\n"
        }
        out += "</g>\n"
        return out
    }

    /// The step numbers to label on an axis of `count` steps numbered from `first`: the first, then
    /// every multiple of `tick` (numbers count from 1, as the explorer shows them).
    static func stepLabels(first: Int, count: Int, tick: Int) -> [Int] {
        guard count > 0 else { return [] }
        let tick = max(1, tick)
        let round = ((first + tick - 1) / tick) * tick
        return [first] + stride(from: round == first ? first + tick : round, to: first + count, by: tick)
    }

    /// A round tick spacing giving about ten ticks over `steps`.
    static func tickSpacing(_ steps: Int) -> Int {
        let target = max(1, steps / 10)
        for candidate in [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000] where candidate >= target {
            return candidate
        }
        return 100000
    }
}

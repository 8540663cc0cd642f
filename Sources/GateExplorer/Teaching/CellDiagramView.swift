import GateCanvas
import GateCore

/// The cell as the tutorials draw it (Olah, "Understanding LSTM Networks"): for an LSTM the belt along
/// the top (c₋₁ → ×f → +i·g → c), the gates as boxes fed by [h₋₁, x] from below, and tanh and ×o down
/// to h; for a GRU h₋₁ along the top (×z, +(1−z)·n) with the r, z and n boxes; for a plain RNN one
/// tanh box. Every wire carries the selected unit's real number at the current step, with a colour
/// swatch on the explorer's scales (a shade glyph in monochrome).
public struct CellDiagramView {
    /// The explorer state drawn (its layer, unit and step).
    public let state: ExplorerState

    /// Rows the diagram needs (title and 13 rows of drawing); it is 78 columns wide.
    public static let preferredHeight = 14
    /// Columns the diagram needs.
    public static let width = 78

    /// A diagram of `state`'s selected unit at its cursor step.
    public init(state: ExplorerState) { self.state = state }

    /// Draws the diagram into `rect` (clipped to it).
    public func draw(into buffer: inout CellBuffer, rect: Rect) {
        let layer = state.layer
        let unit = state.selectedUnit, step = state.step
        let previousStep = layer.isReverse ? step + 1 : step - 1
        func value(_ series: String, at t: Int) -> Float? { layer.value(series, step: t, unit: unit) }
        let sequential = ScaleTable(scale: state.palette.sequential, mode: buffer.colorMode)
        let diverging = ScaleTable(scale: state.palette.diverging, mode: buffer.colorMode)
        var canvas = Canvas(buffer: buffer, rect: rect)
        let kindName = layer.kind.displayName
        var title = " cell diagram · \(kindName) · unit \(unit + 1) · t=\(state.run.stepNumber(step))"
        if layer.isReverse || state.run.layerIndices.count > 1 { title += " · " + layer.label }
        title += " · input " + inputText(at: step)
        canvas.text(title, 0, 0, ExplorerTheme.title)
        let magnitude = max(1, layer.series[layer.kind == .lstm ? SeriesName.cell : SeriesName.hidden]?.values.map(abs).max() ?? 1)
        /// A value slot: a swatch (gates on the sequential scale, states on the diverging one) and the number.
        func slot(_ v: Float?, _ x: Int, _ y: Int, gate: Bool = false) {
            guard let v else { canvas.text("   –", x, y, ExplorerTheme.dim); return }
            let shade = gate ? sequential.cell(upper: v, lower: v) : diverging.cell(upper: v / magnitude, lower: v / magnitude)
            canvas.cell(shade, x, y)
            canvas.text(NumberFormat.padLeft(NumberFormat.fixed(v), 6), x + 1, y, ExplorerTheme.title)
        }
        let c0 = value(SeriesName.cell, at: previousStep) ?? 0
        let h0 = value(SeriesName.hidden, at: previousStep) ?? 0
        let line = ExplorerTheme.rule
        func box(x: Int, name: String, up: Bool) {
            canvas.text(up ? "┌───┴───┐" : "┌───────┐", x, 7, line)
            canvas.text("│", x, 8, line); canvas.text(name, x + 2, 8, TeachingTheme.presenterLabel); canvas.text("│", x + 8, 8, line)
            canvas.text("│", x, 9, line); canvas.text("│", x + 8, 9, line)
            canvas.text("└───┬───┘", x, 10, line)
            canvas.text("│", x + 4, 11, line)
        }
        func bus(h0: Float, step: Int, taps: [Int], end: Int, note: String) {
            canvas.text("h₋₁", 1, 12, TeachingTheme.presenterLabel); slot(h0, 5, 12)
            canvas.text(String(repeating: "─", count: end - 13), 13, 12, line)
            canvas.text("┬", 15, 12, line)
            for x in taps { canvas.text("┴", x, 12, line) }
            canvas.text("┘", end, 12, line)
            canvas.text("x", 1, 13, TeachingTheme.presenterLabel)
            // Above the first layer, x is the layer below's h: say so rather than show the sequence input.
            if layer.layer > 0 {
                canvas.text("h of L\(layer.layer)", 5, 13, ExplorerTheme.dim)
            } else {
                canvas.text(inputText(at: step, columns: 7), 5, 13, ExplorerTheme.title)
            }
            canvas.text("──┘", 13, 13, line)
            canvas.text(note, 18, 13, ExplorerTheme.dim)
        }
        switch layer.kind {
        case .lstm:
            let f = value(SeriesName.forgetGate, at: step), i = value(SeriesName.inputGate, at: step)
            let g = value(SeriesName.cellCandidate, at: step), o = value(SeriesName.outputGate, at: step)
            let c = value(SeriesName.cell, at: step), h = value(SeriesName.hidden, at: step)
            canvas.text("c₋₁", 1, 2, TeachingTheme.presenterLabel); slot(c0, 5, 2)
            canvas.text(String(repeating: "━", count: 54), 13, 2, line)
            canvas.text("(×)", 21, 2, TeachingTheme.presenterLabel); canvas.text("(+)", 39, 2, TeachingTheme.presenterLabel)
            canvas.text("┳", 60, 2, line); canvas.text("▶", 67, 2, line)
            canvas.text("c", 69, 2, TeachingTheme.presenterLabel); slot(c, 71, 2)
            canvas.text("f·c₋₁", 24, 3, ExplorerTheme.dim); slot(f.map { $0 * c0 }, 30, 3)
            canvas.text("i·g", 42, 3, ExplorerTheme.dim); slot(i.flatMap { i in g.map { i * $0 } }, 46, 3)
            for y in 3...6 { canvas.text("│", 22, y, line) }
            for y in 3...4 { canvas.text("│", 40, y, line) }
            for y in [3, 5] { canvas.text("│", 60, y, line) }
            canvas.text("tanh", 58, 4, TeachingTheme.presenterLabel); slot(c.map(Activation.tanh), 63, 4)
            canvas.text("(×)", 39, 5, TeachingTheme.presenterLabel)
            canvas.text("┌─────┴─────┐", 34, 6, line)
            canvas.text("(×)", 59, 6, TeachingTheme.presenterLabel); canvas.text("─────▶", 62, 6, line)
            canvas.text("h", 69, 6, TeachingTheme.presenterLabel); slot(h, 71, 6)
            box(x: 18, name: "f  σ", up: true); slot(f, 19, 9, gate: true)
            box(x: 30, name: "i  σ", up: true); slot(i, 31, 9, gate: true)
            box(x: 42, name: "g tanh", up: true); slot(g, 43, 9)
            box(x: 56, name: "o  σ", up: true); slot(o, 57, 9, gate: true)
            bus(h0: h0, step: step, taps: [22, 34, 46], end: 60,
                note: "[h₋₁, x] feeds every gate: σ(W·x + U·h₋₁ + b)")
        case .gru:
            let z = value(SeriesName.updateGate, at: step), r = value(SeriesName.resetGate, at: step)
            let n = value(SeriesName.candidate, at: step), h = value(SeriesName.hidden, at: step)
            canvas.text("h₋₁", 1, 2, TeachingTheme.presenterLabel); slot(h0, 5, 2)
            canvas.text(String(repeating: "━", count: 54), 13, 2, line)
            canvas.text("(×)", 21, 2, TeachingTheme.presenterLabel); canvas.text("(+)", 39, 2, TeachingTheme.presenterLabel)
            canvas.text("▶", 67, 2, line); canvas.text("h", 69, 2, TeachingTheme.presenterLabel); slot(h, 71, 2)
            canvas.text("z·h₋₁", 24, 3, ExplorerTheme.dim); slot(z.map { $0 * h0 }, 30, 3)
            canvas.text("(1−z)·n", 42, 3, ExplorerTheme.dim); slot(z.flatMap { z in n.map { (1 - z) * $0 } }, 50, 3)
            for y in 3...5 { canvas.text("│", 22, y, line) }
            for y in 3...4 { canvas.text("│", 40, y, line) }
            canvas.text("(×)", 39, 5, TeachingTheme.presenterLabel)
            canvas.text("1−z", 25, 5, ExplorerTheme.dim); slot(z.map { 1 - $0 }, 29, 5, gate: true)
            canvas.text("├───────", 22, 6, line); canvas.text("(1−z)", 30, 6, TeachingTheme.presenterLabel)
            canvas.text("─────┴─────┐", 35, 6, line)
            box(x: 18, name: "z  σ", up: true); slot(z, 19, 9, gate: true)
            box(x: 30, name: "r  σ", up: false); slot(r, 31, 9, gate: true)
            canvas.text("──▶", 39, 9, line)
            box(x: 42, name: "n tanh", up: true); slot(n, 43, 9)
            bus(h0: h0, step: step, taps: [22, 34], end: 46, note: "[h₋₁, x] feeds z, r and n; n reads r·h₋₁")
        case .rnnTanh, .rnnRelu:
            let h = value(SeriesName.hidden, at: step)
            let pre = value(SeriesName.preactivation(SeriesName.hidden), at: step)
            let function = layer.kind.rnnFunction
            canvas.text("no belt and no gates: the whole memory is h, rewritten at every step", 1, 2, ExplorerTheme.dim)
            canvas.text("┌" + String(repeating: "─", count: 32) + "▶", 34, 4, line)
            canvas.text("h", 69, 4, TeachingTheme.presenterLabel); slot(h, 71, 4)
            canvas.text("│", 34, 5, line)
            canvas.text("┌" + String(repeating: "─", count: 15) + "┴" + String(repeating: "─", count: 15) + "┐", 18, 6, line)
            for y in 7...9 { canvas.text("│", 18, y, line); canvas.text("│", 50, y, line) }
            canvas.text("h = \(function)(W·x + U·h₋₁ + b)", 20, 7, TeachingTheme.presenterLabel)
            canvas.text("W·x+U·h₋₁+b", 20, 8, ExplorerTheme.dim); slot(pre, 32, 8)
            canvas.text("\(function) →", 20, 9, ExplorerTheme.dim); slot(h, 32, 9)
            canvas.text("└" + String(repeating: "─", count: 15) + "┬" + String(repeating: "─", count: 15) + "┘", 18, 10, line)
            canvas.text("│", 34, 11, line)
            bus(h0: h0, step: step, taps: [], end: 34, note: "[h₋₁, x] is all the cell reads")
        }
        buffer = canvas.buffer
    }

    /// `inputText(at:)` in at most `columns` columns: the first feature and "…" when the rest do not fit.
    func inputText(at step: Int, columns: Int) -> String {
        let whole = inputText(at: step)
        guard whole.count > columns else { return whole }
        let first = whole.split(separator: " ").first.map(String.init) ?? whole
        return first.count + 2 <= columns ? first + " …" : String(whole.prefix(columns - 1)) + "…"
    }

    /// The input at `step` as the inspector names it: the token in quotes, else the features' values.
    func inputText(at step: Int) -> String {
        if let token = state.run.tokenText(at: step) { return "'\(token)'" }
        let input = state.run.trace.input
        guard step >= 0, step < input.rows, input.columns > 0 else { return "–" }
        return (0..<min(3, input.columns)).map { NumberFormat.fixed(input[step, $0]) }.joined(separator: " ")
            + (input.columns > 3 ? " …" : "")
    }

    /// Drawing clipped to a rectangle, in coordinates relative to it.
    struct Canvas {
        var buffer: CellBuffer
        let rect: Rect

        /// `text` at (`x`, `y`) inside the rectangle, cut at its right edge.
        mutating func text(_ text: String, _ x: Int, _ y: Int, _ style: CellStyle) {
            guard y >= 0, y < rect.height, x < rect.width else { return }
            var column = x
            for character in text {
                guard column < rect.width else { break }
                if column >= 0 { buffer[rect.x + column, rect.y + y] = Cell(String(character), style: style) }
                column += 1
            }
        }

        /// One cell at (`x`, `y`) inside the rectangle.
        mutating func cell(_ cell: Cell, _ x: Int, _ y: Int) {
            guard y >= 0, y < rect.height, x >= 0, x < rect.width else { return }
            buffer[rect.x + x, rect.y + y] = cell
        }
    }
}

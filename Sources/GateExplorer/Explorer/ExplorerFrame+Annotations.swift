import GateCanvas
import GateCore

extension ExplorerFrame {
    /// The annotation tracks, one row each above the heatmaps, aligned with time: a label track shows
    /// each label from the step where it starts (dim `·` while it lasts), a numeric track a sparkline.
    func drawAnnotations(into buffer: inout CellBuffer) {
        guard let rect = layout.annotations else { return }
        let window = layout.timeWindow.steps(total: state.totalSteps)
        let x0 = layout.heatmapX
        for (row, track) in state.run.trace.annotations.prefix(rect.height).enumerated() {
            let y = rect.y + row
            let name = Self.visibleLabel(track.name)
            let more = row == rect.height - 1 && state.run.trace.annotations.count > rect.height
                ? " +\(state.run.trace.annotations.count - rect.height)" : ""
            let label = String(name.prefix(max(1, ExplorerLayout.labelWidth + 1 - more.count))) + more
            buffer.put(label, x: rect.x + 1, y: y, style: ExplorerTheme.dim)
            switch track.values {
            case .numbers(let numbers):
                let finite = numbers.filter(\.isFinite)
                let low = finite.min() ?? 0, high = finite.max() ?? 1
                for step in window where step < numbers.count && numbers[step].isFinite {
                    let style = step == state.step ? ExplorerTheme.cursor : ExplorerTheme.annotation
                    buffer.put(String(Sparkline.glyph(numbers[step], low: low, high: high)), x: x0 + step - window.lowerBound, y: y, style: style)
                }
            case .labels(let labels):
                // A label that fits its run of steps is written out (then `·` while it lasts); a
                // shorter run shows the label's first letter at each step. Colours tell labels apart.
                let ids = AnnotationTrack.keys(of: labels).keys
                var step = window.lowerBound
                while step < window.upperBound, step < labels.count {
                    let text = labels[step]
                    var end = step + 1
                    while end < window.upperBound, end < labels.count, labels[end] == text { end += 1 }
                    if !text.isEmpty {
                        let shown = Self.visibleLabel(text)
                        let style = Self.labelStyle(ids[step])
                        let room = end - step
                        if GlyphWidth.columns(of: shown) < room || room >= 4 && GlyphWidth.columns(of: shown) <= room {
                            buffer.put(shown, x: x0 + step - window.lowerBound, y: y, style: style)
                            for dot in (step + GlyphWidth.columns(of: shown))..<end {
                                buffer.put("·", x: x0 + dot - window.lowerBound, y: y, style: style)
                            }
                        } else {
                            let initial = String(shown.first ?? "?")
                            let glyph = GlyphWidth.columns(of: initial) == 1 ? initial : "?"
                            for column in step..<end { buffer.put(glyph, x: x0 + column - window.lowerBound, y: y, style: style) }
                        }
                    }
                    step = end
                }
                if state.step >= window.lowerBound, state.step < window.upperBound {
                    let x = x0 + state.step - window.lowerBound
                    var cell = buffer[x, y]
                    cell.style = ExplorerTheme.cursor
                    if cell.grapheme == " " || cell.grapheme.isEmpty { cell.grapheme = " " }
                    buffer[x, y] = cell
                }
            }
        }
    }

    /// Colours for label tracks, by label (first seen first).
    static let labelColours: [TerminalColor] = [.indexed(6), .indexed(3), .indexed(5), .indexed(2), .indexed(4), .indexed(1)]

    /// The style of label number `id`.
    static func labelStyle(_ id: Int) -> CellStyle {
        CellStyle(foreground: labelColours[max(0, id) % labelColours.count])
    }

    /// Text from a file made safe for the screen by the rule all such text follows
    /// (``TerminalText/escaped(_:keepNewlines:)``): control characters in caret notation (`^[` for ESC).
    static func visibleLabel(_ text: String) -> String {
        TerminalText.escaped(text)
    }
}

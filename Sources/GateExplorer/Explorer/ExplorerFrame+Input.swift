import GateCanvas
extension ExplorerFrame {
    /// The input row (characters or a sparkline) and, when there is room, the head's output row.
    func drawInput(into buffer: inout CellBuffer) {
        let rect = layout.input
        let run = state.run
        let window = layout.timeWindow.steps(total: state.totalSteps)
        let x0 = layout.heatmapX
        if run.hasTextInput {
            buffer.put("input", x: rect.x + 1, y: rect.y, style: ExplorerTheme.dim)
            for step in window {
                let x = x0 + step - window.lowerBound
                let glyph = String((run.tokenText(at: step) ?? "?").first ?? "?")
                let style = step == state.step ? ExplorerTheme.cursor
                    : (isRevealed(step) ? CellStyle.plain : ExplorerTheme.dim)
                buffer.put(glyph, x: x, y: rect.y, style: style)
            }
        } else {
            let input = run.trace.input
            let names = run.inputFeatureNames
            for feature in 0..<min(rect.height, input.columns) {
                let y = rect.y + feature
                var label: String
                if input.columns == 1 {
                    // A long column name ("SUNACTIVITY_standardised") would be cut into nonsense.
                    label = "input " + (names.map { $0[0].count <= 7 ? $0[0] : "x" } ?? "x")
                } else {
                    label = "x\(Self.subscriptDigits(feature + 1))" + (names.map { " " + $0[feature] } ?? "")
                }
                // "+1" says how many more features there are than rows (enlarge the terminal to see them).
                let more = feature == rect.height - 1 && input.columns > rect.height
                    ? " +\(input.columns - rect.height)" : ""
                label = String(label.prefix(ExplorerLayout.labelWidth + 1 - more.count)) + more
                buffer.put(label, x: rect.x + 1, y: y, style: ExplorerTheme.dim)
                drawSparkRow(into: &buffer, values: input.column(feature), range: input.column(feature),
                             y: y, window: window, onlyRevealed: false)
            }
        }

        guard let row = layout.output, let output = run.trace.output else { return }
        let classes = Prediction.classLabels(run: run, count: output.columns)
        if classes != nil || (run.vocabulary?.count == output.columns && output.columns > 1) {
            buffer.put(classes == nil ? "predicts" : "says", x: row.x + 1, y: row.y, style: ExplorerTheme.dim)
            for step in window where isRevealed(step) {
                guard let best = Prediction(run: run, step: step, count: 1)?.best else { continue }
                let x = x0 + step - window.lowerBound
                let style = step == state.step ? ExplorerTheme.cursor : ExplorerTheme.dim
                // Class names often share a prefix ("depth 0", "depth 1"): their last character differs.
                let glyph = classes == nil ? best.first : best.last
                buffer.put(String(glyph ?? "?"), x: x, y: row.y, style: style)
            }
        } else if output.columns > 0 {
            buffer.put("predicts", x: row.x + 1, y: row.y, style: ExplorerTheme.dim)
            var range = output.column(0)
            if let targets = run.targets, targets.columns > 0 { range += targets.column(0) }
            drawSparkRow(into: &buffer, values: output.column(0), range: range, y: row.y, window: window,
                         onlyRevealed: true)
        }
    }

    /// "₁₂" for 12.
    static func subscriptDigits(_ number: Int) -> String {
        let digits: [Character] = ["₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"]
        return String(String(number).compactMap { $0.wholeNumberValue.map { digits[$0] } })
    }

    /// A sparkline along the time window, scaled to the range of `range`.
    private func drawSparkRow(into buffer: inout CellBuffer, values: [Float], range: [Float], y: Int,
                              window: Range<Int>, onlyRevealed: Bool) {
        let shown = onlyRevealed ? window.clamped(to: revealedSteps) : window
        Sparkline(values: values, range: range, steps: shown, firstStep: window.lowerBound) { step in
            step == state.step ? ExplorerTheme.cursor : (isRevealed(step) ? CellStyle.plain : ExplorerTheme.dim)
        }.draw(in: Rect(x: layout.heatmapX, y: y, width: window.count, height: 1), into: &buffer)
    }
}

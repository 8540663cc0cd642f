import GateCanvas
import GateCore

extension ExplorerFrame {
    /// The inspector's lines for the selected unit at the current step.
    public func inspectorLines() -> [StyledText] {
        let lines = inspectorLinesInTime()
        guard layer.isReverse else { return lines }
        // The reverse direction reads T down to 1: its "previous" state is step t+1's (c₊₁, h₊₁).
        return lines.enumerated().map { index, line in
            var copy = line
            copy.pieces = line.pieces.map { (text: $0.text.replacingSubscriptMinusOne, style: $0.style) }
            if index == 1, line.pieces.first?.text == layer.label { copy.add(" · ₊₁ = step t+1", ExplorerTheme.dim) }
            return copy
        }
    }

    private func inspectorLinesInTime() -> [StyledText] {
        let unit = state.selectedUnit
        let t = state.step
        let d = state.decimals
        func n(_ v: Float) -> String { NumberFormat.fixed(v, d) }
        func term(_ v: Float) -> String { NumberFormat.term(v, d) }
        var lines: [StyledText] = []
        var title = StyledText(Self.unitName(unit), ExplorerTheme.selection)
        if state.totalSteps == 0 {
            title.add(" · no steps yet", ExplorerTheme.title)
        } else if state.run.origin != nil {
            // A replayed recording: the original run's step, then the row of the recording.
            title.add(" · step \(state.run.stepNumber(t)) (row \(t + state.run.stepOffset + 1) of \(state.run.shownTotalSteps))", ExplorerTheme.title)
        } else {
            title.add(" · step \(state.run.stepNumber(t)) of \(state.run.shownTotalSteps)", ExplorerTheme.title)
        }
        if layer.layer > 0 {
            // An upper layer reads the layer below's hidden state ([h→; h←] when bidirectional), not x.
            let below = state.run.trace.layers.contains { $0.layer == layer.layer - 1 && $0.isReverse } ? "[h→; h←]" : "h"
            title.add(" · input: layer \(layer.layer) \(below)", ExplorerTheme.title)
            if let token = state.run.tokenText(at: t) {
                title.add(" · sequence input '\(token)'", ExplorerTheme.dim)
            } else if state.run.trace.input.columns > 0, t < state.run.trace.input.rows {
                title.add(" · sequence input \(n(state.run.trace.input[t, 0]))", ExplorerTheme.dim)
            }
        } else if let token = state.run.tokenText(at: t) {
            title.add(" · input '\(token)'", ExplorerTheme.title)
        } else if state.run.trace.input.columns > 0, t < state.run.trace.input.rows {
            title.add(" · input \(n(state.run.trace.input[t, 0]))", ExplorerTheme.title)
        }
        lines.append(title)
        if layer.isReverse || state.run.layerIndices.count > 1 { lines.append(StyledText(layer.label, ExplorerTheme.dim)) }
        guard t >= 0, t < layer.steps else {
            lines.append(StyledText("no steps recorded", ExplorerTheme.dim))
            return lines
        }
        if let pending = state.pendingNote, layer.value(SeriesName.hidden, step: t, unit: unit)?.isNaN == true {
            // Rows still computed in the background hold NaN: say what they wait for, not "σ(nan)".
            lines.append(StyledText("not computed yet (× in the heatmaps):", ExplorerTheme.notice))
            lines.append(StyledText(pending, ExplorerTheme.notice))
            lines.append(StyledText("its values, equations and statistics show when it is done", ExplorerTheme.dim))
            return lines
        }

        let layerInput = state.weights == nil ? nil : UnitExplanation.layerInput(trace: state.run.trace, layer: layer.layer)
        let carried = carriedState(layer: layer, t: t)
        var explanation = UnitExplanation(layer: layer, step: t, unit: unit, weights: state.weights, layerInput: layerInput,
                                          carried: carried)
        explanation.belt = belt(layer: layer, t: t, unit: unit)
        let previousSymbol = layer.kind == .lstm ? "c₋₁" : "h₋₁"
        for item in explanation.terms {
            var line = StyledText()
            let function = item.symbol == "g" || item.symbol == "n" || (item.symbol == "h" && layer.kind == .rnnTanh)
                ? "tanh" : (item.symbol == "h" ? "relu" : "σ")
            // A what-if clamp pins the gate: its value is then not function(preactivation), and the
            // line says so instead of printing false arithmetic.
            let computed = item.preactivation.map { function == "σ" ? Activation.sigmoid($0) : (function == "tanh" ? Activation.tanh($0) : max(0, $0)) }
            let clamped = computed.map { abs($0 - item.value) > 1e-4 } ?? false
            let argument = clamped ? "" : (item.preactivation.map { "\(function)(\(n($0))) = " } ?? "")
            line.add("\(item.symbol) = \(argument)", .plain)
            line.add(n(item.value), ExplorerTheme.title)
            if clamped, let p = item.preactivation, let computed {
                line.add(" clamped (\(function)(\(n(p))) = \(n(computed)))", ExplorerTheme.notice)
                lines.append(line)
                continue
            }
            let note: String
            switch item.symbol {
            case "f": note = "keeps \(NumberFormat.percent(item.value)) of \(previousSymbol)"
            case "i": note = "writes \(NumberFormat.percent(item.value)) of g"
            case "o": note = "shows \(NumberFormat.percent(item.value)) of tanh c"
            case "g": note = "the candidate to write"
            case "r": note = "uses \(NumberFormat.percent(item.value)) of the past in n"
            case "z": note = "keeps \(NumberFormat.percent(item.value)) of h₋₁"
            case "n": note = "the new value"
            default: note = ""
            }
            if !note.isEmpty { line.add("  " + note, ExplorerTheme.dim) }
            lines.append(line)
        }
        switch layer.kind {
        case .lstm:
            if let belt = explanation.belt, let f = explanation.value("f"), let i = explanation.value("i"),
               let g = explanation.value("g") {
                lines.append(StyledText("c = f·c₋₁ + i·g"))
                var sum = StyledText("  = \(n(f))·\(term(belt.previous)) + \(n(i))·\(term(g)) = ")
                sum.add(n(belt.next), ExplorerTheme.title)
                lines.append(sum)
            } else if !explanation.previousKnown, let c = explanation.cell {
                lines.append(StyledText("c = f·c₋₁ + i·g"))
                var line = StyledText("  c₋₁ not recorded · c = ", ExplorerTheme.dim)
                line.add(n(c), ExplorerTheme.title)
                lines.append(line)
            }
            if let o = explanation.value("o"), let c = explanation.cell, let h = explanation.hidden {
                var line = StyledText("h = o·tanh(c) = \(n(o))·\(term(Activation.tanh(c))) = ")
                line.add(n(h), ExplorerTheme.title)
                if layer.series[SeriesName.hiddenBeforeProjection] != nil { line = StyledText("h (projected) = \(n(h))") }
                lines.append(line)
            }
        case .gru:
            if let z = explanation.value("z"), let nValue = explanation.value("n"), let h = explanation.hidden {
                lines.append(StyledText("h = z·h₋₁ + (1−z)·n"))
                if let previous = explanation.previousHidden {
                    var sum = StyledText("  = \(n(z))·\(term(previous)) + \(n(1 - z))·\(term(nValue)) = ")
                    sum.add(n(h), ExplorerTheme.title)
                    lines.append(sum)
                } else {
                    var line = StyledText("  h₋₁ not recorded · h = ", ExplorerTheme.dim)
                    line.add(n(h), ExplorerTheme.title)
                    lines.append(line)
                }
            }
        case .rnnTanh, .rnnRelu:
            break
        }

        lines += variantEquationLines(explanation)

        // Why: where each pre-activation comes from.
        let withParts = explanation.terms.filter { $0.parts != nil }
        lines.append(StyledText())
        if withParts.isEmpty, state.weights != nil, !explanation.previousKnown {
            lines.append(StyledText("why: h₋₁ not recorded (the recording starts", ExplorerTheme.dim))
            lines.append(StyledText("here), so U·h₋₁ cannot be computed", ExplorerTheme.dim))
        } else if withParts.isEmpty {
            lines.append(StyledText("why: the weights are not known here, so the", ExplorerTheme.dim))
            lines.append(StyledText("pre-activations cannot be split into parts", ExplorerTheme.dim))
        } else {
            lines.append(StyledText("why · pre-activation = W·x + U·h₋₁ + b", ExplorerTheme.title))
            for item in withParts {
                guard let parts = item.parts else { continue }
                var line = StyledText("  \(item.symbol) ")
                line.add(NumberFormat.signedAligned(parts.total, d), ExplorerTheme.title)
                line.add(" = \(NumberFormat.signedAligned(parts.input, d)) + \(NumberFormat.signedAligned(parts.recurrent, d)) + \(NumberFormat.signedAligned(parts.bias, d))")
                if let peephole = parts.peephole { line.add(" + \(n(peephole)) peep") }
                lines.append(line)
            }
            let largest = withParts.compactMap { item -> (String, String)? in
                guard let p = item.parts else { return nil }
                let options = [("input", abs(p.input)), ("past", abs(p.recurrent)), ("bias", abs(p.bias))]
                let best = options.max { $0.1 < $1.1 }!
                return (item.symbol, best.0)
            }
            lines.append(StyledText("    (input W·x · past U·h₋₁ · bias b)", ExplorerTheme.dim))
            lines.append(StyledText("  driven by: " + largest.map { "\($0.0) \($0.1)" }.joined(separator: ", "),
                                    ExplorerTheme.dim))
        }

        // History of the focused panel's series for this unit.
        lines.append(StyledText())
        let panelKinds = state.panels
        var historyKind = panelKinds.first { $0.isState } ?? panelKinds[0]
        if case .panel(let index) = state.focus, index < panelKinds.count { historyKind = panelKinds[index] }
        if let matrix = layer.series[historyKind.series], unit < matrix.columns {
            let upTo = min(matrix.rows, t + 1)
            let history = (0..<upTo).map { matrix[$0, unit] }
            let room = 40
            let shown = Array(history.suffix(room))
            let low = historyKind.isSigned ? min(shown.min() ?? 0, -(shown.map(abs).max() ?? 1)) : 0
            let high = historyKind.isSigned ? -low : 1
            var line = StyledText("\(historyKind.symbol) so far ", ExplorerTheme.dim)
            line.add(Sparkline.text(shown, low: low, high: max(high, low + 1e-6)), ExplorerTheme.title)
            lines.append(line)
        }
        let stats = state.layerStatistics
        if let scope = state.run.statisticsScope { lines.append(StyledText("statistics over \(scope)", ExplorerTheme.dim)) }
        if !stats.saturation.isEmpty {
            let parts = panelKinds.filter { !$0.isSigned }.compactMap { kind -> String? in
                guard let values = stats.saturation[kind.series], unit < values.count else { return nil }
                return "\(kind.symbol) \(NumberFormat.percent(values[unit]))"
            }
            lines.append(StyledText("saturated (<0.1 or >0.9): " + parts.joined(separator: " "), .plain))
        }
        if let tau = stats.memoryTimeConstant(unit: unit), let keep = stats.meanKeep?[unit] {
            let symbol = layer.kind == .lstm ? "f" : "z"
            let tauText = tau.isInfinite ? "∞" : (tau >= 100 ? NumberFormat.fixed(tau, 0) : NumberFormat.fixed(tau, 1))
            lines.append(StyledText("memory τ = −1/ln(mean \(symbol) \(n(keep))) = \(tauText) steps"))
        }
        if unit < stats.activity.count {
            lines.append(StyledText("activity (variance of h) \(NumberFormat.fixed(stats.activity[unit], max(2, d)))",
                                    ExplorerTheme.dim))
        }
        let top = state.topTokens(count: 4)
        if !top.isEmpty {
            var line = StyledText("responds to (h − mean elsewhere): ", ExplorerTheme.dim)
            for (index, item) in top.enumerated() {
                if index > 0 { line.add(" · ", ExplorerTheme.dim) }
                line.add("'\(state.tokenName(item.token))' ", ExplorerTheme.title)
                line.add((item.score.score >= 0 ? "+" : "") + NumberFormat.fixed(Float(item.score.score), d))
            }
            lines.append(line)
        }
        if let prediction = Prediction(run: state.run, step: t, count: 5), layer.layer == state.run.layerIndices.last {
            lines.append(StyledText())
            // A head with its own activation (Keras softmax, sigmoid, …) says so: its output is after it.
            let activation = state.run.headActivation
            let label = activation == .linear ? "head · " : "head (\(activation.rawValue)) · "
            lines.append(StyledText(label + prediction.summary(decimals: d), ExplorerTheme.title))
        }
        return lines
    }

    /// Draws the inspector where the layout puts it.
    func drawInspector(into buffer: inout CellBuffer) {
        guard let rect = layout.inspector.rect, rect.width > 4, rect.height > 1 else { return }
        let isFocused = state.focus == .inspector
        var inner = rect
        switch layout.inspector {
        case .side:
            for y in rect.y..<rect.maxY { buffer.put("│", x: rect.x - 1, y: y, style: ExplorerTheme.rule) }
            inner = Rect(x: rect.x + 1, y: rect.y, width: rect.width - 1, height: rect.height)
        case .overlay:
            buffer.fill(rect, with: .blank)
            for y in rect.y..<rect.maxY { buffer.put("│", x: rect.x, y: y, style: ExplorerTheme.rule) }
            inner = Rect(x: rect.x + 2, y: rect.y, width: rect.width - 2, height: rect.height)
        case .below:
            buffer.put(String(repeating: "─", count: rect.width), x: rect.x, y: rect.y, style: ExplorerTheme.rule)
            inner = Rect(x: rect.x + 1, y: rect.y + 1, width: rect.width - 1, height: rect.height - 1)
        case .hidden:
            return
        }
        let heading = isFocused ? " inspector (↑/↓ scroll) " : " inspector "
        let lines = inspectorLines().flatMap { $0.wrapped(width: inner.width) }
        let scroll = min(state.inspectorScroll, max(0, lines.count - inner.height + 1))
        StyledText(heading, isFocused ? ExplorerTheme.focused : ExplorerTheme.dim)
            .draw(into: &buffer, x: inner.x, y: inner.y, maxX: inner.maxX)
        var y = inner.y + 1
        for line in lines.dropFirst(scroll) where y < inner.maxY {
            line.draw(into: &buffer, x: inner.x, y: y, maxX: inner.maxX)
            y += 1
        }
    }
}

extension String {
    /// "c₋₁" → "c₊₁" (the reverse direction's previous state is step t+1's).
    var replacingSubscriptMinusOne: String {
        var result = ""
        var rest = Substring(self)
        while let range = rest.range(of: "₋₁") {
            result += rest[..<range.lowerBound] + "₊₁"
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}

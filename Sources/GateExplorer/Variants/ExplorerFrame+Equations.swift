import GateCanvas
import GateCore

extension ExplorerFrame {
    /// The selected unit's equations written out with this step's numbers in the cell's own form:
    /// GRU in PyTorch's form, n = tanh(W_in·x + b_in + r·(W_hn·h₋₁ + b_hn)) (Keras `reset_after=False`
    /// when the weights say so: n = tanh(W_in·x + b_in + W_hn·(r⊙h₋₁) + b_hn)); a vanilla RNN's
    /// h = tanh(W·x + U·h₋₁ + b) with its three parts; LSTM peepholes as p⊙c terms in i, f and o.
    /// Empty when the weights are not known (the trace alone cannot split the sums).
    func variantEquationLines(_ explanation: UnitExplanation) -> [StyledText] {
        let d = state.decimals
        func n(_ v: Float) -> String { NumberFormat.fixed(v, d) }
        func term(_ v: Float) -> String { NumberFormat.term(v, d) }
        func part(_ symbol: String) -> PreactivationParts? { explanation.terms.first { $0.symbol == symbol }?.parts }
        let unit = explanation.unit
        var lines: [StyledText] = []
        switch state.weights {
        case .gru(let w)?:
            lines.append(StyledText(w.resetAfter ? "equations · PyTorch GRU (reset after W_hn·h)"
                                                 : "equations · Keras GRU reset_after=False (reset before W_hn)", ExplorerTheme.title))
            for symbol in ["r", "z"] {
                guard let p = part(symbol), let value = explanation.value(symbol) else { continue }
                var line = StyledText("\(symbol) = σ(W_i\(symbol)·x + W_h\(symbol)·h₋₁ + b) = σ(\(n(p.input)) + \(term(p.recurrent)) + \(term(p.bias))) = ")
                line.add(n(value), ExplorerTheme.title)
                lines.append(line)
            }
            if let p = part("n"), let value = explanation.value("n"), let r = explanation.value("r") {
                let bHN = unit + 2 * w.hiddenSize < w.recurrentBias.count ? w.recurrentBias[2 * w.hiddenSize + unit] : 0
                if w.resetAfter {
                    let inner = layer.value(SeriesName.candidateRecurrent, step: state.step, unit: unit) ?? (r == 0 ? 0 : p.recurrent / r)
                    lines.append(StyledText("n = tanh(W_in·x + b_in + r·(W_hn·h₋₁ + b_hn))"))
                    var line = StyledText("  = tanh(\(n(p.input)) + \(term(p.bias)) + \(n(r))·(\(n(inner - bHN)) + \(term(bHN)))) = ")
                    line.add(n(value), ExplorerTheme.title)
                    lines.append(line)
                } else {
                    lines.append(StyledText("n = tanh(W_in·x + b_in + W_hn·(r⊙h₋₁) + b_hn)"))
                    var line = StyledText("  = tanh(\(n(p.input)) + \(term(p.bias)) + \(term(p.recurrent - bHN)) + \(term(bHN))) = ")
                    line.add(n(value), ExplorerTheme.title)
                    lines.append(line)
                }
            }
            if let belt = explanation.belt {
                var line = StyledText("h: \(n(belt.previous)) ─×z \(n(belt.keepFactor))→ kept \(n(belt.kept)) ─+(1−z)·n \(term(belt.written))→ ")
                line.add(n(belt.next), ExplorerTheme.title)
                lines.append(line)
            }
        case .rnn?:
            guard let p = part("h"), let value = explanation.hidden else { return [] }
            let function = layer.kind == .rnnRelu ? "relu" : "tanh"
            lines.append(StyledText("h = \(function)(W·x + U·h₋₁ + b)", ExplorerTheme.title))
            var line = StyledText("  = \(function)(\(n(p.input)) + \(term(p.recurrent)) + \(term(p.bias))) = \(function)(\(n(p.total))) = ")
            line.add(n(value), ExplorerTheme.title)
            lines.append(line)
            lines.append(StyledText("    input W·x \(n(p.input)) · past U·h₋₁ \(n(p.recurrent)) · bias b \(n(p.bias))", ExplorerTheme.dim))
        case .lstm(let w)?:
            guard let peepholes = w.peepholes else { return [] }
            let previousStep = layer.isReverse ? state.step + 1 : state.step - 1
            let previousCell = layer.value(SeriesName.cell, step: previousStep, unit: unit) ?? 0
            lines.append(StyledText("equations · peephole LSTM (gates see the cell)", ExplorerTheme.title))
            for (symbol, row, cellName, cellValue) in [("i", 0, "c₋₁", previousCell), ("f", 1, "c₋₁", previousCell),
                                                       ("o", 2, "c", explanation.cell ?? 0)] {
                guard let p = part(symbol), let value = explanation.value(symbol), unit < peepholes.columns else { continue }
                let weight = peepholes[row, unit]
                lines.append(StyledText("\(symbol) = σ(W·x + U·h₋₁ + p_\(symbol)⊙\(cellName) + b)"))
                var line = StyledText("  = σ(\(n(p.input)) + \(term(p.recurrent)) + \(n(weight))·\(term(cellValue)) + \(term(p.bias))) = ")
                line.add(n(value), ExplorerTheme.title)
                lines.append(line)
            }
        case nil:
            return []
        }
        return lines
    }
}

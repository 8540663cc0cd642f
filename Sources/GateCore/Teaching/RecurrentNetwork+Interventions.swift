extension RecurrentNetwork {
    /// Checks that every edit names a layer, direction, unit and gate this network has.
    public func check(_ interventions: [Intervention], steps: Int) throws(ShapeError) {
        for edit in interventions {
            guard edit.layer >= 0, edit.layer < layers.count else {
                throw ShapeError("what-if: layer \(edit.layer + 1) is outside the \(layers.count) layers")
            }
            let direction = edit.isReverse ? 1 : 0
            guard direction < layers[edit.layer].count else {
                throw ShapeError("what-if: layer \(edit.layer + 1) has no reverse direction")
            }
            let weights = layers[edit.layer][direction]
            guard edit.unit >= 0, edit.unit < weights.hiddenSize else {
                throw ShapeError("what-if: unit \(edit.unit + 1) is outside the \(weights.hiddenSize) units")
            }
            guard Intervention.gateIndex(of: edit.gate, in: weights.kind) != nil else {
                throw ShapeError("what-if: a \(weights.kind.displayName) has no gate '\(edit.gate)'")
            }
            if case .clamp(_, let step?) = edit.action, step < 0 || step >= steps {
                throw ShapeError("what-if: step \(step + 1) is outside the \(steps) steps")
            }
            if case .clamp = edit.action, weights.kind == .rnnTanh || weights.kind == .rnnRelu {
                throw ShapeError("what-if: a plain RNN has no gate to clamp; shift its bias instead")
            }
        }
    }

    /// The network with every `shiftBias` edit applied to its `bias_ih`.
    public func applyingBiasShifts(_ interventions: [Intervention]) -> RecurrentNetwork {
        var result = self
        for edit in interventions {
            guard case .shiftBias(let amount) = edit.action else { continue }
            let direction = edit.isReverse ? 1 : 0
            let weights = result.layers[edit.layer][direction]
            guard let gate = Intervention.gateIndex(of: edit.gate, in: weights.kind) else { continue }
            let row = gate * weights.hiddenSize + edit.unit
            switch weights {
            case .lstm(var w): w.inputBias[row] += amount; result.layers[edit.layer][direction] = .lstm(w)
            case .gru(var w): w.inputBias[row] += amount; result.layers[edit.layer][direction] = .gru(w)
            case .rnn(var w): w.inputBias[row] += amount; result.layers[edit.layer][direction] = .rnn(w)
            }
        }
        return result
    }

    /// Runs the network with what-if edits applied. With `original` (this network's unedited trace of
    /// the same input), a forward direction whose input and weights are unchanged before some step
    /// starts there from the original's state instead of from step 1, and untouched layers are reused.
    public func run(_ input: Matrix, tokens: [Int]? = nil, interventions: [Intervention],
                    reusing original: NetworkTrace? = nil) throws(ShapeError) -> NetworkTrace {
        try checkInput(input)
        try check(interventions, steps: input.rows)
        let edited = applyingBiasShifts(interventions)
        let steps = input.rows
        var trace = NetworkTrace(input: input, tokens: tokens, layers: [])
        var current = input
        var inputChangedFrom = 0  // first row of the current layer's input that may differ from the original
        if original != nil { inputChangedFrom = steps }
        for (index, directions) in edited.layers.enumerated() {
            var outputs: [Matrix] = []
            var outputChangedFrom = steps
            for (direction, weights) in directions.enumerated() {
                let reverse = isReverse(direction: direction)
                let start0 = initialState(layer: index, direction: direction)
                let mine = interventions.filter { $0.layer == index && $0.isReverse == reverse }
                let biasShifted = mine.contains { if case .shiftBias = $0.action { true } else { false } }
                let gate = { (edit: Intervention) in Intervention.gateIndex(of: edit.gate, in: weights.kind) ?? 0 }
                var clamps: [GateClamp] = []
                for edit in mine {
                    if case .clamp(let value, let step) = edit.action {
                        clamps.append(GateClamp(gate: gate(edit), unit: edit.unit, step: step, value: value))
                    }
                }
                let before = original?.layer(index, reverse: reverse)
                var series: [String: Matrix]
                if let before, !biasShifted, !reverse {
                    let firstClamp = clamps.map { $0.step ?? 0 }.min() ?? steps
                    let start = min(inputChangedFrom, firstClamp)
                    if start >= steps {
                        series = before.series
                    } else {
                        let initial = start == 0 ? start0 : Self.state(of: before, at: start - 1)
                        let shifted = clamps.map { c in
                            GateClamp(gate: c.gate, unit: c.unit, step: c.step.map { $0 - start }, value: c.value)
                        }.filter { $0.step.map { $0 >= 0 } ?? true }
                        let tail = weights.clampedRun(current.rows(start..<steps), reverse: false, from: initial,
                                                      clamps: shifted)
                        series = Self.splice(before.series, tail.series, at: start)
                    }
                } else if let before, !biasShifted, reverse, inputChangedFrom >= steps, clamps.isEmpty {
                    series = before.series
                } else {
                    series = weights.clampedRun(current, reverse: reverse, from: start0, clamps: clamps).series
                }
                let hidden = series[SeriesName.hidden] ?? Matrix(rows: steps, columns: weights.outputSize)
                if let before {
                    outputChangedFrom = min(outputChangedFrom, Self.firstDifferingRow(hidden, before.hidden))
                } else {
                    outputChangedFrom = 0
                }
                trace.layers.append(LayerTrace(layer: index, isReverse: reverse, kind: weights.kind, series: series))
                outputs.append(hidden)
            }
            inputChangedFrom = outputChangedFrom
            current = outputs.count == 1 ? outputs[0] : Self.concatenateColumns(outputs)
        }
        if let head = edited.head { trace.output = head.apply(to: current) }
        return trace
    }

    /// The state a layer carried after row `row` of its trace.
    static func state(of layer: LayerTrace, at row: Int) -> RecurrentState {
        let hidden = layer.hidden.row(row)
        guard layer.kind == .lstm, let cell = layer.series[SeriesName.cell] else { return RecurrentState(hidden: hidden) }
        return RecurrentState(hidden: hidden, cell: cell.row(row))
    }

    /// `head`'s rows before `start`, then `tail`'s rows, for every series `tail` has.
    static func splice(_ head: [String: Matrix], _ tail: [String: Matrix], at start: Int) -> [String: Matrix] {
        var result: [String: Matrix] = [:]
        for (name, rest) in tail {
            guard let first = head[name] else { result[name] = rest; continue }
            var joined = first.rows(0..<start)
            joined.appendRows(rest)
            result[name] = joined
        }
        return result
    }

    /// The first row where `a` and `b` differ (their row count when none does).
    static func firstDifferingRow(_ a: Matrix, _ b: Matrix) -> Int {
        guard a.rows == b.rows, a.columns == b.columns else { return 0 }
        let width = max(1, a.columns)
        for index in a.values.indices where a.values[index] != b.values[index] { return index / width }
        return a.rows
    }
}

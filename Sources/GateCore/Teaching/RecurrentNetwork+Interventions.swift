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
    /// the same input), rows that cannot have changed are taken from it: a forward direction starts
    /// computing at the first step its edits or the layer below may change (``EditPlan``), from the
    /// original's state there, and untouched directions are reused whole. Values are bit-identical to
    /// ``EditedCheckpointedRun``'s, which follows the same plans chunk by chunk.
    public func run(_ input: Matrix, tokens: [Int]? = nil, interventions: [Intervention],
                    reusing original: NetworkTrace? = nil) throws(ShapeError) -> NetworkTrace {
        try checkInput(input)
        try check(interventions, steps: input.rows)
        let original = original.flatMap { $0.steps == input.rows && $0.layers.count == layers.reduce(0) { $0 + $1.count } ? $0 : nil }
        let edited = applyingBiasShifts(interventions)
        let steps = input.rows
        let plans = EditPlan.plans(network: self, interventions: interventions, steps: steps, reusing: original != nil)
        var trace = NetworkTrace(input: input, tokens: tokens, layers: [])
        var current = input
        for (index, directions) in edited.layers.enumerated() {
            var outputs: [Matrix] = []
            for (direction, weights) in directions.enumerated() {
                let reverse = isReverse(direction: direction)
                let plan = plans[index][direction]
                let start0 = initialState(layer: index, direction: direction)
                let before = original?.layer(index, reverse: reverse)
                var series: [String: Matrix]
                switch plan.source {
                case .original where before != nil:
                    series = before!.series
                case .reference where !reverse && plan.from > 0 && before != nil:
                    let tail = weights.referenceClampedRun(current.rows(plan.from..<steps), reverse: false,
                                                           from: Self.state(of: before!, at: plan.from - 1),
                                                           clamps: plan.clamps(in: plan.from..<steps))
                    series = Self.splice(before!.series, tail.series, at: plan.from)
                case .reference:
                    series = weights.referenceClampedRun(current, reverse: reverse, from: start0, clamps: plan.clamps).series
                case .original, .kernels:
                    series = weights.run(current, reverse: reverse, from: start0).series
                }
                let hidden = series[SeriesName.hidden] ?? Matrix(rows: steps, columns: weights.outputSize)
                trace.layers.append(LayerTrace(layer: index, isReverse: reverse, kind: weights.kind, series: series))
                outputs.append(hidden)
            }
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
}

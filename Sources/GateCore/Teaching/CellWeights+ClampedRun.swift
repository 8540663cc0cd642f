extension CellWeights {
    /// Runs this layer and direction like `run`, with some gates pinned to values. Without clamps this
    /// is `run` itself (the fast path); with clamps, a Swift step loop with PyTorch's equations (its
    /// products by the fast mat-vec kernel, one row at a time: a row's values do not depend on where
    /// the rows run start, so a run cut into chunks gives the same values).
    func clampedRun(_ inputs: Matrix, reverse: Bool, from initial: RecurrentState?, clamps: [GateClamp]) -> LayerRun {
        if clamps.isEmpty { return run(inputs, reverse: reverse, from: initial) }
        switch self {
        case .lstm(let w): return w.clampedRun(inputs, reverse: reverse, from: initial, clamps: clamps)
        case .gru(let w): return w.clampedRun(inputs, reverse: reverse, from: initial, clamps: clamps)
        case .rnn: return run(inputs, reverse: reverse, from: initial)
        }
    }
}

extension [String: Matrix] {
    /// Adds each gate in `names` and its pre-activation as `rows × columns` series (a clamped run's
    /// gate values, in the order of `names`).
    mutating func addGates(_ names: [String], values: [[Float]], preactivations: [[Float]], rows: Int, columns: Int) {
        for (k, name) in names.enumerated() {
            self[name] = Matrix(rows: rows, columns: columns, values: values[k])
            self[SeriesName.preactivation(name)] = Matrix(rows: rows, columns: columns, values: preactivations[k])
        }
    }
}

extension CellWeights {
    /// The reference loop with `clamps` pinned, even when none falls in `inputs` (a chunk of a clamped
    /// run past its clamps is computed the way the whole run computes it); a plain RNN, which has
    /// no gate to clamp, runs the kernels.
    func referenceClampedRun(_ inputs: Matrix, reverse: Bool, from initial: RecurrentState?, clamps: [GateClamp]) -> LayerRun {
        switch self {
        case .lstm(let w): w.clampedRun(inputs, reverse: reverse, from: initial, clamps: clamps)
        case .gru(let w): w.clampedRun(inputs, reverse: reverse, from: initial, clamps: clamps)
        case .rnn: run(inputs, reverse: reverse, from: initial)
        }
    }
}

extension CellWeights {
    /// Y[t] = W X[t] + b one row at a time by the mat-vec kernel: unlike the sequence kernels, whose
    /// path depends on how many rows they are given, each row's values depend on that row alone.
    static func projectRows(weights: Matrix, bias: [Float], inputs: Matrix) -> Matrix {
        var result = Matrix(rows: inputs.rows, columns: weights.rows)
        guard weights.columns > 0 else {
            for t in 0..<inputs.rows { result.setRow(t, bias) }
            return result
        }
        for t in 0..<inputs.rows {
            var y = bias
            Kernels.matVecAccumulate(weights, inputs.row(t), into: &y)
            result.setRow(t, y)
        }
        return result
    }
}

extension CellWeights {
    /// Walks `steps` rows in reading order (backward when `reverse`): `step(t)` for each row where
    /// `pinned(t)`, `kernel(low, count)` for each run of rows `low..<low + count` between them.
    static func walk(steps: Int, reverse: Bool, pinned: (Int) -> Bool, step: (Int) -> Void, kernel: (Int, Int) -> Void) {
        var position = 0
        while position < steps {
            let t = reverse ? steps - 1 - position : position
            if pinned(t) {
                step(t)
                position += 1
                continue
            }
            var end = position + 1
            while end < steps && !pinned(reverse ? steps - 1 - end : end) { end += 1 }
            kernel(reverse ? steps - end : position, end - position)
            position = end
        }
    }
}

extension GRUWeights {
    /// The step loop of `referenceRun` (the fast mat-vec kernel for the products) with gates pinned by `clamps` (r, z or the candidate n).
    func clampedRun(_ inputs: Matrix, reverse: Bool, from initial: RecurrentState?, clamps: [GateClamp]) -> LayerRun {
        let steps = inputs.rows, h = hiddenSize
        let projected = CellWeights.projectRows(weights: inputWeights, bias: inputBias, inputs: inputs)
        var pre = [[Float]](repeating: [Float](repeating: 0, count: steps * h), count: 3)
        var values = pre
        var recurrentTerm = [Float](repeating: 0, count: steps * h), hiddenSeries = recurrentTerm
        var hidden = (initial ?? RecurrentState.zero(for: .gru(self))).hidden
        var gates = [Float](repeating: 0, count: 3 * h)
        var term = [Float](repeating: 0, count: h), resetHidden = term, resets = term
        for s in 0..<steps {
            let t = reverse ? steps - 1 - s : s
            let base = t * 3 * h
            for k in 0..<(3 * h) { gates[k] = recurrentBias[k] }
            if resetAfter {
                Kernels.matVecAccumulate(recurrentWeights, hidden, into: &gates)
            } else {
                Kernels.matVecAccumulate(recurrentWeights, hidden, into: &gates, rowOffset: 0, rowCount: 2 * h)
            }
            var updates = term
            for j in 0..<h {
                let zr = projected.values[base + j] + gates[j]
                let zz = projected.values[base + h + j] + gates[h + j]
                pre[0][t * h + j] = zr
                pre[1][t * h + j] = zz
                resets[j] = GateClamp.value(Activation.sigmoid(zr), gate: 0, unit: j, row: t, in: clamps)
                updates[j] = GateClamp.value(Activation.sigmoid(zz), gate: 1, unit: j, row: t, in: clamps)
            }
            if resetAfter {
                for j in 0..<h { term[j] = gates[2 * h + j] }
            } else {
                for j in 0..<h { resetHidden[j] = resets[j] * hidden[j]; term[j] = recurrentBias[2 * h + j] }
                Kernels.matVecAccumulate(recurrentWeights, resetHidden, into: &term, rowOffset: 2 * h, rowCount: h)
            }
            for j in 0..<h {
                let zn = resetAfter ? projected.values[base + 2 * h + j] + resets[j] * term[j]
                    : projected.values[base + 2 * h + j] + term[j]
                let n = GateClamp.value(Activation.tanh(zn), gate: 2, unit: j, row: t, in: clamps)
                let next = (1 - updates[j]) * n + updates[j] * hidden[j]
                hidden[j] = next
                let index = t * h + j
                pre[2][index] = zn
                values[0][index] = resets[j]; values[1][index] = updates[j]; values[2][index] = n
                recurrentTerm[index] = term[j]
                hiddenSeries[index] = next
            }
        }
        let names = [SeriesName.resetGate, SeriesName.updateGate, SeriesName.candidate]
        var series: [String: Matrix] = [
            SeriesName.hidden: Matrix(rows: steps, columns: h, values: hiddenSeries),
            SeriesName.candidateRecurrent: Matrix(rows: steps, columns: h, values: recurrentTerm),
        ]
        series.addGates(names, values: values, preactivations: pre, rows: steps, columns: h)
        return LayerRun(series: series, finalState: RecurrentState(hidden: hidden))
    }
}

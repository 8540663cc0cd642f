extension LSTMWeights {
    /// The step loop of `referenceRun` (the fast mat-vec kernel for the products) with gates pinned by `clamps` (peepholes, projection, clip and coupling honoured).
    func clampedRun(_ inputs: Matrix, reverse: Bool, from initial: RecurrentState?, clamps: [GateClamp]) -> LayerRun {
        let steps = inputs.rows, h = hiddenSize, out = outputSize
        let projected = CellWeights.projectRows(weights: inputWeights, bias: combinedBias, inputs: inputs)
        var pre = [[Float]](repeating: [Float](repeating: 0, count: steps * h), count: 4)
        var gates = pre
        var cellSeries = [Float](repeating: 0, count: steps * h), unprojected = cellSeries
        var hiddenSeries = [Float](repeating: 0, count: steps * out)
        let start = initial ?? RecurrentState.zero(for: .lstm(self))
        var hidden = start.hidden, cell = start.cell
        var z = [Float](repeating: 0, count: 4 * h), full = [Float](repeating: 0, count: h)
        let limit = clip ?? .infinity
        func pin(_ v: Float, _ gate: Int, _ j: Int, _ t: Int) -> Float {
            GateClamp.value(v, gate: gate, unit: j, row: t, in: clamps)
        }
        for s in 0..<steps {
            let t = reverse ? steps - 1 - s : s
            for k in 0..<(4 * h) { z[k] = projected.values[t * 4 * h + k] }
            Kernels.matVecAccumulate(recurrentWeights, hidden, into: &z)
            for j in 0..<h {
                var zi = z[j], zf = z[h + j], zg = z[2 * h + j], zo = z[3 * h + j]
                if let peepholes {
                    zi += peepholes[0, j] * cell[j]
                    zf += peepholes[1, j] * cell[j]
                }
                if clip != nil {
                    zi = min(max(zi, -limit), limit); zf = min(max(zf, -limit), limit); zg = min(max(zg, -limit), limit)
                }
                let i = pin(Activation.sigmoid(zi), 0, j, t)
                let f = pin(couplesInputAndForget ? 1 - i : Activation.sigmoid(zf), 1, j, t)
                let g = pin(Activation.tanh(zg), 2, j, t)
                let c = f * cell[j] + i * g
                if let peepholes { zo += peepholes[2, j] * c }
                if clip != nil { zo = min(max(zo, -limit), limit) }
                let o = pin(Activation.sigmoid(zo), 3, j, t)
                let hv = o * Activation.tanh(c)
                cell[j] = c
                full[j] = hv
                let index = t * h + j
                pre[0][index] = zi; pre[1][index] = zf; pre[2][index] = zg; pre[3][index] = zo
                gates[0][index] = i; gates[1][index] = f; gates[2][index] = g; gates[3][index] = o
                cellSeries[index] = c; unprojected[index] = hv
            }
            project(full, into: &hidden, series: &hiddenSeries, step: t)
        }
        let names = [SeriesName.inputGate, SeriesName.forgetGate, SeriesName.cellCandidate, SeriesName.outputGate]
        var series: [String: Matrix] = [
            SeriesName.cell: Matrix(rows: steps, columns: h, values: cellSeries),
            SeriesName.hidden: Matrix(rows: steps, columns: out, values: hiddenSeries),
        ]
        series.addGates(names, values: gates, preactivations: pre, rows: steps, columns: h)
        if projection != nil {
            series[SeriesName.hiddenBeforeProjection] = Matrix(rows: steps, columns: h, values: unprojected)
        }
        return LayerRun(series: series, finalState: RecurrentState(hidden: hidden, cell: cell))
    }
}

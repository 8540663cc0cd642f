extension LSTMWeights {
    /// The plain Swift version of `run`, kept as the reference the fast path is tested against.
    public func referenceRun(_ inputs: Matrix, reverse: Bool = false, from initial: RecurrentState? = nil) -> LayerRun {
        let steps = inputs.rows, h = hiddenSize, width = 4 * h, out = outputSize
        let projected = Kernels.plainProjectSequence(weights: inputWeights, bias: combinedBias, inputs: inputs)

        var inputPre = [Float](repeating: 0, count: steps * h)
        var forgetPre = inputPre, candidatePre = inputPre, outputPre = inputPre
        var inputGate = inputPre, forgetGate = inputPre, candidate = inputPre, outputGate = inputPre
        var cellSeries = inputPre, unprojected = inputPre
        var hiddenSeries = [Float](repeating: 0, count: steps * out)

        let start = initial ?? RecurrentState.zero(for: .lstm(self))
        var hidden = start.hidden, cell = start.cell
        var z = [Float](repeating: 0, count: width)
        var full = [Float](repeating: 0, count: h)
        // As in the C kernel and ONNX: a clip of 0 or less means no clipping.
        let clips = (clip ?? 0) > 0
        let limit = clip ?? .infinity
        let peep = peepholes?.values

        for s in 0..<steps {
            let t = reverse ? steps - 1 - s : s
            let base = t * width
            for k in 0..<width { z[k] = projected.values[base + k] }
            Kernels.plainMatVecAccumulate(recurrentWeights, hidden, into: &z)
            let row = t * h
            for j in 0..<h {
                var zi = z[j], zf = z[h + j], zg = z[2 * h + j], zo = z[3 * h + j]
                if let peep {
                    zi += peep[j] * cell[j]
                    zf += peep[h + j] * cell[j]
                }
                if clips {
                    zi = min(max(zi, -limit), limit)
                    zf = min(max(zf, -limit), limit)
                    zg = min(max(zg, -limit), limit)
                }
                let i = Activation.sigmoid(zi)
                let f = couplesInputAndForget ? 1 - i : Activation.sigmoid(zf)
                let g = Activation.tanh(zg)
                let c = f * cell[j] + i * g
                if let peep { zo += peep[2 * h + j] * c }
                if clips { zo = min(max(zo, -limit), limit) }
                let o = Activation.sigmoid(zo)
                let hv = o * Activation.tanh(c)
                cell[j] = c
                full[j] = hv
                inputPre[row + j] = zi; forgetPre[row + j] = zf
                candidatePre[row + j] = zg; outputPre[row + j] = zo
                inputGate[row + j] = i; forgetGate[row + j] = f
                candidate[row + j] = g; outputGate[row + j] = o
                cellSeries[row + j] = c; unprojected[row + j] = hv
            }
            project(full, into: &hidden, series: &hiddenSeries, step: t)
        }

        var series: [String: Matrix] = [
            SeriesName.inputGate: Matrix(rows: steps, columns: h, values: inputGate),
            SeriesName.forgetGate: Matrix(rows: steps, columns: h, values: forgetGate),
            SeriesName.cellCandidate: Matrix(rows: steps, columns: h, values: candidate),
            SeriesName.outputGate: Matrix(rows: steps, columns: h, values: outputGate),
            SeriesName.cell: Matrix(rows: steps, columns: h, values: cellSeries),
            SeriesName.hidden: Matrix(rows: steps, columns: out, values: hiddenSeries),
            SeriesName.preactivation(SeriesName.inputGate): Matrix(rows: steps, columns: h, values: inputPre),
            SeriesName.preactivation(SeriesName.forgetGate): Matrix(rows: steps, columns: h, values: forgetPre),
            SeriesName.preactivation(SeriesName.cellCandidate): Matrix(rows: steps, columns: h, values: candidatePre),
            SeriesName.preactivation(SeriesName.outputGate): Matrix(rows: steps, columns: h, values: outputPre),
        ]
        if projection != nil {
            series[SeriesName.hiddenBeforeProjection] = Matrix(rows: steps, columns: h, values: unprojected)
        }
        return LayerRun(series: series, finalState: RecurrentState(hidden: hidden, cell: cell))
    }
}

extension LSTMWeights {
    /// Sets `hidden` to `full` through the projection (or to `full` itself without one) and writes it as
    /// row `step` of `series` (`outputSize` columns): the last move of every reference-style step.
    func project(_ full: [Float], into hidden: inout [Float], series: inout [Float], step: Int) {
        let out = outputSize
        if let projection {
            for k in 0..<out { hidden[k] = 0 }
            Kernels.plainMatVecAccumulate(projection, full, into: &hidden)
        } else {
            hidden = full
        }
        for k in 0..<out { series[step * out + k] = hidden[k] }
    }
}

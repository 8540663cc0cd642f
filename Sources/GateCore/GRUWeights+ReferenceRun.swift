extension GRUWeights {
    /// The plain Swift version of `run`, kept as the reference the fast path is tested against.
    public func referenceRun(_ inputs: Matrix, reverse: Bool = false, from initial: RecurrentState? = nil) -> LayerRun {
        let steps = inputs.rows, h = hiddenSize, width = 3 * h
        let projected = Kernels.plainProjectSequence(weights: inputWeights, bias: inputBias, inputs: inputs)

        var resetPre = [Float](repeating: 0, count: steps * h)
        var updatePre = resetPre, candidatePre = resetPre, recurrentTerm = resetPre
        var resetGate = resetPre, updateGate = resetPre, candidate = resetPre, hiddenSeries = resetPre

        var hidden = (initial ?? RecurrentState.zero(for: .gru(self))).hidden
        var gates = [Float](repeating: 0, count: width)
        var term = [Float](repeating: 0, count: h)
        var resetHidden = [Float](repeating: 0, count: h)
        let candidateBias = Array(recurrentBias[(2 * h)...])

        for s in 0..<steps {
            let t = reverse ? steps - 1 - s : s
            let base = t * width, row = t * h
            for k in 0..<width { gates[k] = recurrentBias[k] }
            if resetAfter {
                Kernels.plainMatVecAccumulate(recurrentWeights, hidden, into: &gates)
            } else {
                Kernels.plainMatVecAccumulate(recurrentWeights, hidden, into: &gates, rowOffset: 0, rowCount: 2 * h)
            }
            var resets = [Float](repeating: 0, count: h)
            for j in 0..<h {
                let zr = projected.values[base + j] + gates[j]
                let zz = projected.values[base + h + j] + gates[h + j]
                resetPre[row + j] = zr
                updatePre[row + j] = zz
                resets[j] = Activation.sigmoid(zr)
                resetGate[row + j] = resets[j]
                updateGate[row + j] = Activation.sigmoid(zz)
            }
            if resetAfter {
                for j in 0..<h { term[j] = gates[2 * h + j] }
            } else {
                for j in 0..<h { resetHidden[j] = resets[j] * hidden[j]; term[j] = candidateBias[j] }
                Kernels.plainMatVecAccumulate(recurrentWeights, resetHidden, into: &term, rowOffset: 2 * h, rowCount: h)
            }
            for j in 0..<h {
                let zn = resetAfter
                    ? projected.values[base + 2 * h + j] + resets[j] * term[j]
                    : projected.values[base + 2 * h + j] + term[j]
                let n = Activation.tanh(zn)
                let z = updateGate[row + j]
                let next = (1 - z) * n + z * hidden[j]
                hidden[j] = next
                candidatePre[row + j] = zn
                recurrentTerm[row + j] = term[j]
                candidate[row + j] = n
                hiddenSeries[row + j] = next
            }
        }

        let series: [String: Matrix] = [
            SeriesName.resetGate: Matrix(rows: steps, columns: h, values: resetGate),
            SeriesName.updateGate: Matrix(rows: steps, columns: h, values: updateGate),
            SeriesName.candidate: Matrix(rows: steps, columns: h, values: candidate),
            SeriesName.hidden: Matrix(rows: steps, columns: h, values: hiddenSeries),
            SeriesName.preactivation(SeriesName.resetGate): Matrix(rows: steps, columns: h, values: resetPre),
            SeriesName.preactivation(SeriesName.updateGate): Matrix(rows: steps, columns: h, values: updatePre),
            SeriesName.preactivation(SeriesName.candidate): Matrix(rows: steps, columns: h, values: candidatePre),
            SeriesName.candidateRecurrent: Matrix(rows: steps, columns: h, values: recurrentTerm),
        ]
        return LayerRun(series: series, finalState: RecurrentState(hidden: hidden))
    }
}

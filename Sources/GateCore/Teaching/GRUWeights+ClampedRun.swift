extension GRUWeights {
    /// The run with gates pinned by `clamps` (r, z or the candidate n): steps where no clamp applies run
    /// in the C kernels as ``run(_:reverse:from:)`` does (PyTorch's reset-after form; Keras'
    /// `reset_after=False` runs every step in Swift, as its run does), a step where one applies runs
    /// in Swift with the pinned values. The input projection is made one row at a time, so a run cut
    /// into chunks gives the same values.
    func clampedRun(_ inputs: Matrix, reverse: Bool, from initial: RecurrentState?, clamps: [GateClamp]) -> LayerRun {
        let steps = inputs.rows, h = hiddenSize, width = 3 * h
        let projected = CellWeights.projectRows(weights: inputWeights, bias: inputBias, inputs: inputs)
        let series = (0..<8).map { _ in UnsafeMutablePointer<Float>.allocate(capacity: max(1, steps * h)) }
        let state = UnsafeMutablePointer<Float>.allocate(capacity: max(1, h))
        defer {
            for buffer in series { buffer.deallocate() }
            state.deallocate()
        }
        for (k, value) in (initial ?? RecurrentState.zero(for: .gru(self))).hidden.enumerated() { state[k] = value }
        let pinned = { (t: Int) in !self.resetAfter || clamps.contains { $0.step == nil || $0.step == t } }
        projected.values.withUnsafeBufferPointer { pre in
            guard let pre = pre.baseAddress, steps > 0 else { return }
            CellWeights.walk(steps: steps, reverse: reverse, pinned: pinned, step: { t in
                clampedStep(pre + t * width, row: t, clamps: clamps, state: state, series: series.map { $0 + t * h })
            }, kernel: { low, count in
                runSteps(projected: pre + low * width, steps: count, reverse: reverse, state: state,
                         series: series.map { $0 + low * h })
            })
        }
        var result: [String: Matrix] = [:]
        for (k, name) in Self.kernelSeriesOrder.enumerated() {
            result[name] = Matrix(rows: steps, columns: h, values: Array(UnsafeBufferPointer(start: series[k], count: steps * h)))
        }
        return LayerRun(series: result, finalState: RecurrentState(hidden: Array(UnsafeBufferPointer(start: state, count: h))))
    }

    /// One step at row `row` with the clamps that apply there: `projected` is the row's W x + b_ih, the
    /// hidden state is read and updated in place, and the row of each series (``kernelSeriesOrder``) is written.
    private func clampedStep(_ projected: UnsafePointer<Float>, row t: Int, clamps: [GateClamp],
                             state: UnsafeMutablePointer<Float>, series: [UnsafeMutablePointer<Float>]) {
        let h = hiddenSize
        let hidden = Array(UnsafeBufferPointer(start: state, count: h))
        var gates = recurrentBias
        if resetAfter {
            Kernels.matVecAccumulate(recurrentWeights, hidden, into: &gates)
        } else {
            Kernels.matVecAccumulate(recurrentWeights, hidden, into: &gates, rowOffset: 0, rowCount: 2 * h)
        }
        var resets = [Float](repeating: 0, count: h), updates = resets, term = resets
        for j in 0..<h {
            let zr = projected[j] + gates[j], zz = projected[h + j] + gates[h + j]
            series[0][j] = zr
            series[1][j] = zz
            resets[j] = GateClamp.value(Activation.sigmoid(zr), gate: 0, unit: j, row: t, in: clamps)
            updates[j] = GateClamp.value(Activation.sigmoid(zz), gate: 1, unit: j, row: t, in: clamps)
        }
        if resetAfter {
            for j in 0..<h { term[j] = gates[2 * h + j] }
        } else {
            var resetHidden = term
            for j in 0..<h { resetHidden[j] = resets[j] * hidden[j]; term[j] = recurrentBias[2 * h + j] }
            Kernels.matVecAccumulate(recurrentWeights, resetHidden, into: &term, rowOffset: 2 * h, rowCount: h)
        }
        for j in 0..<h {
            let zn = resetAfter ? projected[2 * h + j] + resets[j] * term[j] : projected[2 * h + j] + term[j]
            let n = GateClamp.value(Activation.tanh(zn), gate: 2, unit: j, row: t, in: clamps)
            let next = (1 - updates[j]) * n + updates[j] * hidden[j]
            state[j] = next
            series[2][j] = zn; series[3][j] = term[j]
            series[4][j] = resets[j]; series[5][j] = updates[j]; series[6][j] = n; series[7][j] = next
        }
    }
}

import CGateKernels

extension LSTMWeights {
    /// The run with gates pinned by `clamps` (peepholes, projection, clip and coupling honoured): steps
    /// where no clamp applies run in the C kernels as ``run(_:reverse:from:)`` does, a step where one
    /// applies runs in Swift with PyTorch's equations and the pinned values. The input projection is
    /// made one row at a time (``CellWeights/projectRows(weights:bias:inputs:)``), so each row's values
    /// do not depend on where the rows given start: a run cut into chunks gives the same values.
    func clampedRun(_ inputs: Matrix, reverse: Bool, from initial: RecurrentState?, clamps: [GateClamp]) -> LayerRun {
        let steps = inputs.rows, h = hiddenSize, out = outputSize, width = 4 * h, kinds = seriesKinds
        let projected = CellWeights.projectRows(weights: inputWeights, bias: combinedBias, inputs: inputs)
        let start = initial ?? RecurrentState.zero(for: .lstm(self))
        let series = (0..<kinds).map { _ in UnsafeMutablePointer<Float>.allocate(capacity: max(1, steps * h)) }
        let hiddenOut = UnsafeMutablePointer<Float>.allocate(capacity: max(1, steps * out))
        let state = UnsafeMutablePointer<Float>.allocate(capacity: max(1, out))
        let cell = UnsafeMutablePointer<Float>.allocate(capacity: max(1, h))
        let unprojected = UnsafeMutablePointer<Float>.allocate(capacity: max(1, h))
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: max(1, h))
        defer {
            for buffer in series { buffer.deallocate() }
            for buffer in [hiddenOut, state, cell, unprojected, scratch] { buffer.deallocate() }
        }
        for (k, value) in start.hidden.enumerated() { state[k] = value }
        for (k, value) in start.cell.enumerated() { cell[k] = value }
        unprojected.initialize(repeating: 0, count: max(1, h))
        scratch.initialize(repeating: 0, count: max(1, h))
        let pinned = { (t: Int) in clamps.contains { $0.step == nil || $0.step == t } }
        projected.values.withUnsafeBufferPointer { pre in
            guard let pre = pre.baseAddress, steps > 0 else { return }
            // Runs of unclamped rows in the kernels, each clamped row in Swift.
            CellWeights.walk(steps: steps, reverse: reverse, pinned: pinned, step: { t in
                clampedStep(pre + t * width, row: t, clamps: clamps, state: state, cell: cell, unprojected: unprojected,
                            series: series.map { $0 + t * h }, hidden: hiddenOut + t * out)
            }, kernel: { low, count in
                runSteps(projected: pre + low * width, steps: count, reverse: reverse, state: state, cell: cell,
                         unprojected: unprojected, series: series.map { $0 + low * h }, scratch: scratch,
                         hiddenOut: hiddenOut + low * out)
            })
        }
        var result: [String: Matrix] = [:]
        for k in 0..<kinds {
            result[Self.kernelSeriesOrder[k]] = Matrix(rows: steps, columns: h, values: Array(UnsafeBufferPointer(start: series[k], count: steps * h)))
        }
        result[SeriesName.hidden] = Matrix(rows: steps, columns: out, values: Array(UnsafeBufferPointer(start: hiddenOut, count: steps * out)))
        return LayerRun(series: result, finalState: RecurrentState(hidden: Array(UnsafeBufferPointer(start: state, count: out)),
                                                                   cell: Array(UnsafeBufferPointer(start: cell, count: h))))
    }

    /// One step at row `row` with the clamps that apply there: `projected` is the row's W x + b, the
    /// state is read and updated in place, and the row of each series (``kernelSeriesOrder``) and of the
    /// hidden state is written.
    private func clampedStep(_ projected: UnsafePointer<Float>, row t: Int, clamps: [GateClamp],
                             state: UnsafeMutablePointer<Float>, cell: UnsafeMutablePointer<Float>,
                             unprojected: UnsafeMutablePointer<Float>, series: [UnsafeMutablePointer<Float>],
                             hidden: UnsafeMutablePointer<Float>) {
        let h = hiddenSize, out = outputSize
        var z = Array(UnsafeBufferPointer(start: projected, count: 4 * h))
        recurrentWeights.values.withUnsafeBufferPointer { w in
            z.withUnsafeMutableBufferPointer { gk_matvec_accumulate(w.baseAddress!, 4 * h, out, state, $0.baseAddress!) }
        }
        let limit = clip ?? .infinity
        func pin(_ v: Float, _ gate: Int, _ j: Int) -> Float { GateClamp.value(v, gate: gate, unit: j, row: t, in: clamps) }
        for j in 0..<h {
            var zi = z[j], zf = z[h + j], zg = z[2 * h + j], zo = z[3 * h + j]
            if let peepholes {
                zi += peepholes[0, j] * cell[j]
                zf += peepholes[1, j] * cell[j]
            }
            if clip != nil {
                zi = min(max(zi, -limit), limit); zf = min(max(zf, -limit), limit); zg = min(max(zg, -limit), limit)
            }
            let i = pin(Activation.sigmoid(zi), 0, j)
            let f = pin(couplesInputAndForget ? 1 - i : Activation.sigmoid(zf), 1, j)
            let g = pin(Activation.tanh(zg), 2, j)
            let c = f * cell[j] + i * g
            if let peepholes { zo += peepholes[2, j] * c }
            if clip != nil { zo = min(max(zo, -limit), limit) }
            let o = pin(Activation.sigmoid(zo), 3, j)
            let hv = o * Activation.tanh(c)
            cell[j] = c
            unprojected[j] = hv
            series[0][j] = zi; series[1][j] = zf; series[2][j] = zg; series[3][j] = zo
            series[4][j] = i; series[5][j] = f; series[6][j] = g; series[7][j] = o; series[8][j] = c
            if series.count > 9 { series[9][j] = hv }
        }
        if let projection {
            state.update(repeating: 0, count: out)
            projection.values.withUnsafeBufferPointer { gk_matvec_accumulate($0.baseAddress!, out, h, unprojected, state) }
        } else {
            state.update(from: unprojected, count: h)
        }
        hidden.update(from: state, count: out)
    }
}

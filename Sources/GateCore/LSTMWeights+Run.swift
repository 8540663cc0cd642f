import CGateKernels

extension LSTMWeights {
    /// Order of the series in the kernel's storage (matches `gk_lstm_pointwise`).
    static let kernelSeriesOrder = [
        SeriesName.preactivation(SeriesName.inputGate), SeriesName.preactivation(SeriesName.forgetGate),
        SeriesName.preactivation(SeriesName.cellCandidate), SeriesName.preactivation(SeriesName.outputGate),
        SeriesName.inputGate, SeriesName.forgetGate, SeriesName.cellCandidate, SeriesName.outputGate,
        SeriesName.cell, SeriesName.hiddenBeforeProjection,
    ]

    /// Runs the layer over `inputs` (T × X), forward or in reverse, capturing every intermediate.
    ///
    /// The input projection W_ih x + b for all timesteps is one matrix–matrix product before the loop;
    /// inside the loop only W_hh h and the elementwise gates remain, both in C kernels that work on
    /// raw pointers (the measured hot path; `referenceRun` is the plain Swift twin the tests compare).
    public func run(_ inputs: Matrix, reverse: Bool = false, from initial: RecurrentState? = nil) -> LayerRun {
        RunPreconditions.check(.lstm(self), inputs: inputs, state: initial)
        let steps = inputs.rows, h = hiddenSize, out = outputSize
        let projected = Kernels.projectSequence(weights: inputWeights, bias: combinedBias, inputs: inputs)
        let start = initial ?? RecurrentState.zero(for: .lstm(self))
        var hidden = start.hidden, cell = start.cell
        var full = [Float](repeating: 0, count: h)
        let kinds = seriesKinds
        // Without a projection the unprojected hidden state is the hidden state; the kernel still
        // writes that row, so give it scratch space instead of a tenth array.
        var scratch = [Float](repeating: 0, count: max(h, 1))
        var hiddenSeries: [Float] = []
        let arrays = UninitializedArrays.make(count: kinds, size: steps * h) { pointers in
            hiddenSeries = [Float](unsafeUninitializedCapacity: steps * out) { hiddenOut, written in
            projected.values.withUnsafeBufferPointer { pre in
            hidden.withUnsafeMutableBufferPointer { state in
            cell.withUnsafeMutableBufferPointer { cellState in
            full.withUnsafeMutableBufferPointer { unprojected in
            scratch.withUnsafeMutableBufferPointer { scratchRow in
                if steps > 0 {
                    runSteps(projected: pre.baseAddress!, steps: steps, reverse: reverse, state: state.baseAddress!,
                             cell: cellState.baseAddress!, unprojected: unprojected.baseAddress!, series: pointers,
                             scratch: scratchRow.baseAddress!, hiddenOut: hiddenOut.baseAddress!)
                }
            }}}}}
            written = steps * out
            }
        }

        var series: [String: Matrix] = [:]
        for k in 0..<kinds {
            series[Self.kernelSeriesOrder[k]] = Matrix(rows: steps, columns: h, values: arrays[k])
        }
        series[SeriesName.hidden] = Matrix(rows: steps, columns: out, values: hiddenSeries)
        return LayerRun(series: series, finalState: RecurrentState(hidden: hidden, cell: cell))
    }

    /// b_ih + b_hh, added once in the input projection.
    var combinedBias: [Float] { zip(inputBias, recurrentBias).map { $0 + $1 } }

    /// How many of ``kernelSeriesOrder`` the kernel writes: 10 with a projection, else 9.
    var seriesKinds: Int { projection != nil ? 10 : 9 }

    /// The step loop on raw storage, shared by ``run(_:reverse:from:)`` and ``LayerStreamer``.
    ///
    /// `projected` holds W_ih x + b for `steps` rows (4H each); `state` (output size), `cell` and
    /// `unprojected` (H) carry the state in and out; row t of series k goes to `series[k] + t·H`
    /// (``kernelSeriesOrder``, ``seriesKinds`` of them) and the hidden state to `hiddenOut + t·out`.
    /// `scratch` (H) takes the unprojected row when there is no projection.
    func runSteps(projected pre: UnsafePointer<Float>, steps: Int, reverse: Bool, state: UnsafeMutablePointer<Float>,
                  cell: UnsafeMutablePointer<Float>, unprojected: UnsafeMutablePointer<Float>,
                  series pointers: [UnsafeMutablePointer<Float>], scratch: UnsafeMutablePointer<Float>,
                  hiddenOut: UnsafeMutablePointer<Float>) {
        let h = hiddenSize, width = 4 * h, out = outputSize
        let recurrentWidth = recurrentWeights.columns
        let kinds = seriesKinds
        let peep = peepholes?.values
        var z = [Float](repeating: 0, count: width)
        let rows = UnsafeMutablePointer<UnsafeMutablePointer<Float>?>.allocate(capacity: 10)
        defer { rows.deallocate() }
        rows[9] = scratch
        recurrentWeights.values.withUnsafeBufferPointer { recurrent in
        z.withUnsafeMutableBufferPointer { z in
            for s in 0..<steps {
                let t = reverse ? steps - 1 - s : s
                z.baseAddress!.update(from: pre + t * width, count: width)
                gk_matvec_accumulate(recurrent.baseAddress!, width, recurrentWidth, state, z.baseAddress!)
                for k in 0..<kinds { rows[k] = pointers[k] + t * h }
                Self.pointwise(z.baseAddress!, h, peep, clip ?? 0, couplesInputAndForget, cell, unprojected, rows)
                if let projection {
                    state.update(repeating: 0, count: out)
                    projection.values.withUnsafeBufferPointer { p in
                        gk_matvec_accumulate(p.baseAddress!, out, h, unprojected, state)
                    }
                } else {
                    state.update(from: unprojected, count: h)
                }
                (hiddenOut + t * out).initialize(from: state, count: out)
            }
        }}
    }

    /// Calls the C kernel, passing the optional peepholes as a null pointer when absent.
    @inline(__always)
    static func pointwise(_ z: UnsafeMutablePointer<Float>, _ h: Int, _ peepholes: [Float]?, _ clip: Float,
                          _ coupled: Bool, _ cell: UnsafeMutablePointer<Float>, _ hidden: UnsafeMutablePointer<Float>,
                          _ rows: UnsafeMutablePointer<UnsafeMutablePointer<Float>?>) {
        if let peepholes {
            peepholes.withUnsafeBufferPointer { p in
                gk_lstm_pointwise(z, h, p.baseAddress, clip, coupled ? 1 : 0, cell, hidden, rows)
            }
        } else {
            gk_lstm_pointwise(z, h, nil, clip, coupled ? 1 : 0, cell, hidden, rows)
        }
    }
}

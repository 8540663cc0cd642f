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
        let steps = inputs.rows, h = hiddenSize, width = 4 * h, out = outputSize
        let recurrentWidth = recurrentWeights.columns
        let bias = zip(inputBias, recurrentBias).map { $0 + $1 }
        let projected = Kernels.projectSequence(weights: inputWeights, bias: bias, inputs: inputs)
        let start = initial ?? RecurrentState.zero(for: .lstm(self))
        var hidden = start.hidden, cell = start.cell
        var full = [Float](repeating: 0, count: h)
        let stride = steps * h
        let kinds = projection != nil ? 10 : 9
        let peep = peepholes?.values
        // Without a projection the unprojected hidden state is the hidden state; the kernel still
        // writes that row, so give it scratch space instead of a tenth array.
        var scratch = [Float](repeating: 0, count: projection == nil ? h : 0)
        var hiddenSeries: [Float] = []
        let arrays = UninitializedArrays.make(count: kinds, size: stride) { pointers in
            hiddenSeries = [Float](unsafeUninitializedCapacity: steps * out) { hiddenOut, written in
            projected.values.withUnsafeBufferPointer { pre in
            recurrentWeights.values.withUnsafeBufferPointer { recurrent in
            hidden.withUnsafeMutableBufferPointer { state in
            cell.withUnsafeMutableBufferPointer { cellState in
            full.withUnsafeMutableBufferPointer { unprojected in
            scratch.withUnsafeMutableBufferPointer { scratchRow in
                var z = [Float](repeating: 0, count: width)
                let rows = UnsafeMutablePointer<UnsafeMutablePointer<Float>?>.allocate(capacity: 10)
                defer { rows.deallocate() }
                rows[9] = scratchRow.baseAddress
                z.withUnsafeMutableBufferPointer { z in
                    for s in 0..<steps {
                        let t = reverse ? steps - 1 - s : s
                        z.baseAddress!.update(from: pre.baseAddress! + t * width, count: width)
                        gk_matvec_accumulate(recurrent.baseAddress!, width, recurrentWidth, state.baseAddress!, z.baseAddress!)
                        for k in 0..<kinds { rows[k] = pointers[k] + t * h }
                        Self.pointwise(z.baseAddress!, h, peep, clip ?? 0, couplesInputAndForget,
                                       cellState.baseAddress!, unprojected.baseAddress!, rows)
                        if let projection {
                            state.update(repeating: 0)
                            projection.values.withUnsafeBufferPointer { p in
                                gk_matvec_accumulate(p.baseAddress!, out, h, unprojected.baseAddress!, state.baseAddress!)
                            }
                        } else {
                            state.baseAddress!.update(from: unprojected.baseAddress!, count: h)
                        }
                        (hiddenOut.baseAddress! + t * out).initialize(from: state.baseAddress!, count: out)
                    }
                }
            }}}}}}
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

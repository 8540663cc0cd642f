extension ConvLSTMWeights {
    /// The series a ConvLSTM layer records, in display order (the LSTM names).
    public static let seriesNames = [
        SeriesName.inputGate, SeriesName.forgetGate, SeriesName.cellCandidate, SeriesName.outputGate,
        SeriesName.cell, SeriesName.hidden,
    ]

    /// Runs the layer over `frames` (T × (Cin·H·W), channel-first: element (c, y, x) of frame t at
    /// column c·H·W + y·W + x) from a zero state, capturing every intermediate per step.
    ///
    /// Both convolutions are im2col followed by `Kernels.projectSequence`: the input convolution for all
    /// T frames in one product before the loop, the recurrent one per step.
    public func run(_ frames: Matrix, height: Int, width: Int) -> ConvLSTMLayerRun {
        precondition(frames.columns == inputChannels * height * width,
                     "ConvLSTM: frames have \(frames.columns) columns; expected \(inputChannels)×\(height)×\(width)")
        let input = ConvLSTMForwardCache.pixelMajor(frames, channels: inputChannels, pixels: height * width)
        let cache = forward(pixelMajorInput: input, steps: frames.rows, height: height, width: width)
        return ConvLSTMLayerRun(series: cache.series(), shape: cache.shape, cache: cache)
    }

    /// The convolution geometry for frames of `height` × `width`.
    func geometry(height: Int, width: Int) -> SpatialConvolution.Geometry {
        SpatialConvolution.Geometry(height: height, width: width, kernelHeight: kernelHeight, kernelWidth: kernelWidth,
                                    padTop: verticalPadding.before, padLeft: horizontalPadding.before)
    }

    /// The forward pass on pixel-major input ((T·P) × Cin).
    func forward(pixelMajorInput input: [Float], steps: Int, height: Int, width: Int) -> ConvLSTMForwardCache {
        let p = height * width, c = hiddenChannels, g = 4 * c, cin = inputChannels
        let geometry = geometry(height: height, width: width)
        let kx = cin * geometry.taps, kh = c * geometry.taps
        var inputColumns = Matrix(rows: steps * p, columns: kx)
        input.withUnsafeBufferPointer { xs in
            inputColumns.values.withUnsafeMutableBufferPointer { cols in
                for t in 0..<steps {
                    SpatialConvolution.im2col(xs.baseAddress! + t * p * cin, channels: cin, channelStride: 1, pixelStride: cin,
                                              geometry: geometry, into: cols.baseAddress! + t * p * kx)
                }
            }
        }
        var pre = Kernels.projectSequence(weights: inputKernel, bias: bias, inputs: inputColumns).values
        var gates = [Float](repeating: 0, count: steps * p * g)
        var cells = [Float](repeating: 0, count: steps * p * c)
        var hiddens = cells
        var recurrentColumns = Matrix(rows: p, columns: kh)
        let zeroBias = [Float](repeating: 0, count: g)
        let peep = peepholes?.values ?? []
        let hasPeepholes = peepholes != nil
        for t in 0..<steps {
            if t > 0 {
                hiddens.withUnsafeBufferPointer { h in
                    recurrentColumns.values.withUnsafeMutableBufferPointer { cols in
                        SpatialConvolution.im2col(h.baseAddress! + (t - 1) * p * c, channels: c, channelStride: 1, pixelStride: c,
                                                  geometry: geometry, into: cols.baseAddress!)
                    }
                }
                let recurrent = Kernels.projectSequence(weights: recurrentKernel, bias: zeroBias, inputs: recurrentColumns)
                let offset = t * p * g
                for j in 0..<(p * g) { pre[offset + j] += recurrent.values[j] }
            }
            for pixel in 0..<p {
                let base = (t * p + pixel) * g
                let state = (t * p + pixel) * c
                for ch in 0..<c {
                    let previous: Float = t > 0 ? cells[state - p * c + ch] : 0
                    var zi = pre[base + ch], zf = pre[base + c + ch], zo = pre[base + 3 * c + ch]
                    let zg = pre[base + 2 * c + ch]
                    if hasPeepholes {
                        zi += peep[ch * p + pixel] * previous
                        zf += peep[(c + ch) * p + pixel] * previous
                    }
                    let i = Activation.sigmoid(zi), f = Activation.sigmoid(zf), candidate = Activation.tanh(zg)
                    let cell = f * previous + i * candidate
                    if hasPeepholes { zo += peep[(2 * c + ch) * p + pixel] * cell }
                    let o = Activation.sigmoid(zo)
                    pre[base + ch] = zi
                    pre[base + c + ch] = zf
                    pre[base + 3 * c + ch] = zo
                    gates[base + ch] = i
                    gates[base + c + ch] = f
                    gates[base + 2 * c + ch] = candidate
                    gates[base + 3 * c + ch] = o
                    cells[state + ch] = cell
                    hiddens[state + ch] = o * Activation.tanh(cell)
                }
            }
        }
        return ConvLSTMForwardCache(steps: steps, shape: SpatialShape(channels: c, height: height, width: width),
                                    inputColumns: inputColumns.values, preactivations: pre, gates: gates,
                                    cells: cells, hiddens: hiddens)
    }
}

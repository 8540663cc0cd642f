extension ConvLSTMWeights {
    /// The plain twin of `run`: direct convolution loops straight from the equations, channel-first
    /// throughout, no im2col and no kernels. Kept as the reference the tests compare `run` with.
    public func referenceRun(_ frames: Matrix, height: Int, width: Int) -> [String: Matrix] {
        let c = hiddenChannels, cin = inputChannels, p = height * width, steps = frames.rows
        let kh = kernelHeight, kw = kernelWidth, top = verticalPadding.before, left = horizontalPadding.before
        /// Σ over (channel, ky, kx) of kernel[row, channel, ky, kx] · source[channel, y+ky−top, x+kx−left].
        func correlate(_ kernel: Matrix, row: Int, _ source: [Float], channels: Int, y: Int, x: Int) -> Float {
            var sum: Float = 0
            for s in 0..<channels {
                for ky in 0..<kh {
                    let sy = y + ky - top
                    guard sy >= 0, sy < height else { continue }
                    for kx in 0..<kw {
                        let sx = x + kx - left
                        guard sx >= 0, sx < width else { continue }
                        sum += kernel[row, (s * kh + ky) * kw + kx] * source[s * p + sy * width + sx]
                    }
                }
            }
            return sum
        }
        var names: [String] = []
        for name in Self.seriesNames { names.append(name) }
        for name in Self.seriesNames.prefix(4) { names.append(SeriesName.preactivation(name)) }
        var out: [String: Matrix] = [:]
        for name in names { out[name] = Matrix(rows: steps, columns: c * p) }
        var hidden = [Float](repeating: 0, count: c * p), cell = hidden
        for t in 0..<steps {
            let frame = frames.row(t)
            var nextHidden = hidden, nextCell = cell
            for ch in 0..<c {
                for y in 0..<height {
                    for x in 0..<width {
                        let k = ch * p + y * width + x
                        var z = [Float](repeating: 0, count: 4)
                        for q in 0..<4 {
                            let row = q * c + ch
                            z[q] = correlate(inputKernel, row: row, frame, channels: cin, y: y, x: x)
                                + correlate(recurrentKernel, row: row, hidden, channels: c, y: y, x: x) + bias[row]
                        }
                        if let peepholes {
                            z[0] += peepholes[0, k] * cell[k]
                            z[1] += peepholes[1, k] * cell[k]
                        }
                        let i = Activation.sigmoid(z[0]), f = Activation.sigmoid(z[1]), g = Activation.tanh(z[2])
                        let newCell = f * cell[k] + i * g
                        if let peepholes { z[3] += peepholes[2, k] * newCell }
                        let o = Activation.sigmoid(z[3])
                        nextCell[k] = newCell
                        nextHidden[k] = o * Activation.tanh(newCell)
                        for (q, value) in [i, f, g, o].enumerated() {
                            out[Self.seriesNames[q]]![t, k] = value
                            out[SeriesName.preactivation(Self.seriesNames[q])]![t, k] = z[q]
                        }
                        out[SeriesName.cell]![t, k] = newCell
                        out[SeriesName.hidden]![t, k] = nextHidden[k]
                    }
                }
            }
            hidden = nextHidden
            cell = nextCell
        }
        return out
    }
}

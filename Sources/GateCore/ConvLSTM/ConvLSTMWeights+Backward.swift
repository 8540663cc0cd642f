extension ConvLSTMWeights {
    /// Backpropagation through time for one layer.
    ///
    /// `hiddenGradient` is ∂L/∂H_t from above (the head or the next layer), pixel-major (T·P) × C.
    /// Per step, from the last: δo = δh ⊙ tanh c, δc += δh ⊙ o ⊙ (1 − tanh² c) + δz_o ⊙ W_co, then the
    /// gates' pre-activation gradients δz (P × 4C); ∂W_x += δzᵀ · im2col(X_t), ∂W_h += δzᵀ · im2col(H_{t−1}),
    /// δH_{t−1} = col2im(δz · W_h), δC_{t−1} = δc ⊙ f + δz_i ⊙ W_ci + δz_f ⊙ W_cf. Returns the parameter
    /// gradient and, when asked, ∂L/∂X pixel-major (T·P) × Cin.
    func backward(_ cache: ConvLSTMForwardCache, hiddenGradient: [Float], needInputGradient: Bool)
        -> (ConvLSTMLayerGradient, [Float]?) {
        let steps = cache.steps, p = cache.pixels, c = hiddenChannels, g = 4 * c, cin = inputChannels
        let geometry = geometry(height: cache.shape.height, width: cache.shape.width)
        let kx = cin * geometry.taps, kh = c * geometry.taps
        var dWx = [Float](repeating: 0, count: g * kx), dWh = [Float](repeating: 0, count: g * kh)
        var db = [Float](repeating: 0, count: g)
        let hasPeepholes = peepholes != nil
        let peep = peepholes?.values ?? []
        var dPeep = [Float](repeating: 0, count: hasPeepholes ? 3 * c * p : 0)
        var dInput = [Float](repeating: 0, count: needInputGradient ? steps * p * cin : 0)
        var dhNext = [Float](repeating: 0, count: p * c), dcNext = dhNext
        var dz = [Float](repeating: 0, count: p * g)
        var columns = [Float](repeating: 0, count: p * kh)
        var dColumns = [Float](repeating: 0, count: p * max(kx, kh))
        let gates = cache.gates, cells = cache.cells

        for t in (0..<steps).reversed() {
            for pixel in 0..<p {
                let base = (t * p + pixel) * g
                for ch in 0..<c {
                    let s = (t * p + pixel) * c + ch, local = pixel * c + ch
                    let i = gates[base + ch], f = gates[base + c + ch], cand = gates[base + 2 * c + ch], o = gates[base + 3 * c + ch]
                    let cell = cells[s], previous: Float = t > 0 ? cells[s - p * c] : 0
                    let dh = hiddenGradient[s] + dhNext[local]
                    let tc = Activation.tanh(cell)
                    let dzo = dh * tc * o * (1 - o)
                    var dc = dcNext[local] + dh * o * (1 - tc * tc)
                    if hasPeepholes {
                        dc += dzo * peep[(2 * c + ch) * p + pixel]
                        dPeep[(2 * c + ch) * p + pixel] += dzo * cell
                    }
                    let dzi = dc * cand * i * (1 - i)
                    let dzg = dc * i * (1 - cand * cand)
                    let dzf = dc * previous * f * (1 - f)
                    var dPrevious = dc * f
                    if hasPeepholes {
                        dPrevious += dzi * peep[ch * p + pixel] + dzf * peep[(c + ch) * p + pixel]
                        dPeep[ch * p + pixel] += dzi * previous
                        dPeep[(c + ch) * p + pixel] += dzf * previous
                    }
                    dcNext[local] = dPrevious
                    let row = pixel * g
                    dz[row + ch] = dzi
                    dz[row + c + ch] = dzf
                    dz[row + 2 * c + ch] = dzg
                    dz[row + 3 * c + ch] = dzo
                }
            }
            for pixel in 0..<p {
                for j in 0..<g { db[j] += dz[pixel * g + j] }
            }
            dz.withUnsafeBufferPointer { dzp in
                cache.inputColumns.withUnsafeBufferPointer { cols in
                    dWx.withUnsafeMutableBufferPointer { out in
                        SpatialConvolution.accumulateTransposedProduct(dzp.baseAddress!, cols.baseAddress! + t * p * kx,
                                                                       rows: p, g: g, k: kx, into: out.baseAddress!)
                    }
                }
                dhNext.withUnsafeMutableBufferPointer { next in next.update(repeating: 0) }
                if t > 0 {
                    cache.hiddens.withUnsafeBufferPointer { h in
                        columns.withUnsafeMutableBufferPointer { cols in
                            SpatialConvolution.im2col(h.baseAddress! + (t - 1) * p * c, channels: c, channelStride: 1, pixelStride: c,
                                                      geometry: geometry, into: cols.baseAddress!)
                            dWh.withUnsafeMutableBufferPointer { out in
                                SpatialConvolution.accumulateTransposedProduct(dzp.baseAddress!, cols.baseAddress!, rows: p, g: g, k: kh,
                                                                               into: out.baseAddress!)
                            }
                        }
                    }
                    recurrentKernel.values.withUnsafeBufferPointer { w in
                        dColumns.withUnsafeMutableBufferPointer { dcols in
                            SpatialConvolution.product(dzp.baseAddress!, w.baseAddress!, rows: p, g: g, k: kh, into: dcols.baseAddress!)
                            dhNext.withUnsafeMutableBufferPointer { next in
                                SpatialConvolution.col2imAccumulate(dcols.baseAddress!, channels: c, channelStride: 1, pixelStride: c,
                                                                    geometry: geometry, into: next.baseAddress!)
                            }
                        }
                    }
                }
                if needInputGradient {
                    inputKernel.values.withUnsafeBufferPointer { w in
                        dColumns.withUnsafeMutableBufferPointer { dcols in
                            SpatialConvolution.product(dzp.baseAddress!, w.baseAddress!, rows: p, g: g, k: kx, into: dcols.baseAddress!)
                            dInput.withUnsafeMutableBufferPointer { dx in
                                SpatialConvolution.col2imAccumulate(dcols.baseAddress!, channels: cin, channelStride: 1, pixelStride: cin,
                                                                    geometry: geometry, into: dx.baseAddress! + t * p * cin)
                            }
                        }
                    }
                }
            }
        }
        let gradient = ConvLSTMLayerGradient(inputKernel: dWx, recurrentKernel: dWh, bias: db,
                                             peepholes: hasPeepholes ? dPeep : nil)
        return (gradient, needInputGradient ? dInput : nil)
    }
}

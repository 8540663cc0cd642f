/// Everything one ConvLSTM layer computed over a sequence, kept **pixel-major** (row p·width + channel)
/// because that is the layout of the im2col products; `series()` turns it into channel-first trace
/// series. The backward pass reads it.
struct ConvLSTMForwardCache: Sendable {
    /// Timesteps T.
    var steps: Int
    /// The hidden maps: channels C × frame height H × width W.
    var shape: SpatialShape
    /// im2col of every input frame: (T·P) × (Cin·kh·kw).
    var inputColumns: [Float]
    /// Pre-activations (peephole terms included), (T·P) × 4C, gate blocks i, f, g, o.
    var preactivations: [Float]
    /// σ/tanh of the pre-activations, (T·P) × 4C.
    var gates: [Float]
    /// C_t, (T·P) × C.
    var cells: [Float]
    /// H_t, (T·P) × C.
    var hiddens: [Float]

    /// Pixels per frame.
    var pixels: Int { shape.pixels }

    /// Pixel-major (T·P × width) values → channel-first T × (width·P).
    static func channelFirst(_ values: [Float], steps: Int, pixels: Int, stride: Int, offset: Int, width: Int) -> Matrix {
        var result = Matrix(rows: steps, columns: width * pixels)
        for t in 0..<steps {
            for p in 0..<pixels {
                let source = (t * pixels + p) * stride + offset
                for c in 0..<width { result.values[t * width * pixels + c * pixels + p] = values[source + c] }
            }
        }
        return result
    }

    /// Channel-first T × (width·P) → pixel-major (T·P) × width values.
    static func pixelMajor(_ matrix: Matrix, channels: Int, pixels: Int) -> [Float] {
        var result = [Float](repeating: 0, count: matrix.rows * pixels * channels)
        for t in 0..<matrix.rows {
            for c in 0..<channels {
                for p in 0..<pixels { result[(t * pixels + p) * channels + c] = matrix.values[t * channels * pixels + c * pixels + p] }
            }
        }
        return result
    }

    /// The trace series, each T × (C·H·W) channel-first, named as LSTM's (see `SeriesName`).
    func series() -> [String: Matrix] {
        let c = shape.channels, g = 4 * c, p = pixels
        var result: [String: Matrix] = [:]
        let gateNames = [SeriesName.inputGate, SeriesName.forgetGate, SeriesName.cellCandidate, SeriesName.outputGate]
        for (q, name) in gateNames.enumerated() {
            result[name] = Self.channelFirst(gates, steps: steps, pixels: p, stride: g, offset: q * c, width: c)
            result[SeriesName.preactivation(name)] = Self.channelFirst(preactivations, steps: steps, pixels: p, stride: g, offset: q * c, width: c)
        }
        result[SeriesName.cell] = Self.channelFirst(cells, steps: steps, pixels: p, stride: c, offset: 0, width: c)
        result[SeriesName.hidden] = Self.channelFirst(hiddens, steps: steps, pixels: p, stride: c, offset: 0, width: c)
        return result
    }
}

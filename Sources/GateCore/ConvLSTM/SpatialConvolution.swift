/// The loops behind ConvLSTM's convolutions: im2col, its adjoint col2im, and the two small matrix
/// products the backward pass needs. Everything works on raw pointers over pixel-major or
/// channel-first buffers, described by a channel stride and a pixel stride.
///
/// A column row for pixel p = (y, x) holds, for every (channel, ky, kx) in that order, the source value
/// at (y + ky − padTop, x + kx − padLeft), or 0 outside the frame ("same" zero padding).
enum SpatialConvolution {
    /// The geometry of one convolution.
    struct Geometry {
        var height: Int
        var width: Int
        var kernelHeight: Int
        var kernelWidth: Int
        var padTop: Int
        var padLeft: Int
        var pixels: Int { height * width }
        var taps: Int { kernelHeight * kernelWidth }
    }

    /// Fills `columns` (pixels × channels·taps) from `source`, where value (c, p) is at
    /// `source[c * channelStride + p * pixelStride]`.
    static func im2col(_ source: UnsafePointer<Float>, channels: Int, channelStride: Int, pixelStride: Int,
                       geometry g: Geometry, into columns: UnsafeMutablePointer<Float>) {
        forEachTap(channels: channels, channelStride: channelStride, pixelStride: pixelStride, geometry: g) { column, index in
            columns[column] = index.map { source[$0] } ?? 0
        }
    }

    /// The adjoint of `im2col`: adds every column entry back onto the source value it was copied from.
    static func col2imAccumulate(_ columns: UnsafePointer<Float>, channels: Int, channelStride: Int, pixelStride: Int,
                                 geometry g: Geometry, into target: UnsafeMutablePointer<Float>) {
        forEachTap(channels: channels, channelStride: channelStride, pixelStride: pixelStride, geometry: g) { column, source in
            if let source { target[source] += columns[column] }
        }
    }

    /// Walks the column matrix in order, calling `body` with each entry's index in it and the index of
    /// the source value it copies (nil where the tap falls outside the frame).
    @inline(__always)
    private static func forEachTap(channels: Int, channelStride: Int, pixelStride: Int, geometry g: Geometry,
                                   _ body: (_ column: Int, _ source: Int?) -> Void) {
        let k = channels * g.taps
        for y in 0..<g.height {
            for x in 0..<g.width {
                var j = (y * g.width + x) * k
                for c in 0..<channels {
                    for ky in 0..<g.kernelHeight {
                        let sy = y + ky - g.padTop
                        for kx in 0..<g.kernelWidth {
                            let sx = x + kx - g.padLeft
                            let inside = sy >= 0 && sy < g.height && sx >= 0 && sx < g.width
                            body(j, inside ? c * channelStride + (sy * g.width + sx) * pixelStride : nil)
                            j += 1
                        }
                    }
                }
            }
        }
    }

    /// weightGradient (G × K) += aᵀ b for a (rows × G) and b (rows × K).
    static func accumulateTransposedProduct(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, rows: Int, g: Int, k: Int,
                                            into weightGradient: UnsafeMutablePointer<Float>) {
        for r in 0..<rows {
            let brow = b + r * k
            for gi in 0..<g {
                let scale = a[r * g + gi]
                if scale == 0 { continue }
                let out = weightGradient + gi * k
                for j in 0..<k { out[j] += scale * brow[j] }
            }
        }
    }

    /// out (rows × K) = a (rows × G) · w (G × K).
    static func product(_ a: UnsafePointer<Float>, _ w: UnsafePointer<Float>, rows: Int, g: Int, k: Int,
                        into out: UnsafeMutablePointer<Float>) {
        for r in 0..<rows {
            let orow = out + r * k
            orow.update(repeating: 0, count: k)
            for gi in 0..<g {
                let scale = a[r * g + gi]
                if scale == 0 { continue }
                let wrow = w + gi * k
                for j in 0..<k { orow[j] += scale * wrow[j] }
            }
        }
    }
}

import Testing
@testable import GateCore

/// The C kernels against their plain Swift twins, on awkward sizes that exercise every tail loop.
struct KernelTests {
    /// A deterministic pseudo-random matrix in [−1, 1].
    static func matrix(rows: Int, columns: Int, seed: UInt64) -> Matrix {
        var state = seed
        var values: [Float] = []
        for _ in 0..<(rows * columns) {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            values.append(Float(Int64(bitPattern: state >> 11) % 2000) / 1000 - 1)
        }
        return Matrix(rows: rows, columns: columns, values: values)
    }

    /// Row and column counts that reach every tail loop of the matrix–vector kernel.
    static let matVecSizes = [(1, 1), (3, 5), (4, 8), (7, 13), (17, 33), (64, 128), (512, 128), (5, 0)]

    @Test(arguments: matVecSizes)
    func matVecMatchesPlainSwift(rows: Int, columns: Int) {
        let w = Self.matrix(rows: rows, columns: columns, seed: 1)
        let x = Self.matrix(rows: 1, columns: columns, seed: 2).values
        var fast = [Float](repeating: 0.5, count: rows)
        var plain = fast
        if columns > 0 { Kernels.matVecAccumulate(w, x, into: &fast) }
        Kernels.plainMatVecAccumulate(w, x, into: &plain)
        for r in 0..<rows {
            #expect(abs(fast[r] - plain[r]) <= 1e-5 * max(1, abs(plain[r])), "row \(r)")
        }
    }

    @Test func matVecBandTouchesOnlyItsRows() {
        let w = Self.matrix(rows: 12, columns: 5, seed: 3)
        let x = Self.matrix(rows: 1, columns: 5, seed: 4).values
        var band = [Float](repeating: 0, count: 4)
        Kernels.matVecAccumulate(w, x, into: &band, rowOffset: 8, rowCount: 4)
        var full = [Float](repeating: 0, count: 12)
        Kernels.plainMatVecAccumulate(w, x, into: &full)
        for k in 0..<4 { #expect(abs(band[k] - full[8 + k]) <= 1e-5) }
    }

    /// (steps, rows, columns): fewer than 16 steps take the dot-product kernel, 16 or more the register-tiled
    /// one, whose leftover steps (not a multiple of 4) go through the transposed matrix–vector kernel.
    static let projectionSizes = [(1, 4, 1), (6, 3, 5), (9, 7, 2), (13, 64, 33), (4, 256, 64),
                                  (16, 4, 1), (17, 7, 3), (37, 33, 17), (64, 256, 64), (23, 9, 130), (18, 80, 5)]

    @Test(arguments: projectionSizes)
    func projectSequenceMatchesPlainSwift(steps: Int, rows: Int, columns: Int) {
        let w = Self.matrix(rows: rows, columns: columns, seed: 5)
        let x = Self.matrix(rows: steps, columns: columns, seed: 6)
        let bias = Self.matrix(rows: 1, columns: rows, seed: 7).values
        let fast = Kernels.projectSequence(weights: w, bias: bias, inputs: x)
        let plain = Kernels.plainProjectSequence(weights: w, bias: bias, inputs: x)
        #expect(fast.maxAbsDifference(plain) <= 1e-4)
    }
}

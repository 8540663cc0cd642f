import Testing
@testable import GateCore

/// The C backpropagation kernels against their plain Swift twins, on awkward sizes that exercise every
/// tail loop (and zero entries, which the kernels skip). The C kernels sum in the twins' order without
/// fused multiply-adds, so training gives the same numbers as before they existed: results must be equal.
struct BackpropKernelTests {
    /// (aColumns, bColumns, steps).
    static let outerSumSizes = [(1, 1, 1), (5, 3, 7), (16, 4, 9), (17, 33, 5), (64, 63, 12), (256, 64, 13), (83, 2, 0)]

    @Test(arguments: outerSumSizes)
    func outerSumMatchesPlainSwift(aColumns: Int, bColumns: Int, steps: Int) {
        let a = KernelTests.matrix(rows: steps, columns: aColumns, seed: 31).values
        var b = KernelTests.matrix(rows: steps, columns: bColumns, seed: 32).values
        for k in stride(from: 0, to: b.count, by: 3) { b[k] = 0 }
        let start = KernelTests.matrix(rows: bColumns, columns: aColumns, seed: 33).values
        var fast = start, plain = start
        BackpropKernels.outerSum(a, aColumns: aColumns, b, bColumns: bColumns, steps: steps, into: &fast)
        BackpropKernels.outerAccumulate(b, a, steps: steps, aColumns: bColumns, bColumns: aColumns, into: &plain)
        #expect(fast == plain)
    }

    /// (steps, rows, columns).
    static let productSizes = [(1, 1, 1), (7, 5, 3), (13, 256, 63), (4, 64, 33), (9, 17, 64)]

    @Test(arguments: productSizes)
    func productMatchesPlainSwift(steps: Int, rows: Int, columns: Int) {
        let a = KernelTests.matrix(rows: steps, columns: rows, seed: 41).values
        let w = KernelTests.matrix(rows: rows, columns: columns, seed: 42).values
        let fast = BackpropKernels.fastProduct(a, steps: steps, w, rows: rows, columns: columns)
        let plain = BackpropKernels.product(a, steps: steps, w, rows: rows, columns: columns)
        #expect(fast.rows == plain.rows && fast.columns == plain.columns)
        #expect(fast.values == plain.values)
    }

    /// (input, hidden).
    static let lstmBackwardSizes = [(3, 5), (1, 8), (7, 17), (63, 64), (2, 33)]

    @Test(arguments: lstmBackwardSizes)
    func lstmBackwardMatchesPlainSwift(input: Int, hidden: Int) {
        let weights = FastPathTests.lstm(input: input, hidden: hidden, projection: nil, peepholes: false,
                                         clip: nil, coupled: false, seed: 51)
        let inputs = KernelTests.matrix(rows: 23, columns: input, seed: 52)
        let above = KernelTests.matrix(rows: 23, columns: hidden, seed: 53)
        for reverse in [false, true] {
            let run = weights.run(inputs, reverse: reverse)
            let fast = weights.backward(inputs: inputs, run: run, outputGradient: above, reverse: reverse)
            let plain = weights.plainBackward(inputs: inputs, run: run, outputGradient: above, reverse: reverse)
            let pairs: [(String, [Float], [Float])] = [
                ("weight_ih", fast.inputWeights, plain.inputWeights),
                ("weight_hh", fast.recurrentWeights, plain.recurrentWeights),
                ("bias_ih", fast.inputBias, plain.inputBias), ("bias_hh", fast.recurrentBias, plain.recurrentBias),
                ("input gradient", fast.inputGradient.values, plain.inputGradient.values),
                ("hidden norms", fast.hiddenNorms, plain.hiddenNorms), ("cell norms", fast.cellNorms, plain.cellNorms),
                ("state gradient", fast.stateGradient.values, plain.stateGradient.values),
            ]
            for (name, f, p) in pairs {
                #expect(f == p, "\(name) differs by \(FastPathTests.maxRelativeDifference(f, p)) (reverse: \(reverse))")
            }
        }
    }

    @Test func adamMatchesPlainSwiftOverSeveralSteps() {
        let count = 37
        var fast = AdamOptimizer(count: count, learningRate: 0.01), plain = fast
        var p = KernelTests.matrix(rows: 1, columns: count, seed: 61).values, q = p
        for step in 0..<5 {
            let g = KernelTests.matrix(rows: 1, columns: count, seed: 62 + UInt64(step)).values
            fast.update(&p, gradient: g)
            plain.plainUpdate(&q, gradient: g)
        }
        #expect(p == q)
        #expect(fast.secondMoment == plain.secondMoment)
    }

    @Test func clippingAnOddLengthGradientMatchesItsNorm() {
        var g = KernelTests.matrix(rows: 1, columns: 45, seed: 71).values
        let expected = Float(g.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot())
        let norm = AdamOptimizer.clipGlobalNorm(&g, maxNorm: 0.5)
        #expect(abs(norm - expected) <= 1e-5 * expected)
        let after = Float(g.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot())
        #expect(abs(after - 0.5) <= 1e-4)
    }
}

import GateFormats
import Testing
@testable import GateCore

/// Batched training (the whole mini-batch through each step at once): its C kernels against their plain
/// Swift twins, its gradient against per-sequence backpropagation and finite differences, and its
/// determinism.
struct BatchTrainingTests {
    /// (rows, inner, columns): tile sizes 8 × 32 and every tail (16-column block, single columns, rows).
    static let products = [(1, 1, 1), (8, 5, 32), (9, 17, 50), (16, 64, 67), (3, 256, 96), (17, 3, 15)]

    /// Runs a C product and its plain twin from the same A (aRows × aColumns), B (bRows × bColumns) and
    /// starting C (`cCount` values) and demands the same bits.
    static func expectSameProduct(a aShape: (Int, Int), b bShape: (Int, Int), cCount: Int, seed: UInt64,
                                  fast: (UnsafeBufferPointer<Float>, UnsafeBufferPointer<Float>, UnsafeMutableBufferPointer<Float>) -> Void,
                                  plain: ([Float], [Float], inout [Float]) -> Void) {
        let a = KernelTests.matrix(rows: aShape.0, columns: aShape.1, seed: seed).values
        let b = KernelTests.matrix(rows: bShape.0, columns: bShape.1, seed: seed + 1).values
        var fastC = KernelTests.matrix(rows: 1, columns: cCount, seed: seed + 2).values, plainC = fastC
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in fastC.withUnsafeMutableBufferPointer { fast(ap, bp, $0) } }
        }
        plain(a, b, &plainC)
        #expect(fastC == plainC)
    }

    @Test(arguments: products)
    func gemmMatchesPlainSwift(m: Int, k: Int, n: Int) {
        Self.expectSameProduct(a: (m, k), b: (k, n), cCount: m * n, seed: 81,
                               fast: { BatchKernels.gemm($0, rows: m, inner: k, $1, columns: n, into: $2) },
                               plain: { BatchKernels.plainGemm($0, rows: m, inner: k, $1, columns: n, into: &$2) })
    }

    @Test(arguments: products)
    func transposedProductMatchesPlainSwift(m: Int, k: Int, n: Int) {
        Self.expectSameProduct(a: (m, k), b: (m, n), cCount: k * n, seed: 84,
                               fast: { BatchKernels.gemmTransposedA($0, rows: m, columns: k, $1, columns: n, into: $2) },
                               plain: { BatchKernels.plainGemmTransposedA($0, rows: m, columns: k, $1, columns: n, into: &$2) })
    }

    /// (rows, inner, columns) with columns a multiple of 16, as packing needs; 300 inner crosses the 128 blocks.
    static let packedSizes = [(8, 256, 1024), (3, 5, 16), (9, 300, 48)]

    @Test(arguments: packedSizes)
    func packedProductMatchesPlainSwift(m: Int, k: Int, n: Int) throws {
        let a = KernelTests.matrix(rows: m, columns: k, seed: 77).values
        let b = KernelTests.matrix(rows: k, columns: n, seed: 78).values
        var fast = KernelTests.matrix(rows: m, columns: n, seed: 79).values, plain = fast
        let packed = try #require(BatchKernels.packPanels(b, rows: k, columns: n))
        a.withUnsafeBufferPointer { ap in
            packed.withUnsafeBufferPointer { pp in
                fast.withUnsafeMutableBufferPointer { BatchKernels.gemmPacked(ap, rows: m, inner: k, pp, columns: n, into: $0) }
            }
        }
        BatchKernels.plainGemm(a, rows: m, inner: k, b, columns: n, into: &plain)
        #expect(fast == plain)
        // Packing Bᵀ's storage as transposed gives the same panels as packing B.
        let bt = KernelTests.matrix(rows: n, columns: k, seed: 78).values
        var b2 = [Float](repeating: 0, count: k * n)
        for r in 0..<n { for c in 0..<k { b2[c * n + r] = bt[r * k + c] } }
        #expect(BatchKernels.packPanels(bt, rows: k, columns: n, transposed: true) == BatchKernels.packPanels(b2, rows: k, columns: n))
        #expect(BatchKernels.packPanels(b, rows: k * n / 8, columns: 8) == nil)
    }

    /// (rows, hidden) for the elementwise step kernels: one element, a ragged width, a vector multiple.
    static let stepSizes = [(1, 1), (3, 37), (8, 64)]

    @Test(arguments: stepSizes)
    func lstmStepKernelsMatchPlainSwift(rows: Int, h: Int) {
        let z0 = KernelTests.matrix(rows: rows, columns: 4 * h, seed: 87).values.map { $0 * 3 }
        let previous = KernelTests.matrix(rows: rows, columns: h, seed: 88).values
        for cPrev in [previous, nil] {
            var fastG = [Float](repeating: 0, count: rows * 4 * h), plainG = fastG
            var fastC = [Float](repeating: 0, count: rows * h), fastH = fastC, plainC = fastC, plainH = fastC
            z0.withUnsafeBufferPointer { z in
            fastG.withUnsafeMutableBufferPointer { g in
            fastC.withUnsafeMutableBufferPointer { c in
            fastH.withUnsafeMutableBufferPointer { hs in
                if let cPrev {
                    cPrev.withUnsafeBufferPointer {
                        BatchKernels.lstmForward(z, previousCell: $0, rows: rows, hidden: h, gates: g, cells: c, hiddens: hs)
                    }
                } else {
                    BatchKernels.lstmForward(z, previousCell: nil, rows: rows, hidden: h, gates: g, cells: c, hiddens: hs)
                }
            }}}}
            BatchKernels.plainLSTMForward(z0, previousCell: cPrev, rows: rows, hidden: h, gates: &plainG, cells: &plainC,
                                          hiddens: &plainH)
            #expect(FastPathTests.maxRelativeDifference(fastG, plainG) <= 1e-6)
            #expect(FastPathTests.maxRelativeDifference(fastC, plainC) <= 1e-6)
            #expect(FastPathTests.maxRelativeDifference(fastH, plainH) <= 1e-6)

            let above = KernelTests.matrix(rows: rows, columns: h, seed: 89).values
            let next = KernelTests.matrix(rows: rows, columns: h, seed: 90).values
            var fastDC = KernelTests.matrix(rows: rows, columns: h, seed: 91).values, plainDC = fastDC
            var fastDZ = [Float](repeating: 0, count: rows * 4 * h), plainDZ = fastDZ
            above.withUnsafeBufferPointer { a in next.withUnsafeBufferPointer { n in
            fastG.withUnsafeBufferPointer { g in fastC.withUnsafeBufferPointer { c in
            fastDC.withUnsafeMutableBufferPointer { dc in fastDZ.withUnsafeMutableBufferPointer { dz in
                if let cPrev {
                    cPrev.withUnsafeBufferPointer {
                        BatchKernels.lstmBackward(above: a, next: n, cellGradient: dc, gates: g, cells: c, previousCell: $0,
                                                  rows: rows, hidden: h, dz: dz)
                    }
                } else {
                    BatchKernels.lstmBackward(above: a, next: n, cellGradient: dc, gates: g, cells: c, previousCell: nil,
                                              rows: rows, hidden: h, dz: dz)
                }
            }}}}}}
            BatchKernels.plainLSTMBackward(above: above, next: next, cellGradient: &plainDC, gates: fastG, cells: fastC,
                                           previousCell: cPrev, rows: rows, hidden: h, dz: &plainDZ)
            #expect(FastPathTests.maxRelativeDifference(fastDZ, plainDZ) <= 1e-6)
            #expect(FastPathTests.maxRelativeDifference(fastDC, plainDC) <= 1e-6)
        }
    }

    /// Sequences of one length for `network`: one-hot rows when `oneHot`, features otherwise.
    static func batch(count: Int, steps: Int, width: Int, oneHot: Bool, seed: UInt64) -> [Matrix] {
        (0..<count).map { b in
            let m = KernelTests.matrix(rows: steps, columns: width, seed: seed + UInt64(b))
            guard oneHot else { return m }
            var hot = Matrix(rows: steps, columns: width)
            for t in 0..<steps { hot[t, Int((m[t, 0] + 1) * 1000) % width] = 1 }
            return hot
        }
    }

    static func targets(count: Int, steps: Int, outputs: Int, classes: Bool) -> [TrainingTarget] {
        (0..<count).map { b in
            if classes { return .classes((0..<steps).map { t in (t + b) % 3 == 0 ? -1 : (t * 7 + b) % outputs }) }
            return .values(KernelTests.matrix(rows: steps, columns: outputs, seed: 95 + UInt64(b)),
                           mask: (0..<steps).map { ($0 + b) % 2 == 0 })
        }
    }

    /// (input width, hidden, layers, bidirectional, one-hot input, class targets).
    static let shapes = [(5, 3, 1, false, true, true), (63, 40, 1, false, true, true), (4, 9, 2, true, false, false),
                         (7, 16, 2, false, false, true), (6, 12, 1, true, true, false)]

    @Test(arguments: shapes)
    func batchedGradientIsTheSumOfPerSequenceGradients(width: Int, hidden: Int, layers: Int, bidirectional: Bool,
                                                       oneHot: Bool, classes: Bool) throws {
        var random = SplitMix64(seed: 12)
        let network = RecurrentNetwork.initialized(kind: .lstm, inputSize: width, hiddenSize: hidden, layers: layers,
                                                   bidirectional: bidirectional, outputSize: 4, forgetBias: 1, random: &random)
        let layout = try ParameterLayout(of: network)
        let inputs = Self.batch(count: 5, steps: 11, width: width, oneHot: oneHot, seed: 40)
        let targets = Self.targets(count: 5, steps: 11, outputs: 4, classes: classes)
        #expect(network.supportsBatchTraining(inputs))
        let batched = network.batchLossAndGradient(inputs: inputs, targets: targets, layout: layout)
        var sum = [Float](repeating: 0, count: layout.count)
        for (b, (input, target)) in zip(inputs, targets).enumerated() {
            let single = network.lossAndGradient(input: input, target: target)
            for k in sum.indices { sum[k] += single.gradient[k] }
            #expect(abs(batched.losses[b] - single.loss) <= 1e-5 * max(1, abs(single.loss)))
            #expect(FastPathTests.maxRelativeDifference(batched.outputs[b].values, single.outputs.values) <= 1e-5)
        }
        let scale = max(sum.map(abs).max() ?? 0, 1e-6)
        let worst = zip(batched.gradient, sum).map { abs($0 - $1) }.max() ?? 0
        #expect(worst / scale <= 1e-4, "max error \(worst) at scale \(scale)")
    }

    @Test(arguments: [(1, false), (2, true)])
    func batchedGradientMatchesFiniteDifferences(layers: Int, bidirectional: Bool) throws {
        var random = SplitMix64(seed: 21)
        let network = RecurrentNetwork.initialized(kind: .lstm, inputSize: 3, hiddenSize: 4, layers: layers,
                                                   bidirectional: bidirectional, outputSize: 3, forgetBias: 0.5, random: &random)
        let layout = try ParameterLayout(of: network)
        let inputs = Self.batch(count: 3, steps: 6, width: 3, oneHot: false, seed: 60)
        let targets = Self.targets(count: 3, steps: 6, outputs: 3, classes: true)
        let flat = layout.flatten(network)
        let analytic = network.batchLossAndGradient(inputs: inputs, targets: targets, layout: layout).gradient
        func loss(_ values: [Float]) -> Double {
            var n = network
            layout.assign(values, to: &n)
            return n.batchLossAndGradient(inputs: inputs, targets: targets, layout: layout).losses.reduce(0, +)
        }
        let epsilon: Float = 4e-3
        for k in 0..<layout.count {
            var plus = flat, minus = flat
            plus[k] += epsilon
            minus[k] -= epsilon
            let numeric = Float((loss(plus) - loss(minus)) / Double(2 * epsilon))
            #expect(abs(numeric - analytic[k]) / (2e-3 + abs(numeric)) < 2e-2, "[\(k)]: analytic \(analytic[k]) numeric \(numeric)")
        }
    }

    @Test func sameSeedSameBytesWhenBatched() throws {
        let text = String(repeating: "It is a truth universally acknowledged, that a single man in possession. ", count: 20)
        let task = TextTask(text: text)
        func train(seed: UInt64) throws -> [UInt8] {
            var configuration = TrainingConfiguration(defaults: task.defaults, seed: seed)
            configuration.steps = 3
            configuration.hiddenSize = 40
            var trainer = try Trainer(task: task, configuration: configuration)
            var random = SplitMix64(seed: 1)
            #expect(trainer.network.supportsBatchTraining([task.trainingExample(random: &random).input]))
            while !trainer.isFinished { trainer.step() }
            return try ModelExporter.serialize(trainer.finishedNetwork(metric: trainer.evaluate()))
        }
        let a = try train(seed: 5), b = try train(seed: 5), c = try train(seed: 6)
        #expect(a == b)
        #expect(a != c)
    }
}

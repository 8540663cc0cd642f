import CGateKernels
import Testing
@testable import GateCore

#if canImport(Glibc)
import Glibc
#endif

/// The C fast paths (vectorised exp/σ/tanh, the fused LSTM step) against plain Swift and libm.
struct FastPathTests {
    @Test func kernelActivationsAgreeWithLibm() {
        var worstExp: Float = 0, worstSigmoid: Float = 0, worstTanh: Float = 0
        var x: Float = -40
        while x < 40 {
            let e = Float(exp(Double(x)))
            worstExp = max(worstExp, abs(gk_exp_scalar(x) - e) / e)
            worstSigmoid = max(worstSigmoid, abs(gk_sigmoid_scalar(x) - Activation.sigmoid(x)))
            worstTanh = max(worstTanh, abs(gk_tanh_scalar(x) - tanhf(x)))
            x += 0.00173
        }
        #expect(worstExp < 3e-7)
        #expect(worstSigmoid < 2e-7)
        #expect(worstTanh < 2e-7)
        #expect(gk_sigmoid_scalar(-200) == 0 || gk_sigmoid_scalar(-200) < 1e-37)
        #expect(gk_sigmoid_scalar(200) == 1)
        #expect(gk_tanh_scalar(50) == 1 && gk_tanh_scalar(-50) == -1)
    }

    static func lstm(input: Int, hidden: Int, projection: Int? = nil, peepholes: Bool = false,
                     clip: Float? = nil, coupled: Bool = false, seed: UInt64) -> LSTMWeights {
        let r = projection ?? hidden
        return LSTMWeights(
            inputWeights: KernelTests.matrix(rows: 4 * hidden, columns: input, seed: seed),
            recurrentWeights: KernelTests.matrix(rows: 4 * hidden, columns: r, seed: seed + 1),
            inputBias: KernelTests.matrix(rows: 1, columns: 4 * hidden, seed: seed + 2).values,
            recurrentBias: KernelTests.matrix(rows: 1, columns: 4 * hidden, seed: seed + 3).values,
            peepholes: peepholes ? KernelTests.matrix(rows: 3, columns: hidden, seed: seed + 4) : nil,
            projection: projection.map { KernelTests.matrix(rows: $0, columns: hidden, seed: seed + 5) },
            clip: clip, couplesInputAndForget: coupled)
    }

    /// (input, hidden, projection, peepholes, clip, coupled): every branch of the fused LSTM step.
    static let lstmCases = [
        (3, 5, nil as Int?, false, nil as Float?, false),
        (1, 8, nil, false, nil, false),
        (7, 33, nil, true, nil, false),
        (4, 6, 3, false, nil, false),
        (4, 6, nil, true, 0.8, false),
        (2, 17, nil, false, nil, true),
    ]

    @Test(arguments: lstmCases)
    func fastLSTMMatchesReference(input: Int, hidden: Int, projection: Int?, peepholes: Bool, clip: Float?,
                                  coupled: Bool) {
        let weights = Self.lstm(input: input, hidden: hidden, projection: projection, peepholes: peepholes,
                                clip: clip, coupled: coupled, seed: 11)
        let inputs = KernelTests.matrix(rows: 37, columns: input, seed: 99)
        for reverse in [false, true] {
            let fast = weights.run(inputs, reverse: reverse)
            let reference = weights.referenceRun(inputs, reverse: reverse)
            #expect(Set(fast.series.keys) == Set(reference.series.keys))
            // 37 recurrent steps in float32 with another exp/tanh and summation order: measured at most
            // 1.8e-6 under AVX2 (fused multiply-adds) and 2.03e-6 under SSE2, about 17 ulp of 1.
            for (name, matrix) in reference.series {
                let difference = Self.maxRelativeDifference(fast.series[name]!.values, matrix.values)
                #expect(difference <= 3e-6, "\(name) differs by \(difference)")
            }
            #expect(Self.maxRelativeDifference(fast.finalState.cell, reference.finalState.cell) <= 3e-6)
        }
    }

    /// (input, hidden, resetAfter).
    static let gruCases = [(3, 5, true), (1, 8, true), (7, 33, true), (4, 6, false)]

    @Test(arguments: gruCases)
    func fastGRUMatchesReference(input: Int, hidden: Int, resetAfter: Bool) {
        let weights = GRUWeights(
            inputWeights: KernelTests.matrix(rows: 3 * hidden, columns: input, seed: 21),
            recurrentWeights: KernelTests.matrix(rows: 3 * hidden, columns: hidden, seed: 22)
                .scaled(by: 1 / Float(hidden).squareRoot()),
            inputBias: KernelTests.matrix(rows: 1, columns: 3 * hidden, seed: 23).values,
            recurrentBias: KernelTests.matrix(rows: 1, columns: 3 * hidden, seed: 24).values,
            resetAfter: resetAfter)
        let inputs = KernelTests.matrix(rows: 29, columns: input, seed: 25)
        for reverse in [false, true] {
            let fast = weights.run(inputs, reverse: reverse)
            let reference = weights.referenceRun(inputs, reverse: reverse)
            #expect(Set(fast.series.keys) == Set(reference.series.keys))
            for (name, matrix) in reference.series {
                #expect(Self.maxRelativeDifference(fast.series[name]!.values, matrix.values) <= 2e-6, "\(name)")
            }
        }
    }

    @Test(arguments: [false, true])
    func fastRNNMatchesReference(relu: Bool) {
        let weights = RNNWeights(
            inputWeights: KernelTests.matrix(rows: 19, columns: 4, seed: 31),
            recurrentWeights: KernelTests.matrix(rows: 19, columns: 19, seed: 32).scaled(by: 1 / Float(19).squareRoot()),
            inputBias: KernelTests.matrix(rows: 1, columns: 19, seed: 33).values,
            recurrentBias: KernelTests.matrix(rows: 1, columns: 19, seed: 34).values,
            usesRelu: relu)
        let inputs = KernelTests.matrix(rows: 23, columns: 4, seed: 35)
        for reverse in [false, true] {
            let fast = weights.run(inputs, reverse: reverse)
            let reference = weights.referenceRun(inputs, reverse: reverse)
            for (name, matrix) in reference.series {
                #expect(Self.maxRelativeDifference(fast.series[name]!.values, matrix.values) <= 2e-6, "\(name)")
            }
        }
    }

    @Test(arguments: [0, 1, 3])
    func edgeSizesRunOnEveryPath(steps: Int) throws {
        // One unit, one feature, and sequences of length 0 and 1: the fast paths' pointer loops
        // and uninitialised arrays must still give the reference's shapes and numbers.
        let lstm = Self.lstm(input: 1, hidden: 1, seed: 41)
        let projected = Self.lstm(input: 2, hidden: 3, projection: 1, seed: 42)
        let gru = GRUWeights(inputWeights: KernelTests.matrix(rows: 3, columns: 1, seed: 43),
                             recurrentWeights: KernelTests.matrix(rows: 3, columns: 1, seed: 44))
        let rnn = RNNWeights(inputWeights: KernelTests.matrix(rows: 1, columns: 1, seed: 45),
                             recurrentWeights: KernelTests.matrix(rows: 1, columns: 1, seed: 46))
        let one = KernelTests.matrix(rows: steps, columns: 1, seed: 47)
        let two = KernelTests.matrix(rows: steps, columns: 2, seed: 48)
        let pairs: [(LayerRun, LayerRun)] = [
            (lstm.run(one), lstm.referenceRun(one)), (lstm.run(one, reverse: true), lstm.referenceRun(one, reverse: true)),
            (projected.run(two), projected.referenceRun(two)),
            (gru.run(one), gru.referenceRun(one)), (rnn.run(one), rnn.referenceRun(one)),
        ]
        for (fast, reference) in pairs {
            #expect(Set(fast.series.keys) == Set(reference.series.keys))
            for (name, matrix) in reference.series {
                let other = try #require(fast.series[name])
                #expect(other.rows == steps && other.columns == matrix.columns, "\(name)")
                #expect(Self.maxRelativeDifference(other.values, matrix.values) <= 2e-6, "\(name)")
            }
            #expect(fast.finalState.hidden.count == reference.finalState.hidden.count)
        }
    }

    /// Largest |a − b| / max(1, |b|): absolute near zero, relative for large cell values.
    static func maxRelativeDifference(_ a: [Float], _ b: [Float]) -> Float {
        guard a.count == b.count else { return .infinity }
        return zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1) / max(1, abs($1.1))) }
    }

    @Test func liveAppendContinuesFromTheLastState() throws {
        let weights = Self.lstm(input: 3, hidden: 5, seed: 3)
        let network = RecurrentNetwork(layers: [[.lstm(weights)], [.lstm(Self.lstm(input: 5, hidden: 4, seed: 8))]])
        let inputs = KernelTests.matrix(rows: 20, columns: 3, seed: 5)
        let whole = try SequenceStepper(network: network, input: inputs)
        var live = try SequenceStepper(network: network, input: inputs.rows(0..<7))
        try live.append(inputs.rows(7..<8))
        try live.append(inputs.rows(8..<20))
        #expect(live.steps == 20)
        for layer in whole.trace.layers {
            for (name, matrix) in layer.series {
                let other = live.trace.layer(layer.layer)!.series[name]!
                #expect(matrix.maxAbsDifference(other) <= 1e-6, "\(layer.key).\(name)")
            }
        }
    }

    @Test func steppingBackReturnsIdenticalState() throws {
        let weights = Self.lstm(input: 2, hidden: 4, seed: 1)
        let network = RecurrentNetwork(layers: [[.lstm(weights)]])
        let inputs = KernelTests.matrix(rows: 9, columns: 2, seed: 2)
        var stepper = try SequenceStepper(network: network, input: inputs)
        // The independent plain-Swift run: what every step must show, before and after moving.
        let reference = weights.referenceRun(inputs)
        func matchesReference() -> Bool {
            reference.series.allSatisfy { name, matrix in
                guard let held = stepper.trace.layer(0)?.series[name] else { return false }
                return Self.maxRelativeDifference(held.values, matrix.values) <= 2e-6
            }
        }
        #expect(matchesReference())
        stepper.jump(to: 8)
        #expect(stepper.position == 8)
        let movedPastEnd = stepper.stepForward()
        #expect(!movedPastEnd)
        for _ in 0..<8 { stepper.stepBack() }
        #expect(stepper.position == 0)
        let movedBeforeStart = stepper.stepBack()
        #expect(!movedBeforeStart)
        #expect(matchesReference())
        stepper.jump(to: 100)
        #expect(stepper.position == 8)
    }

    @Test func nonFiniteInputIsRefusedWithItsPosition() {
        let network = RecurrentNetwork(layers: [[.lstm(Self.lstm(input: 2, hidden: 4, seed: 1))]])
        var input = KernelTests.matrix(rows: 5, columns: 2, seed: 2)
        input[3, 1] = .nan
        #expect(throws: ShapeError("the input holds nan at step 4, feature 2; gatescope needs finite numbers")) {
            try network.run(input)
        }
    }
}

extension Matrix {
    /// Every element multiplied by `factor` (PyTorch-like init scale keeps random recurrences stable).
    func scaled(by factor: Float) -> Matrix {
        Matrix(rows: rows, columns: columns, values: values.map { $0 * factor })
    }
}

import CGateKernels
import Testing
@testable import GateCore

/// GateCore's fast runs are checked before their pointers reach C: a wrong state size or peephole
/// shape stops with a message instead of overflowing a buffer; NaN goes through the vectorised
/// activations as NaN (no undefined integer conversion); `clip <= 0` means "no clip" everywhere.
struct KernelBoundaryTests {
    @Test func nanPropagatesThroughTheVectorisedActivations() {
        #expect(gk_exp_scalar(.nan).isNaN)
        #expect(gk_sigmoid_scalar(.nan).isNaN)
        #expect(gk_tanh_scalar(.nan).isNaN)
        #expect(gk_exp_scalar(-.infinity) < 1e-37 && gk_exp_scalar(.infinity) > 1e38)
    }

    @Test func nanInAnInputGivesNaNInTheFastRun() {
        let weights = FastPathTests.lstm(input: 2, hidden: 5, seed: 3)
        var inputs = KernelTests.matrix(rows: 4, columns: 2, seed: 5)
        inputs[1, 0] = .nan
        let run = weights.run(inputs)
        #expect(!run.series[SeriesName.hidden]!.row(0).contains { $0.isNaN })
        #expect(run.series[SeriesName.hidden]!.row(1).allSatisfy { $0.isNaN })
    }

    @Test(arguments: [Float(0), -1])
    func aClipOfZeroOrLessMeansNoClip(clip: Float) {
        let clipped = FastPathTests.lstm(input: 3, hidden: 6, clip: clip, seed: 21)
        let unclipped = FastPathTests.lstm(input: 3, hidden: 6, clip: nil, seed: 21)
        let inputs = KernelTests.matrix(rows: 9, columns: 3, seed: 8)
        let expected = unclipped.referenceRun(inputs).series[SeriesName.hidden]!
        #expect(clipped.referenceRun(inputs).series[SeriesName.hidden]! == expected, "Swift reference")
        let fast = clipped.run(inputs).series[SeriesName.hidden]!
        let worst = zip(fast.values, expected.values).map { abs($0 - $1) }.max() ?? 0
        #expect(worst < 1e-5, "C kernel")
    }

    @Test func aStateOfTheWrongSizeStopsBeforeTheKernel() async {
        await #expect(processExitsWith: .failure) {
            let weights = FastPathTests.lstm(input: 2, hidden: 8, seed: 1)
            _ = weights.run(KernelTests.matrix(rows: 3, columns: 2, seed: 2),
                            from: RecurrentState(hidden: [0, 0], cell: [0, 0]))
        }
    }

    @Test func peepholesOfTheWrongShapeStopBeforeTheKernel() async {
        await #expect(processExitsWith: .failure) {
            var weights = FastPathTests.lstm(input: 2, hidden: 8, seed: 1)
            weights.peepholes = Matrix(rows: 1, columns: 2, values: [0.1, 0.2])
            _ = weights.run(KernelTests.matrix(rows: 3, columns: 2, seed: 2))
        }
    }

    @Test func anInputOfTheWrongWidthStopsBeforeTheKernel() async {
        await #expect(processExitsWith: .failure) {
            let weights = GRUWeights(inputWeights: KernelTests.matrix(rows: 9, columns: 2, seed: 1),
                                     recurrentWeights: KernelTests.matrix(rows: 9, columns: 3, seed: 2),
                                     inputBias: nil, recurrentBias: nil)
            _ = weights.run(KernelTests.matrix(rows: 3, columns: 5, seed: 2))
        }
    }
}

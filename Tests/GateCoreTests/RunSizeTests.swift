import Testing
@testable import GateCore

/// `wholeRunBytes` (counted from a one-step run) is what a real run of T steps holds, for every cell
/// kind and network shape, and saturates instead of overflowing.
struct RunSizeTests {
    /// Bytes of every matrix a trace holds, counted from the arrays themselves.
    static func heldBytes(_ trace: NetworkTrace) -> Int {
        var floats = trace.input.values.count + (trace.output?.values.count ?? 0)
        for layer in trace.layers { floats += layer.series.values.reduce(0) { $0 + $1.values.count } }
        return floats * 4
    }

    @Test(arguments: 0..<8, 0..<5)
    func estimateEqualsWhatARealRunHolds(cell: Int, shape: Int) throws {
        let network = CheckpointedRunTests.network(cell: cell, shape: shape)
        let steps = 37
        let input = KernelTests.matrix(rows: steps, columns: network.inputSize, seed: 11)
        let trace = try network.run(input)
        #expect(try network.wholeRunBytes(steps: steps) == Self.heldBytes(trace))
        #expect(Self.heldBytes(trace) > 0)
    }

    @Test func aHugeStepCountSaturatesInsteadOfOverflowing() throws {
        let network = CheckpointedRunTests.network(cell: 0, shape: 3)
        #expect(try network.wholeRunBytes(steps: Int.max / 2) == Int.max)
        #expect(try network.wholeRunBytes(steps: 0) == 0)
    }
}

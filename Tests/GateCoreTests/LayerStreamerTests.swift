import Testing
@testable import GateCore

/// `LayerStreamer` (record's chunked run into buffers allocated once) gives bit-identical series and
/// state to running the layer chunk by chunk with `run(_:from:)`, for every cell kind and LSTM variant.
struct LayerStreamerTests {
    static let cells: [(String, CellWeights)] = [
        ("lstm", .lstm(FastPathTests.lstm(input: 3, hidden: 5, seed: 1))),
        ("lstm peepholes+clip", .lstm(FastPathTests.lstm(input: 4, hidden: 6, peepholes: true, clip: 0.8, seed: 2))),
        ("lstm projection", .lstm(FastPathTests.lstm(input: 4, hidden: 6, projection: 3, seed: 3))),
        ("lstm coupled", .lstm(FastPathTests.lstm(input: 2, hidden: 17, coupled: true, seed: 4))),
        ("gru", .gru(GRUWeights(inputWeights: KernelTests.matrix(rows: 15, columns: 3, seed: 5),
                                recurrentWeights: KernelTests.matrix(rows: 15, columns: 5, seed: 6)))),
        ("gru reset before", .gru(GRUWeights(inputWeights: KernelTests.matrix(rows: 15, columns: 3, seed: 7),
                                             recurrentWeights: KernelTests.matrix(rows: 15, columns: 5, seed: 8),
                                             resetAfter: false))),
        ("rnn relu", .rnn(RNNWeights(inputWeights: KernelTests.matrix(rows: 5, columns: 3, seed: 9),
                                     recurrentWeights: KernelTests.matrix(rows: 5, columns: 5, seed: 10), usesRelu: true))),
    ]

    @Test(arguments: 0..<7)
    func chunksEqualRunsOverTheSameChunks(cellIndex: Int) {
        let (label, weights) = Self.cells[cellIndex]
        // 61 steps in chunks of 20: three tiled-projection chunks and a short one.
        let inputs = KernelTests.matrix(rows: 61, columns: weights.inputSize, seed: 42)
        let streamer = LayerStreamer(weights: weights, capacity: 20)
        var state = RecurrentState.zero(for: weights)
        var start = 0
        while start < inputs.rows {
            let end = min(start + 20, inputs.rows)
            let chunk = inputs.rows(start..<end)
            let expected = weights.run(chunk, from: state)
            state = expected.finalState
            chunk.values.withUnsafeBufferPointer { streamer.run($0.baseAddress!, steps: end - start) }
            #expect(Set(streamer.seriesNames) == Set(expected.series.keys), "\(label)")
            for (k, name) in streamer.seriesNames.enumerated() {
                #expect(Array(streamer.series(k)) == expected.series[name]!.values, "\(label) \(name) steps \(start)..<\(end)")
            }
            start = end
        }
    }
}

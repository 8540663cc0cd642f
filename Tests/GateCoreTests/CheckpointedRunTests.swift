import Testing
@testable import GateCore

/// A run computed chunk by chunk from checkpoints (`CheckpointedRun`) gives bit-identical values to the
/// whole run from the start, for every cell kind and LSTM variant, stacked, bidirectional and
/// reverse-reading, whatever order the chunks are asked for in.
struct CheckpointedRunTests {
    /// Every cell kind and variant: a layer of `hidden` units reading `input` values.
    static func cell(_ index: Int, input: Int, seed: UInt64) -> CellWeights {
        let m = { (rows: Int, columns: Int, offset: UInt64) in KernelTests.matrix(rows: rows, columns: columns, seed: seed + offset) }
        switch index {
        case 0: return .lstm(FastPathTests.lstm(input: input, hidden: 5, seed: seed))
        case 1: return .lstm(FastPathTests.lstm(input: input, hidden: 6, peepholes: true, clip: 0.8, seed: seed))
        case 2: return .lstm(FastPathTests.lstm(input: input, hidden: 6, projection: 3, seed: seed))
        case 3: return .lstm(FastPathTests.lstm(input: input, hidden: 7, coupled: true, seed: seed))
        case 4: return .gru(GRUWeights(inputWeights: m(15, input, 0), recurrentWeights: m(15, 5, 1),
                                       inputBias: m(1, 15, 2).values, recurrentBias: m(1, 15, 3).values))
        case 5: return .gru(GRUWeights(inputWeights: m(15, input, 0), recurrentWeights: m(15, 5, 1),
                                       inputBias: m(1, 15, 2).values, recurrentBias: m(1, 15, 3).values, resetAfter: false))
        case 6: return .rnn(RNNWeights(inputWeights: m(5, input, 0), recurrentWeights: m(5, 5, 1),
                                       inputBias: m(1, 5, 2).values, recurrentBias: m(1, 5, 3).values, usesRelu: false))
        default: return .rnn(RNNWeights(inputWeights: m(5, input, 0), recurrentWeights: m(5, 5, 1),
                                        inputBias: m(1, 5, 2).values, recurrentBias: m(1, 5, 3).values, usesRelu: true))
        }
    }

    static let cellLabels = ["lstm", "lstm peepholes+clip", "lstm projection", "lstm coupled", "gru",
                             "gru reset before", "rnn tanh", "rnn relu"]

    /// Shapes of network: layers × directions, and whether the single direction reads backward.
    static let shapes: [(label: String, layers: Int, directions: Int, backward: Bool)] = [
        ("one layer", 1, 1, false), ("stacked", 3, 1, false), ("bidirectional", 1, 2, false),
        ("stacked bidirectional", 2, 2, false), ("reverse-reading stacked", 2, 1, true),
    ]

    static func network(cell index: Int, shape: Int, input: Int = 3) -> RecurrentNetwork {
        let (_, layerCount, directions, backward) = shapes[shape]
        var layers: [[CellWeights]] = []
        var width = input
        for layer in 0..<layerCount {
            let cells = (0..<directions).map { cell(index, input: width, seed: UInt64(100 * layer + 10 * $0 + index)) }
            layers.append(cells)
            width = cells.reduce(0) { $0 + $1.outputSize }
        }
        let head = LinearHead(weights: KernelTests.matrix(rows: 2, columns: width, seed: 77),
                              bias: KernelTests.matrix(rows: 1, columns: 2, seed: 78).values)
        var network = RecurrentNetwork(layers: layers, head: head)
        network.readsBackward = backward
        return network
    }

    /// The network of cell `cell` and shape `shape`, its whole run over a `steps`-step input, and the
    /// lazy run over the same input in 16-step chunks.
    static func runs(cell: Int, shape: Int, steps: Int) throws -> (String, RecurrentNetwork, NetworkTrace, CheckpointedRun) {
        let network = Self.network(cell: cell, shape: shape)
        let input = KernelTests.matrix(rows: steps, columns: 3, seed: UInt64(steps))
        return ("\(cellLabels[cell]), \(shapes[shape].label)", network, try network.run(input),
                try CheckpointedRun(network: network, input: input, chunkSize: 16))
    }

    @Test(arguments: 0..<8, 0..<5)
    func chunksInAnyOrderEqualTheWholeRun(cellIndex: Int, shape: Int) throws {
        // 16-step chunks; 87 steps leave 7 over, which join the last chunk (5 chunks).
        let (label, _, whole, lazy) = try Self.runs(cell: cellIndex, shape: shape, steps: 87)
        #expect(lazy.boundaries == [0, 16, 32, 48, 64, 87], "\(label)")
        // The end first (a jump), then the middle, the start, and the rest.
        for chunk in [4, 2, 0, 1, 3, 4] {
            let rows = lazy.range(ofChunk: chunk)
            let part = lazy.trace(ofChunk: chunk)
            #expect(part.steps == rows.count, "\(label) chunk \(chunk)")
            Self.expect(part, equals: whole, rows: rows, "\(label) chunk \(chunk)")
        }
    }

    /// `part` holds rows `rows` of `whole`, bit for bit (Float == on every value).
    static func expect(_ part: NetworkTrace, equals whole: NetworkTrace, rows: Range<Int>, _ label: String) {
        #expect(part.input == whole.input.rows(rows), "\(label) input")
        #expect(part.output == whole.output?.rows(rows), "\(label) output")
        #expect(part.layers.map(\.key) == whole.layers.map(\.key), "\(label)")
        for (got, want) in zip(part.layers, whole.layers) {
            #expect(Set(got.series.keys) == Set(want.series.keys), "\(label) \(got.key)")
            for (name, matrix) in want.series {
                #expect(got.series[name] == matrix.rows(rows), "\(label) \(got.key) \(name)")
            }
        }
    }

    @Test(arguments: 0..<8, 0..<5)
    func checkpointsAreTheWholeRunsStates(cellIndex: Int, shape: Int) throws {
        // 84 steps: 20 over the last multiple of 16 make a chunk of their own.
        let (label, network, whole, lazy) = try Self.runs(cell: cellIndex, shape: shape, steps: 84)
        let input = whole.input
        #expect(lazy.boundaries == [0, 16, 32, 48, 64, 84], "\(label)")
        // The end fills every forward-reading checkpoint, the start every reverse-reading one.
        _ = lazy.trace(ofChunk: lazy.chunkCount - 1)
        _ = lazy.trace(ofChunk: 0)
        #expect(lazy.forwardCheckpointsKnown == lazy.chunkCount, "\(label)")
        for layer in network.layers.indices {
            for direction in network.layers[layer].indices {
                let reverse = network.isReverse(direction: direction)
                let trace = try #require(whole.layer(layer, reverse: reverse))
                for chunk in 0..<lazy.chunkCount {
                    let state = try #require(lazy.checkpoint(layer: layer, direction: direction, chunk: chunk),
                                             "\(label) layer \(layer) direction \(direction) chunk \(chunk)")
                    // Forward: the state after the step before the chunk; reverse: after the step after it.
                    let row = reverse ? lazy.range(ofChunk: chunk).upperBound : lazy.range(ofChunk: chunk).lowerBound - 1
                    guard row >= 0, row < input.rows else {
                        #expect(state == RecurrentState.zero(for: network.layers[layer][direction]), "\(label) start state")
                        continue
                    }
                    #expect(state.hidden == trace.hidden.row(row), "\(label) layer \(layer) chunk \(chunk) h")
                    #expect(state.cell == (trace.series[SeriesName.cell]?.row(row) ?? []), "\(label) layer \(layer) chunk \(chunk) c")
                }
            }
        }
    }

    @Test func forwardCheckpointsFillOnlyAsFarAsAsked() throws {
        let network = Self.network(cell: 0, shape: 1)
        let input = KernelTests.matrix(rows: 160, columns: 3, seed: 7)
        let lazy = try CheckpointedRun(network: network, input: input, chunkSize: 16)
        _ = lazy.trace(ofChunk: 0)
        #expect(lazy.forwardCheckpointsKnown == 2)
        _ = lazy.trace(ofChunk: 5)
        #expect(lazy.forwardCheckpointsKnown == 7)
        // Chunk 3 again starts from its checkpoint: one run per layer, none before it.
        let before = lazy.chunkRunsComputed
        _ = lazy.trace(ofChunk: 3)
        #expect(lazy.chunkRunsComputed - before == network.layers.count)
        #expect(lazy.forwardCheckpointsKnown == 7)
    }

    @Test func shortRunsAndBadSizes() throws {
        #expect(CheckpointedRun.boundaries(steps: 0, chunkSize: 16) == [0])
        #expect(CheckpointedRun.boundaries(steps: 10, chunkSize: 16) == [0, 10])
        #expect(CheckpointedRun.boundaries(steps: 31, chunkSize: 16) == [0, 31])
        #expect(CheckpointedRun.boundaries(steps: 32, chunkSize: 16) == [0, 16, 32])
        #expect(CheckpointedRun.boundaries(steps: 47, chunkSize: 32) == [0, 47])
        #expect(CheckpointedRun.boundaries(steps: 48, chunkSize: 32) == [0, 32, 48])
        #expect(CheckpointedRun.boundaries(steps: 2050, chunkSize: 1024) == [0, 1024, 2050])
        let network = Self.network(cell: 0, shape: 0)
        #expect(throws: ShapeError.self) { try CheckpointedRun(network: network, input: Matrix(rows: 4, columns: 3), chunkSize: 24) }
        #expect(throws: ShapeError.self) { try CheckpointedRun(network: network, input: Matrix(rows: 4, columns: 2)) }
        #expect(throws: ShapeError.self) { try CheckpointedRun(network: network, input: Matrix(rows: 4, columns: 3), tokens: [1]) }
        let input = KernelTests.matrix(rows: 10, columns: 3, seed: 8)
        let lazy = try CheckpointedRun(network: network, input: input, chunkSize: 16)
        #expect(lazy.trace(ofChunk: 0) == (try network.run(input)))
    }
}

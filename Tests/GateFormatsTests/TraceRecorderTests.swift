import GateCore
import GateFormats
import Testing

/// Recording in chunks must give the trace a whole-sequence run gives.
struct TraceRecorderTests {
    @Test(arguments: [CellKind.lstm, .gru, .rnnTanh])
    func chunkedRecordingEqualsWholeRun(kind: CellKind) throws {
        let network = ModelTestSupport.network(kind, input: 3, hidden: 5, layers: 2, head: 2)
        let input = ModelTestSupport.matrix(53, 3, seed: 9)
        let directory = ModelTestSupport.temporaryDirectory()
        defer { ModelTestSupport.removeDirectory(directory) }
        let chunked = directory + "/chunked.safetensors", whole = directory + "/whole.safetensors"
        let steps = try TraceRecorder.record(network, input: input, tokens: Array(0..<53), to: chunked, chunkSteps: 7)
        #expect(steps == 53)
        try TraceFile.write(try network.run(input, tokens: Array(0..<53)), network: network, to: whole)
        let a = try TraceFile.read(path: chunked).trace, b = try TraceFile.read(path: whole).trace
        #expect(a.tokens == b.tokens)
        #expect(a.input == b.input)
        #expect(a.output!.maxAbsDifference(b.output!) <= 1e-6)
        #expect(a.layers.count == b.layers.count)
        for layer in b.layers {
            let other = try #require(a.layer(layer.layer, reverse: layer.isReverse))
            #expect(Set(other.series.keys) == Set(layer.series.keys))
            for (name, matrix) in layer.series {
                #expect(other.series[name]!.maxAbsDifference(matrix) <= 1e-6, "\(layer.key).\(name)")
            }
        }
    }

    @Test func chunkedRecordingStartsFromTheNetworksInitialState() throws {
        var network = ModelTestSupport.network(.lstm, input: 3, hidden: 5, layers: 2, head: 2)
        network.initialStates = network.layers.map { layer in
            layer.map { _ in RecurrentState(hidden: (0..<5).map { Float($0) / 10 - 0.2 }, cell: (0..<5).map { 0.3 - Float($0) / 10 }) }
        }
        let input = ModelTestSupport.matrix(20, 3, seed: 4)
        let path = ModelTestSupport.temporaryDirectory() + "/started.safetensors"
        defer { ModelTestSupport.removeDirectory(containing: path) }
        try TraceRecorder.record(network, input: input, to: path, chunkSteps: 6)
        let recorded = try TraceFile.read(path: path).trace
        let whole = try network.run(input)
        for layer in whole.layers {
            let other = try #require(recorded.layer(layer.layer, reverse: false))
            #expect(other.hidden.maxAbsDifference(layer.hidden) <= 1e-6, "\(layer.key)")
        }
    }

    @Test func bidirectionalNetworksRecordedInChunksMatchTheWholeRun() throws {
        let network = ModelTestSupport.network(.lstm, input: 2, hidden: 3, bidirectional: true)
        let input = ModelTestSupport.matrix(20, 2, seed: 4)
        let path = ModelTestSupport.temporaryDirectory() + "/bidir.safetensors"
        defer { ModelTestSupport.removeDirectory(containing: path) }
        try TraceRecorder.record(network, input: input, to: path, chunkSteps: 4)
        let trace = try TraceFile.read(path: path).trace
        let expected = try network.run(input)
        #expect(trace.layer(0, reverse: true)!.hidden == expected.layer(0, reverse: true)!.hidden)
    }

    @Test func nonFiniteInputIsRefusedBeforeAnythingIsWritten() throws {
        let network = ModelTestSupport.network(.lstm, input: 2, hidden: 3)
        var input = ModelTestSupport.matrix(10, 2, seed: 4)
        input[2, 0] = .infinity
        let path = ModelTestSupport.temporaryDirectory() + "/bad.safetensors"
        defer { ModelTestSupport.removeDirectory(containing: path) }
        #expect(throws: ShapeError.self) { try TraceRecorder.record(network, input: input, to: path, chunkSteps: 4) }
        #expect(throws: (any Error).self) { try SafeTensors(path: path) }
    }
}

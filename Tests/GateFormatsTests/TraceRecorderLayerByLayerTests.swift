import Foundation
import GateCore
import GateFormats
import Testing

/// Networks that read backward (bidirectional, reverse-reading, stacked) are recorded layer by layer,
/// chunk by chunk; the file must be byte for byte the one the whole run writes.
struct TraceRecorderLayerByLayerTests {
    /// Network shapes: layers, bidirectional, reverse-reading.
    static let shapes: [(label: String, layers: Int, bidirectional: Bool, backward: Bool)] = [
        ("bidirectional", 1, true, false), ("stacked bidirectional", 2, true, false),
        ("reverse-reading stacked", 2, false, true), ("reverse-reading", 1, false, true),
    ]

    static func network(_ kind: CellKind, projection: Int, shape: Int, resetBefore: Bool = false) -> RecurrentNetwork {
        let (_, layers, bidirectional, backward) = shapes[shape]
        var network = ModelTestSupport.network(kind, input: 3, hidden: 5, layers: layers, bidirectional: bidirectional,
                                               projection: projection, head: 2)
        network.readsBackward = backward
        if resetBefore {
            network.layers = network.layers.map { directions in
                directions.map { cell -> CellWeights in
                    guard case .gru(var weights) = cell else { return cell }
                    weights.resetAfter = false
                    return .gru(weights)
                }
            }
        }
        return network
    }

    /// Records `network` over `input` both ways and compares the files' bytes.
    static func compare(_ network: RecurrentNetwork, input: Matrix, tokens: [Int]?, annotations: [AnnotationTrack],
                        chunkSteps: Int, label: String) throws {
        let directory = ModelTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let chunked = directory + "/chunked.safetensors", whole = directory + "/whole.safetensors"
        let steps = try TraceRecorder.record(network, input: input, tokens: tokens, to: chunked, model: "m.pt", inputSource: "x.npy",
                                             annotations: annotations, chunkSteps: chunkSteps)
        #expect(steps == input.rows)
        var trace = try network.run(input, tokens: tokens)
        trace.annotations = annotations
        let metadata = TraceMetadata(network: network, steps: input.rows, model: "m.pt", input: "x.npy",
                                     extra: TraceAnnotations.metadata(annotations))
        // Streamed (tokens as [T, 1], as every streamed trace has them) …
        try TraceFile.write(trace, metadata: metadata, to: whole, streamingAbove: 0)
        let a = try Data(contentsOf: URL(fileURLWithPath: chunked)), b = try Data(contentsOf: URL(fileURLWithPath: whole))
        #expect(a.count == b.count && a == b, "\(label) chunk \(chunkSteps): the files differ")
        // … and, without tokens, the file written in one piece.
        if tokens == nil {
            try TraceFile.write(trace, metadata: metadata, to: whole)
            #expect(try Data(contentsOf: URL(fileURLWithPath: whole)) == a, "\(label): differs from the one-piece file")
        }
    }

    /// Cell kinds, with an LSTM projection size (0 for none).
    static let cells: [(kind: CellKind, projection: Int)] = [(.lstm, 0), (.lstm, 3), (.gru, 0), (.rnnTanh, 0), (.rnnRelu, 0)]

    @Test(arguments: 0..<5, 0..<4)
    func theFileIsTheWholeRunsFile(cell: Int, shape: Int) throws {
        let (kind, projection) = Self.cells[cell]
        let network = Self.network(kind, projection: projection, shape: shape)
        // 53 steps: chunks of 16 leave 21 for the last; 20 is rounded up to 32 (21 left); 7 to 16.
        let input = ModelTestSupport.matrix(53, 3, seed: 21)
        let tokens = (0..<53).map { $0 % 7 }
        let marks = AnnotationTrack(name: "mark", values: .labels((0..<53).map { $0 % 5 == 0 ? "yes" : "" }))
        for (withTokens, chunk) in [(false, 16), (true, 16), (false, 20), (true, 7)] {
            try Self.compare(network, input: input, tokens: withTokens ? tokens : nil, annotations: withTokens ? [marks] : [],
                             chunkSteps: chunk, label: "\(kind) projection \(projection) \(Self.shapes[shape].label) tokens \(withTokens)")
        }
    }

    @Test func kerasResetBeforeGRUAndInitialStates() throws {
        var network = Self.network(.gru, projection: 0, shape: 1, resetBefore: true)
        try Self.compare(network, input: ModelTestSupport.matrix(70, 3, seed: 3), tokens: nil, annotations: [],
                         chunkSteps: 16, label: "gru reset before")
        network = Self.network(.lstm, projection: 0, shape: 1)
        network.initialStates = network.layers.map { layer in
            layer.map { _ in RecurrentState(hidden: (0..<5).map { Float($0) / 10 - 0.2 }, cell: (0..<5).map { 0.3 - Float($0) / 10 }) }
        }
        try Self.compare(network, input: ModelTestSupport.matrix(70, 3, seed: 4), tokens: nil, annotations: [],
                         chunkSteps: 16, label: "lstm initial states")
    }

    @Test func positionalWritesAreChecked() throws {
        let directory = ModelTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let writer = try StreamingSafeTensorsWriter(path: directory + "/w.safetensors",
                                                    tensors: [.init(name: "a", rows: 4, columns: 2), .init(name: "b", rows: 2, columns: 1)])
        let a = try #require(writer.tensorIndex(named: "a")), b = try #require(writer.tensorIndex(named: "b"))
        let rows: [Float] = [5, 6, 7, 8]
        try rows.withUnsafeBufferPointer { try writer.write(rows: $0, toTensor: a, atRow: 2) }
        // Outside the tensor, not whole rows, or appended after a placed write: refused.
        #expect(throws: FormatError.self) { try rows.withUnsafeBufferPointer { try writer.write(rows: $0, toTensor: a, atRow: 3) } }
        #expect(throws: FormatError.self) { try rows.withUnsafeBufferPointer { try writer.write(rows: UnsafeBufferPointer(rebasing: $0[0..<3]), toTensor: a, atRow: 0) } }
        #expect(throws: FormatError.self) { try writer.append(row: [1, 2], to: "a") }
        var back = [Float](repeating: 0, count: 4)
        try back.withUnsafeMutableBufferPointer { try writer.read(rowsOf: a, atRow: 2, into: $0) }
        #expect(back == rows)
        try [Float](arrayLiteral: 1, 2, 3, 4).withUnsafeBufferPointer { try writer.write(rows: $0, toTensor: a, atRow: 0) }
        // Appended rows take no placed write, and the file is finished only when every row is there.
        try writer.append(row: [9], to: "b")
        #expect(throws: FormatError.self) { try [Float](arrayLiteral: 1).withUnsafeBufferPointer { try writer.write(rows: $0, toTensor: b, atRow: 1) } }
        #expect(throws: FormatError.self) { try writer.finish() }
        try writer.append(row: [10], to: "b")
        try writer.finish()
        let file = try SafeTensors(path: directory + "/w.safetensors")
        #expect(try file.tensor(named: "a").floats() == [1, 2, 3, 4, 5, 6, 7, 8])
        #expect(try file.tensor(named: "b").floats() == [9, 10])
    }
}

import Foundation
import GateCore
import GateFormats
import Testing

/// The chunked recorder writes each series' chunk with one call; the file must be byte for byte the one
/// the row-by-row path writes (the recorder before that change, kept here as the reference).
struct TraceRecorderBytesTests {
    /// The row-at-a-time recording: each chunk's series appended one row at a time by tensor name.
    static func recordRowByRow(_ network: RecurrentNetwork, input: Matrix, tokens: [Int]?, to path: String,
                               chunkSteps: Int) throws {
        let steps = input.rows
        let metadata = TraceMetadata(network: network, steps: steps)
        var states = network.layers.map { RecurrentState.zero(for: $0[0]) }
        var writer: StreamingSafeTensorsWriter?
        var start = 0
        while start < steps {
            let end = min(start + chunkSteps, steps)
            let chunk = input.rows(start..<end)
            var rows: [(String, Matrix)] = [("input", chunk)]
            var current = chunk
            for (index, directions) in network.layers.enumerated() {
                let run = directions[0].run(current, from: states[index])
                states[index] = run.finalState
                for (name, matrix) in run.series.sorted(by: { $0.key < $1.key }) { rows.append(("l\(index).\(name)", matrix)) }
                current = run.series[SeriesName.hidden]!
            }
            if let head = network.head { rows.append(("output", head.apply(to: current))) }
            if let tokens {
                rows.append(("tokens", Matrix(rows: end - start, columns: 1, values: tokens[start..<end].map(Float.init))))
            }
            if writer == nil {
                writer = try StreamingSafeTensorsWriter(path: path, tensors: rows.map { .init(name: $0.0, rows: steps, columns: $0.1.columns) },
                                                        metadata: metadata.encoded)
            }
            for (name, matrix) in rows {
                for t in 0..<matrix.rows { try writer!.append(row: matrix.row(t), to: name) }
            }
            start = end
        }
        try writer!.finish()
    }

    @Test(arguments: [(CellKind.lstm, 0), (.lstm, 3), (.gru, 0), (.rnnTanh, 0), (.rnnRelu, 0)])
    func chunkedFileEqualsTheRowByRowFile(kind: CellKind, projection: Int) throws {
        let network = ModelTestSupport.network(kind, input: 3, hidden: 5, layers: 2, projection: projection, head: 2)
        let input = ModelTestSupport.matrix(53, 3, seed: 11)
        let tokens = Array(0..<53).map { $0 % 7 }
        let directory = ModelTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Chunks of 7 use the dot-product projection; chunks of 20 the tiled one (13 left for the last).
        for (withTokens, chunk) in [(false, 7), (true, 7), (false, 20), (true, 20)] {
            let fast = directory + "/fast.safetensors", reference = directory + "/reference.safetensors"
            try TraceRecorder.record(network, input: input, tokens: withTokens ? tokens : nil, to: fast, chunkSteps: chunk)
            try Self.recordRowByRow(network, input: input, tokens: withTokens ? tokens : nil, to: reference, chunkSteps: chunk)
            let a = try Data(contentsOf: URL(fileURLWithPath: fast)), b = try Data(contentsOf: URL(fileURLWithPath: reference))
            #expect(a.count == b.count && a == b, "\(kind) projection \(projection) tokens \(withTokens) chunk \(chunk): files differ")
        }
    }

    @Test func kerasResetBeforeGRUFileEqualsTheRowByRowFile() throws {
        var network = ModelTestSupport.network(.gru, input: 3, hidden: 4, layers: 2)
        network.layers = network.layers.map { directions in
            directions.map { cell -> CellWeights in
                guard case .gru(var weights) = cell else { return cell }
                weights.resetAfter = false
                return .gru(weights)
            }
        }
        let input = ModelTestSupport.matrix(30, 3, seed: 5)
        let directory = ModelTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fast = directory + "/fast.safetensors", reference = directory + "/reference.safetensors"
        try TraceRecorder.record(network, input: input, to: fast, chunkSteps: 8)
        try Self.recordRowByRow(network, input: input, tokens: nil, to: reference, chunkSteps: 8)
        #expect(try Data(contentsOf: URL(fileURLWithPath: fast)) == Data(contentsOf: URL(fileURLWithPath: reference)))
    }

    @Test func theMetadataCarriesTheVersion() throws {
        let network = ModelTestSupport.network(.lstm, input: 2, hidden: 3)
        let path = ModelTestSupport.temporaryDirectory() + "/v.safetensors"
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        try TraceRecorder.record(network, input: ModelTestSupport.matrix(9, 2, seed: 1), to: path, chunkSteps: 4)
        let version = try #require(try SafeTensors(path: path).metadata[GatescopeVersion.metadataKey])
        // Semantic versioning: three dot-separated numbers.
        #expect(version.split(separator: ".").count == 3 && version.split(separator: ".").allSatisfy { Int($0) != nil })
    }
}

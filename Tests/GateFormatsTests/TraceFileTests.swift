import Testing
import Foundation
import GateCore
import GateFormats

/// Writing and reading trace files, in memory and memory-mapped.
struct TraceFileTests {
    static func recorded(_ network: RecurrentNetwork, steps: Int = 9, tokens: Bool = false) throws -> NetworkTrace {
        if tokens {
            let ids = (0..<steps).map { $0 % (network.vocabulary?.count ?? 1) }
            return try network.run(try network.encode(tokens: ids), tokens: ids)
        }
        return try network.run(ModelTestSupport.matrix(steps, network.inputSize, seed: 3))
    }

    static let networks: [RecurrentNetwork] = [
        ModelTestSupport.network(.lstm, input: 3, hidden: 4, layers: 2, bidirectional: true, projection: 2, head: 2),
        ModelTestSupport.network(.gru, input: 2, hidden: 3, head: 1, vocabulary: ["a", "b", "c"]),
        ModelTestSupport.network(.rnnRelu, input: 1, hidden: 2, layers: 2),
    ]

    @Test(arguments: 0..<networks.count, [false, true])
    func roundTrip(_ index: Int, streaming: Bool) throws {
        let network = Self.networks[index]
        let trace = try Self.recorded(network, tokens: network.vocabulary != nil)
        let path = ModelTestSupport.temporaryDirectory() + "/trace.safetensors"
        defer { ModelTestSupport.removeDirectory(containing: path) }
        let metadata = TraceMetadata(network: network, steps: trace.steps, model: "m.safetensors", input: "x.csv", extra: ["note": "hi"])
        try TraceFile.write(trace, metadata: metadata, to: path, streamingAbove: streaming ? 0 : TraceFile.streamingThreshold)
        let loaded = try TraceFile.read(path: path)
        #expect(loaded.trace == trace)
        #expect(loaded.metadata == metadata)
        #expect(loaded.otherTensors.isEmpty)

        let mapped = try MappedTrace(path: path)
        #expect(mapped.steps == trace.steps && mapped.tokens == trace.tokens)
        #expect(mapped.recordedLayers == trace.recordedLayers)
        for info in trace.recordedLayers {
            for name in info.seriesNames {
                let some = try mapped.series(name, layer: info.layer, reverse: info.isReverse, rows: 2..<5)
                #expect(some == (try trace.series(name, layer: info.layer, reverse: info.isReverse, rows: 2..<5)))
            }
        }
        #expect(try mapped.input(rows: 0..<trace.steps) == trace.input)
        #expect(try mapped.output(rows: 1..<3) == (try trace.output(rows: 1..<3)))
    }

    @Test func everySeriesOfTheCellIsWritten() throws {
        let network = ModelTestSupport.network(.lstm, input: 3, hidden: 4, projection: 2)
        let path = ModelTestSupport.temporaryDirectory() + "/t.safetensors"
        defer { ModelTestSupport.removeDirectory(containing: path) }
        try TraceFile.write(try Self.recorded(network), network: network, to: path)
        let names = Set(try SafeTensors(path: path).names)
        for series in CellKind.lstm.seriesNames + ["hidden_before_projection", "input_gate_preactivation"] {
            #expect(names.contains("l0.\(series)"))
        }
        let metadata = try SafeTensors(path: path).metadata
        #expect(metadata["format"] == "gatescope-trace" && metadata["cell"] == "lstm" && metadata["proj_size"] == "2")
        #expect(metadata["steps"] == "9" && metadata["layers"] == "1" && metadata["directions"] == "1")
    }

    @Test func newerMajorVersionIsRefused() throws {
        let network = ModelTestSupport.network(.gru, input: 2, hidden: 2)
        let trace = try Self.recorded(network)
        var metadata = TraceMetadata(network: network, steps: trace.steps)
        metadata.formatVersion = "2.0"
        let path = ModelTestSupport.temporaryDirectory() + "/future.safetensors"
        defer { ModelTestSupport.removeDirectory(containing: path) }
        try TraceFile.write(trace, metadata: metadata, to: path)
        let text = ModelTestSupport.message { _ = try TraceFile.read(path: path) }
        #expect(text.contains("format version 2.0") && text.contains("upgrade gatescope"), "\(text)")
        metadata.formatVersion = "1.7"
        try TraceFile.write(trace, metadata: metadata, to: path)
        #expect(try TraceFile.read(path: path).metadata.formatVersion == "1.7")
    }

    @Test func modelFileIsNotATrace() throws {
        let path = ModelTestSupport.temporaryDirectory() + "/m.safetensors"
        defer { ModelTestSupport.removeDirectory(containing: path) }
        try ModelExporter.save(ModelTestSupport.network(.lstm, input: 1, hidden: 2), to: path)
        let text = ModelTestSupport.message { _ = try TraceFile.read(path: path) }
        #expect(text.contains("is a gatescope model, not a trace"), "\(text)")
    }

    @Test func olderTracesWithoutMetadataStillRead() throws {
        // The golden fixtures' expected files have the trace layout but none of the trace metadata keys.
        let file = #filePath
        let fixtures = String(file[..<file.lastIndex(of: "/")!]) + "/../GateCoreTests/Fixtures/"
        let loaded = try TraceFile.read(path: fixtures + "gru_2layer_bidir.expected.safetensors")
        #expect(loaded.metadata.cell == .gru && loaded.metadata.layers == 2 && loaded.metadata.directions == 2)
        #expect(loaded.trace.layers.count == 4 && loaded.trace.output?.columns == 3)
        let chars = try MappedTrace(path: fixtures + "realistic_charmodel.expected.safetensors")
        #expect(chars.tokens?.count == chars.steps)
    }

    /// Whether python3 with safetensors and numpy can be run (the skip is reported, never silent).
    static let pythonHasSafetensors = run("/usr/bin/env", ["python3", "-c", "import safetensors.numpy, numpy"]) == 0

    @Test(.enabled(if: pythonHasSafetensors, "python3 with safetensors and numpy is not installed"))
    func pythonReadsTheTraceAsDocumented() throws {
        let python = "/usr/bin/env"
        let file = #filePath
        let docs = String(file[..<file.lastIndex(of: "/")!]) + "/../../docs/formats.md"
        let text = try String(contentsOfFile: docs, encoding: .utf8)
        guard let section = text.range(of: "### Reading a trace in Python"),
              let start = text.range(of: "```python\n", range: section.upperBound..<text.endIndex), let end = text.range(of: "```", range: start.upperBound..<text.endIndex) else {
            Issue.record("docs/formats.md has no python snippet")
            return
        }
        let directory = ModelTestSupport.temporaryDirectory()
        defer { ModelTestSupport.removeDirectory(directory) }
        let network = ModelTestSupport.network(.lstm, input: 3, hidden: 4, layers: 2, bidirectional: true, head: 2)
        try TraceFile.write(try Self.recorded(network), network: network, to: directory + "/trace.safetensors")
        let snippet = String(text[start.upperBound..<end.lowerBound])
        try snippet.write(toFile: directory + "/snippet.py", atomically: true, encoding: .utf8)
        #expect(Self.run(python, ["python3", "snippet.py"], directory: directory) == 0)
    }

    /// Runs a program and returns its exit status.
    static func run(_ program: String, _ arguments: [String], directory: String? = nil) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        do {
            try process.run()
        } catch {
            return -1
        }
        process.waitUntilExit()
        return process.terminationStatus
    }
}

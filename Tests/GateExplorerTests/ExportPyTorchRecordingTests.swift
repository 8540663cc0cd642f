import GateCanvas
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import GateCore
import GateFormats

/// Runs scripts/record_pytorch_example.py (docs/recording.md) and records its model the way
/// `gatescope record` does, checking the trace against PyTorch. Skipped when python3 cannot import torch.
@Suite struct ExportPyTorchRecordingTests {
    static let torchAvailable = system("python3 -c 'import torch, safetensors, numpy' >/dev/null 2>&1") == 0

    /// The repository root, from this file's path.
    static func root(file: String = #filePath) -> String {
        var path = file
        for _ in 0..<3 { path = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)]) }
        return path
    }

    @Test(.enabled(if: torchAvailable, "python3 cannot import torch, safetensors and numpy; install them to run the recording example"))
    func exampleScriptRecordsLikePyTorch() throws {
        var template = Array("/tmp/gatescope-recording-XXXXXX".utf8CString)
        _ = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        let directory = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let status = system("python3 '\(Self.root())/scripts/record_pytorch_example.py' '\(directory)' >/dev/null 2>&1")
        try #require(status == 0, "the example script failed")
        let network = try ModelImporter.load(path: "\(directory)/model.safetensors")
        let sequence = try SequenceLoader.load(path: "\(directory)/input.npy", for: network)
        let trace = try network.run(sequence.input, tokens: sequence.tokens)
        try TraceFile.write(trace, network: network, to: "\(directory)/trace.safetensors")
        let replay = try MappedTrace(path: "\(directory)/trace.safetensors")
        let hidden = try replay.series(SeriesName.hidden, layer: 1, reverse: false, rows: 0..<replay.steps)
        let output = try #require(try replay.output(rows: 0..<replay.steps))
        let torchHidden = try NpyArray(path: "\(directory)/torch_hidden.npy").matrix()
        let torchOutput = try NpyArray(path: "\(directory)/torch_output.npy").matrix()
        #expect(hidden.maxAbsDifference(torchHidden) < 1e-5)
        #expect(output.maxAbsDifference(torchOutput) < 1e-5)
    }
}

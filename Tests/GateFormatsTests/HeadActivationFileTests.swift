import Testing
import GateCore
@testable import GateFormats

/// A head's activation carried through gatescope's model files and traces; traces from before it was
/// written still read (as linear heads, which all their heads were).
@Suite struct HeadActivationFileTests {
    /// An LSTM 3→5 with a sigmoid or softmax head 5→4.
    static func network(_ activation: HeadActivation) -> RecurrentNetwork {
        var network = ModelTestSupport.network(.lstm, input: 3, hidden: 5, head: 4)
        network.head?.activation = activation
        return network
    }

    @Test(arguments: [HeadActivation.softmax, .sigmoid])
    func modelFilesKeepTheActivation(activation: HeadActivation) throws {
        let directory = ModelTestSupport.temporaryDirectory()
        defer { ModelTestSupport.removeDirectory(directory) }
        let path = directory + "/m.safetensors"
        try ModelExporter.save(Self.network(activation), to: path)
        let loaded = try ModelImporter.load(path: path)
        #expect(loaded.head?.activation == activation)
        #expect(loaded.metadata[ModelImporter.headActivationKey] == nil)
        #expect(loaded == Self.network(activation))
    }

    @Test func anUnknownHeadActivationInMetadataIsRefused() throws {
        let directory = ModelTestSupport.temporaryDirectory()
        defer { ModelTestSupport.removeDirectory(directory) }
        let path = directory + "/m.safetensors"
        var writer = try ModelExporter.writer(for: Self.network(.linear))
        writer.metadata[ModelImporter.headActivationKey] = "swish"
        try FileBytes.writeAtomically(writer.serialize(), to: path)
        let message = ModelTestSupport.message { _ = try ModelImporter.load(path: path) }
        #expect(message.contains("metadata 'head_activation' is 'swish'; use linear, softmax, sigmoid, tanh or relu"))
    }

    /// Both recording paths (whole, and streamed chunk by chunk) write the activated output and say so.
    @Test(arguments: [100, 7])
    func tracesHoldTheActivatedOutput(chunkSteps: Int) throws {
        let network = Self.network(.softmax)
        let input = ModelTestSupport.matrix(30, 3, seed: 9)
        let path = ModelTestSupport.temporaryDirectory() + "/t.safetensors"
        defer { ModelTestSupport.removeDirectory(containing: path) }
        try TraceRecorder.record(network, input: input, to: path, chunkSteps: chunkSteps)
        let loaded = try TraceFile.read(path: path)
        let output = try #require(loaded.trace.output)
        #expect(output.maxAbsDifference(try #require(try network.run(input).output)) <= 1e-6)
        for t in 0..<output.rows { #expect(abs(output.row(t).reduce(0, +) - 1) <= 1e-5) }
        #expect(loaded.metadata.headActivation == .softmax)
        #expect(loaded.metadata.network?.contains("head 5→4 softmax") == true)
    }

    @Test func tracesWithoutTheKeyReadAsLinearHeads() throws {
        let linear = TraceMetadata(network: Self.network(.linear), steps: 3)
        #expect(linear.network?.contains("head_activation") == false)
        #expect(linear.headActivation == .linear)
        // A trace written before the key existed: the network description has no such key.
        var old = linear
        old.network = #"{"cell":"lstm","head":[4,5],"summary":"LSTM 3→5, head 5→4"}"#
        #expect(old.headActivation == .linear)
        old.network = nil
        #expect(old.headActivation == .linear)
        // One from a later gatescope, naming an activation this one does not know.
        old.network = #"{"head":[4,5],"head_activation":"gelu"}"#
        #expect(old.headActivation == nil)
    }
}

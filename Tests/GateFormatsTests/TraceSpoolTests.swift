import GateCore
import GateFormats
import Testing

/// A recording spooled to disk piece by piece (`TraceSpool`) is written as the trace file of the
/// whole run: every series, the input, the output, the tokens and the annotation tracks.
struct TraceSpoolTests {
    @Test(arguments: [false, true])
    func spooledPiecesReadBackAsTheWholeRun(bidirectional: Bool) throws {
        var network = ModelTestSupport.network(.lstm, input: 3, hidden: 5, layers: 2, head: 2)
        if bidirectional { network = ModelTestSupport.network(.gru, input: 3, hidden: 4, bidirectional: true, head: 2) }
        let input = ModelTestSupport.matrix(37, 3, seed: 3)
        var whole = try network.run(input, tokens: (0..<37).map { $0 % 5 })
        whole.annotations = [AnnotationTrack(name: "mark", values: .labels((0..<37).map { $0 % 4 == 0 ? "on" : "" })),
                             AnnotationTrack(name: "half", values: .numbers((0..<37).map { Float($0) / 2 }))]
        let spoolDirectory = ModelTestSupport.temporaryDirectory()
        defer { ModelTestSupport.removeDirectory(spoolDirectory) }
        let spool = TraceSpool(directory: spoolDirectory)
        // Pieces of uneven length, sliced from the whole run.
        for piece in [0..<1, 1..<17, 17..<18, 18..<37] { try spool.append(whole.slice(piece)) }
        #expect(spool.steps == 37)
        let path = ModelTestSupport.temporaryDirectory() + "/spooled.safetensors"
        defer { ModelTestSupport.removeDirectory(containing: path) }
        try spool.write(metadata: TraceMetadata(network: network, steps: 0), to: path)
        let loaded = try TraceFile.read(path: path)
        #expect(loaded.metadata.steps == 37)
        #expect(loaded.trace == whole)
        // The spool stays until discarded: a second copy can be written (a failed save retried elsewhere).
        try spool.write(metadata: TraceMetadata(network: network, steps: 0), to: path + "-2")
        #expect(try TraceFile.read(path: path + "-2").trace == whole)
        spool.discard()
    }

    @Test func rowsOfAnotherShapeAreRefused() throws {
        let network = ModelTestSupport.network(.lstm, input: 3, hidden: 5)
        let other = ModelTestSupport.network(.lstm, input: 3, hidden: 6)
        let input = ModelTestSupport.matrix(4, 3, seed: 1)
        let spoolDirectory = ModelTestSupport.temporaryDirectory()
        defer { ModelTestSupport.removeDirectory(spoolDirectory) }
        let spool = TraceSpool(directory: spoolDirectory)
        try spool.append(try network.run(input))
        let message = ModelTestSupport.message { try spool.append(try other.run(input)) }
        #expect(message.contains("other series than the recording's first rows"))
        #expect(spool.steps == 4)
    }
}

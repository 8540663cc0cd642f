import GateCore
@testable import GateFormats
import Testing

/// Annotation tracks: read from CSV, stored in traces (whole, streamed, chunked, mapped), refused
/// with a reason when malformed.
struct AnnotationTests {
    static let csv = "pos,depth,note\nDET,0,\nNOUN,1.5,x\n,2,\nVERB,,y\n"

    @Test func labelAndNumberColumnsAreToldApart() throws {
        let tracks = try AnnotationFile.parse(bytes: Array(Self.csv.utf8), steps: 4, source: "a.csv")
        #expect(tracks.map(\.name) == ["pos", "depth", "note"])
        #expect(tracks[0].values == .labels(["DET", "NOUN", "", "VERB"]))
        guard case .numbers(let depth) = tracks[1].values else { Issue.record("depth is numeric"); return }
        #expect(depth[0] == 0 && depth[1] == 1.5 && depth[2] == 2 && depth[3].isNaN)
        #expect(tracks[2].values == .labels(["", "x", "", "y"]))
    }

    @Test func malformedFilesSayWhatToDo() {
        let cases: [(String, Int, String)] = [
            ("a,b\n1,2\n", 3, "has 1 data row but the input has 3 steps"),
            ("a,a\n1,2\n", 1, "two columns are called 'a'"),
            ("a,\n1,2\n", 1, "column 2 of the header has no name"),
            ("a,b\n1,2,3\n", 1, "line 2 has 3 fields, the header has 2"),
            ("a\n\"x\ny\"\n", 1, "control character"),
            ("", 1, "is empty"),
        ]
        for (text, steps, expected) in cases {
            let message = ModelTestSupport.message { _ = try AnnotationFile.parse(bytes: Array(text.utf8), steps: steps, source: "f.csv") }
            #expect(message.hasPrefix("f.csv: ") && message.contains(expected), "\(text.debugDescription): \(message)")
        }
        let binary = ModelTestSupport.message { _ = try AnnotationFile.parse(bytes: [0x61, 0x0A, 0xFF, 0x0A], steps: 1, source: "f.csv") }
        #expect(binary.contains("not UTF-8"))
    }

    @Test(arguments: [false, true]) func tracesKeepTheirTracks(streaming: Bool) throws {
        let network = ModelTestSupport.network(.gru, input: 2, hidden: 3)
        var trace = try network.run(ModelTestSupport.matrix(4, 2, seed: 3))
        trace.annotations = try AnnotationFile.parse(bytes: Array(Self.csv.utf8), steps: 4, source: "a.csv")
        let directory = ModelTestSupport.temporaryDirectory()
        defer { ModelTestSupport.removeDirectory(directory) }
        let path = directory + "/t.safetensors"
        try TraceFile.write(trace, metadata: TraceMetadata(network: network, steps: 4), to: path,
                            streamingAbove: streaming ? 0 : TraceFile.streamingThreshold)
        let read = try TraceFile.read(path: path)
        #expect(read.trace.annotations.map(\.name) == ["pos", "depth", "note"])
        #expect(read.trace.annotations[0] == trace.annotations[0] && read.trace.annotations[2] == trace.annotations[2])
        #expect(read.trace.annotations[1].text(at: 1) == "1.5" && read.trace.annotations[1].text(at: 3) == "")
        let mapped = try MappedTrace(path: path)
        #expect(mapped.annotations.map(\.name) == ["pos", "depth", "note"])
        #expect(mapped.annotations[0] == trace.annotations[0])
        // Written again without tracks (a recording of the replay), the listing goes too.
        var bare = read.trace
        bare.annotations = []
        try TraceFile.write(bare, metadata: read.metadata, to: path)
        #expect(try TraceFile.read(path: path).trace.annotations.isEmpty)
    }

    @Test func chunkedRecordingsKeepTheirTracks() throws {
        let network = ModelTestSupport.network(.lstm, input: 2, hidden: 3)
        let input = ModelTestSupport.matrix(11, 2, seed: 9)
        let labels = (0..<11).map { $0 % 3 == 0 ? "start" : "" }
        let numbers = (0..<11).map { Float($0) / 2 }
        let tracks = [AnnotationTrack(name: "mark", values: .labels(labels)), AnnotationTrack(name: "half", values: .numbers(numbers))]
        let path = ModelTestSupport.temporaryDirectory() + "/c.safetensors"
        defer { ModelTestSupport.removeDirectory(containing: path) }
        try TraceRecorder.record(network, input: input, to: path, annotations: tracks, chunkSteps: 4)
        #expect(try TraceFile.read(path: path).trace.annotations == tracks)
        let wrong = [AnnotationTrack(name: "short", values: .numbers([1, 2]))]
        let message = ModelTestSupport.message { try TraceRecorder.record(network, input: input, to: path, annotations: wrong) }
        #expect(message.contains("annotation 'short' has 2 rows but the input has 11 steps"))
    }
}

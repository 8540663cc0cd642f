import Foundation
import Testing

/// silero-vad's published ONNX model (LSTM nodes inside `If` branches): `record` opens it in one step,
/// says on stderr which node it used and which others exist; `--node NAME` picks one and silences that
/// note; an unknown name is a one-line error listing the nodes.
@Suite(.enabled(if: TmuxSession.builtProduct(named: "gatescope") != nil,
                "gatescope is not built; run `swift build` (or set GATESCOPE_BIN_DIR)"))
struct ONNXNodeChoiceTests {
    /// `Tests/GateFormatsTests/Fixtures/onnx/silero/silero_vad_16k_op15.onnx`.
    static var model: String {
        let file = #filePath
        let tests = file[..<file.range(of: "/EndToEndTests/")!.lowerBound]
        return tests + "/GateFormatsTests/Fixtures/onnx/silero/silero_vad_16k_op15.onnx"
    }

    @Test func recordNotesTheOtherNodesAndNodePicksOne() throws {
        let binary = try #require(CLIErrorTests.binary)
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("onnx-node-\(getpid())-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let input = directory + "/x.csv", out = directory + "/t.safetensors"
        let row = (0..<128).map { String(format: "%.2f", sin(Double($0) / 9)) }.joined(separator: ",")
        try Data((row + "\n" + row + "\n").utf8).write(to: URL(fileURLWithPath: input))

        let first = try CLIErrorTests.run(binary, ["record", "--model", Self.model, "--input", input, "--out", out])
        #expect(first.exited && first.status == 0, "\(first.stderr)")
        let lines = first.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == "note: using /model/decoder/If_1/then_branch//model/decoder/rnn/LSTM (LSTM 128→128), the first of 2 recurrent modules; the others: /model/decoder/If_1/else_branch//model/decoder/rnn_1/LSTM (LSTM 128→128); pick one with --node NAME")
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("note: ") && $0.contains("takes it as zero") }, "\(lines)")

        let chosen = try CLIErrorTests.run(binary, ["record", "--model", Self.model, "--node", "/model/decoder/If_1/else_branch//model/decoder/rnn_1/LSTM",
                                                    "--input", input, "--out", out])
        #expect(chosen.exited && chosen.status == 0, "\(chosen.stderr)")
        #expect(!chosen.stderr.contains("note: using"), "\(chosen.stderr)")

        let unknown = try CLIErrorTests.run(binary, ["record", "--model", Self.model, "--node", "nope", "--input", input, "--out", out])
        #expect(unknown.exited && unknown.status == 1)
        #expect(unknown.stderr.hasPrefix("error: ") && unknown.stderr.contains("has no LSTM/GRU/RNN node 'nope'")
                && unknown.stderr.split(separator: "\n").count == 1, "\(unknown.stderr)")
    }
}

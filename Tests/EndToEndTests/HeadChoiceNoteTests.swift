import Foundation
import Testing

/// An `nn.LSTM` followed by an MLP (`fc1 = Linear(4, 4)`, ReLU, `fc2 = Linear(4, 2)`): `record` and
/// `explore` say which head they use, the alternatives and how to choose, on one `note:` line on
/// stderr before running (they used fc1 silently); `--head NAME` and `--head none` silence it.
@Suite(.enabled(if: TmuxSession.builtProduct(named: "gatescope") != nil,
                "gatescope is not built; run `swift build` (or set GATESCOPE_BIN_DIR)"))
struct HeadChoiceNoteTests {
    /// A directory with the MLP-head model and a two-column input.
    static func makeFiles() throws -> (model: String, input: String, directory: String) {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("head-note-\(getpid())-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let tensors: [(name: String, shape: [Int])] = [
            ("lstm.weight_ih_l0", [16, 2]), ("lstm.weight_hh_l0", [16, 4]), ("lstm.bias_ih_l0", [16]), ("lstm.bias_hh_l0", [16]),
            ("fc1.weight", [4, 4]), ("fc1.bias", [4]), ("fc2.weight", [2, 4]), ("fc2.bias", [2]),
        ]
        var entries: [String] = []
        var data: [UInt8] = []
        for (index, tensor) in tensors.enumerated() {
            let count = tensor.shape.reduce(1, *)
            let start = data.count
            for k in 0..<count {
                let value = Float((k * 7 + index * 3) % 11) / 20 - 0.25
                withUnsafeBytes(of: value.bitPattern.littleEndian) { data += $0 }
            }
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            entries.append("\"\(tensor.name)\":{\"dtype\":\"F32\",\"shape\":[\(shape)],\"data_offsets\":[\(start),\(data.count)]}")
        }
        var header = Array(("{" + entries.joined(separator: ",") + "}").utf8)
        while header.count % 8 != 0 { header.append(0x20) }
        let bytes = withUnsafeBytes(of: UInt64(header.count).littleEndian, Array.init) + header + data
        let model = directory + "/mlp.safetensors", input = directory + "/input.csv"
        try Data(bytes).write(to: URL(fileURLWithPath: model))
        try Data("0.5,0\n0.25,1\n-0.5,0\n".utf8).write(to: URL(fileURLWithPath: input))
        return (model, input, directory)
    }

    @Test func recordNamesTheHeadAndTheAlternatives() throws {
        let binary = try #require(CLIErrorTests.binary)
        let files = try Self.makeFiles()
        defer { try? FileManager.default.removeItem(atPath: files.directory) }
        let out = files.directory + "/trace.safetensors"
        let result = try CLIErrorTests.run(binary, ["record", "--model", files.model, "--input", files.input, "--out", out])
        #expect(result.exited && result.status == 0, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "one line: \(result.stderr)")
        let note = String(lines.first ?? "")
        #expect(note.hasPrefix("note: using 'fc1' as the head"), "\(note)")
        #expect(note.contains("'fc2'") && note.contains("--head NAME") && note.contains("--head none"), "\(note)")
        for head in ["fc1", "none"] {
            let chosen = try CLIErrorTests.run(binary, ["record", "--model", files.model, "--input", files.input, "--out", out, "--head", head])
            #expect(chosen.exited && chosen.status == 0 && chosen.stderr.isEmpty, "--head \(head): \(chosen.stderr)")
        }
    }

    @Test func exploreNotesBeforeTheTerminalStarts() throws {
        let binary = try #require(CLIErrorTests.binary)
        let files = try Self.makeFiles()
        defer { try? FileManager.default.removeItem(atPath: files.directory) }
        let result = try CLIErrorTests.run(binary, ["explore", "--model", files.model, "--input", files.input])
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(result.stderr)")
        #expect(lines.first?.hasPrefix("note: using 'fc1' as the head") == true, "\(result.stderr)")
        #expect(lines.last?.hasPrefix("error: ") == true && lines.last?.contains("needs a terminal") == true, "\(result.stderr)")
    }
}

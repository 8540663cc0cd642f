import Foundation
import Testing

/// `gatescope units --by token --json` on a hand-wired PyTorch-named model (an `nn.Embedding` in front
/// of a bidirectional `nn.LSTM`) whose forward unit `planted[k]` is wired to fire on token k and on no
/// other: each planted unit must come first for its token. The expected answer is the wiring itself;
/// the counts are counted from the text here.
@Suite(.enabled(if: TmuxSession.builtProduct(named: "gatescope") != nil,
                "gatescope is not built; run `swift build` (or set GATESCOPE_BIN_DIR)"))
struct UnitsPlantedTests {
    /// The vocabulary and, for each token, the 0-based unit planted for it (a permutation, not the identity).
    static let vocabulary = ["a", "b", ".", " ", "x"]
    static let planted = [3, 0, 4, 1, 2]
    static let text = "ab. xa b.x aa. bx .ab x"

    /// Writes the model: embedding = identity; forward LSTM with i ≈ 1, f ≈ 0, o ≈ 1 and the candidate
    /// of unit planted[k] = tanh(6·[token is k] − 3), so h = ±0.76 by token alone; the reverse direction
    /// has zero weights (its units never change).
    static func writeModel(to path: String) throws {
        let size = vocabulary.count, hidden = vocabulary.count
        var embedding = [Float](repeating: 0, count: size * size)
        for k in 0..<size { embedding[k * size + k] = 1 }
        var weightIH = [Float](repeating: 0, count: 4 * hidden * size)
        var bias = [Float](repeating: 0, count: 4 * hidden)
        for unit in 0..<hidden {
            bias[unit] = 8                 // i
            bias[hidden + unit] = -8       // f
            bias[2 * hidden + unit] = -3   // g
            bias[3 * hidden + unit] = 8    // o
        }
        for (token, unit) in planted.enumerated() { weightIH[(2 * hidden + unit) * size + token] = 6 }
        let zeroIH = [Float](repeating: 0, count: 4 * hidden * size)
        let zeroHH = [Float](repeating: 0, count: 4 * hidden * hidden)
        let zeroBias = [Float](repeating: 0, count: 4 * hidden)
        let json = "[" + vocabulary.map { "\"\($0)\"" }.joined(separator: ",") + "]"
        try writeSafeTensors([
            ("embedding.weight", [size, size], embedding),
            ("lstm.weight_ih_l0", [4 * hidden, size], weightIH), ("lstm.weight_hh_l0", [4 * hidden, hidden], zeroHH),
            ("lstm.bias_ih_l0", [4 * hidden], bias), ("lstm.bias_hh_l0", [4 * hidden], zeroBias),
            ("lstm.weight_ih_l0_reverse", [4 * hidden, size], zeroIH), ("lstm.weight_hh_l0_reverse", [4 * hidden, hidden], zeroHH),
            ("lstm.bias_ih_l0_reverse", [4 * hidden], zeroBias), ("lstm.bias_hh_l0_reverse", [4 * hidden], zeroBias),
        ], metadata: "{\"vocab\":\"" + json.replacingOccurrences(of: "\"", with: "\\\"") + "\"}", to: path)
    }

    /// A safetensors file written byte by byte (this test target links none of gatescope's modules).
    static func writeSafeTensors(_ tensors: [(name: String, shape: [Int], values: [Float])], metadata: String, to path: String) throws {
        var entries = ["\"__metadata__\":" + metadata]
        var data: [UInt8] = []
        for tensor in tensors {
            let start = data.count
            for value in tensor.values { withUnsafeBytes(of: value.bitPattern.littleEndian) { data += $0 } }
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            entries.append("\"\(tensor.name)\":{\"dtype\":\"F32\",\"shape\":[\(shape)],\"data_offsets\":[\(start),\(data.count)]}")
        }
        var header = Array(("{" + entries.joined(separator: ",") + "}").utf8)
        while header.count % 8 != 0 { header.append(0x20) }
        let bytes = withUnsafeBytes(of: UInt64(header.count).littleEndian, Array.init) + header + data
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// A fresh temporary directory.
    static func directory() throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("units-planted-\(getpid())-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The JSON objects printed.
    static func objects(_ stdout: String) throws -> [[String: Any]] {
        let parsed = try JSONSerialization.jsonObject(with: Data(stdout.utf8))
        return try #require(parsed as? [[String: Any]], "a JSON array of objects: \(stdout.prefix(300))")
    }

    @Test func eachPlantedUnitRanksFirstForItsToken() throws {
        let binary = try #require(CLIErrorTests.binary)
        let folder = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let model = folder + "/planted.safetensors"
        try Self.writeModel(to: model)
        let result = try CLIErrorTests.runCapturing(binary, ["units", "--model", model, "--text", Self.text, "--by", "token", "--json"])
        #expect(result.exited && result.status == 0, "\(result.stderr)")
        let objects = try Self.objects(result.stdout)
        for (token, unit) in Self.planted.enumerated() {
            let name = Self.vocabulary[token]
            let first = try #require(objects.first { $0["key"] as? String == name }, "no rows for token '\(name)'")
            #expect(first["unit"] as? Int == unit + 1, "token '\(name)': \(first)")
            #expect(first["layer"] as? Int == 1 && first["direction"] as? String == "forward", "\(first)")
            #expect((first["score"] as? Double ?? 0) > 1.4, "h is +0.76 at the token and −0.76 elsewhere: \(first)")
            #expect(first["count"] as? Int == Self.text.filter { String($0) == name }.count, "\(first)")
            #expect(Set(first.keys) == ["layer", "direction", "unit", "key", "score", "z", "count"])
        }
    }

    @Test func aTraceGivesTheSameRankingAndTheTableNamesTheUnit() throws {
        let binary = try #require(CLIErrorTests.binary)
        let folder = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let model = folder + "/planted.safetensors", trace = folder + "/trace.safetensors"
        try Self.writeModel(to: model)
        let recorded = try CLIErrorTests.run(binary, ["record", "--model", model, "--text", Self.text, "--out", trace])
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let result = try CLIErrorTests.runCapturing(binary, ["units", trace, "--json", "--top", "1", "--key", "."])
        #expect(result.status == 0, "\(result.stderr)")
        let objects = try Self.objects(result.stdout)
        #expect(objects.count == 1)
        #expect(objects.first?["unit"] as? Int == Self.planted[2] + 1 && objects.first?["key"] as? String == ".")
        let table = try CLIErrorTests.runCapturing(binary, ["units", trace, "--top", "2"])
        #expect(table.status == 0, "\(table.stderr)")
        let lines = table.stdout.split(separator: "\n").map(String.init)
        let heading = try #require(lines.firstIndex { $0.hasPrefix("token '␣'") }, "\(table.stdout)")
        #expect(lines[heading + 1].contains("layer 1 →  unit \(Self.planted[3] + 1)"), "\(lines[heading + 1])")
    }

    @Test func numericInputsAreRefusedWithWhatToDo() throws {
        let binary = try #require(CLIErrorTests.binary)
        let result = try CLIErrorTests.runCapturing(binary, ["units", "--demo", "sine"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: ") && result.stderr.contains("--by annotation"), "\(result.stderr)")
    }
}

/// The planted model's trace with annotation tracks, and `replay` finding the model the trace names.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable && TmuxSession.builtProduct(named: "gatescope") != nil,
                             "needs tmux and the built gatescope"))
struct UnitsAnnotationTests {
    /// Records the planted model over its text with two tracks: `stop` (a label at every '.') and
    /// `isA` (1 at every 'a', else 0). Returns the folder, the model and the trace.
    static func record() throws -> (folder: String, model: String, trace: String) {
        let binary = try #require(CLIErrorTests.binary)
        let folder = try UnitsPlantedTests.directory()
        let model = folder + "/planted.safetensors", trace = folder + "/trace.safetensors", csv = folder + "/tracks.csv"
        try UnitsPlantedTests.writeModel(to: model)
        let rows = UnitsPlantedTests.text.map { character in
            (character == "." ? "stop" : "") + "," + (character == "a" ? "1" : "0")
        }
        try ("stop,isA\n" + rows.joined(separator: "\n") + "\n").write(toFile: csv, atomically: true, encoding: .utf8)
        let result = try CLIErrorTests.run(binary, ["record", "--model", model, "--text", UnitsPlantedTests.text, "--annotate", csv, "--out", trace])
        #expect(result.status == 0, "\(result.stderr)")
        return (folder, model, trace)
    }

    @Test func annotationsRankThePlantedUnits() throws {
        let binary = try #require(CLIErrorTests.binary)
        let files = try Self.record()
        defer { try? FileManager.default.removeItem(atPath: files.folder) }
        // isA is exactly the indicator of 'a', and the planted unit's h is ±0.76 by that indicator: r = 1.
        let numeric = try CLIErrorTests.runCapturing(binary, ["units", files.trace, "--by", "annotation", "isA", "--json", "--top", "1"])
        #expect(numeric.status == 0, "\(numeric.stderr)")
        let first = try #require(try UnitsPlantedTests.objects(numeric.stdout).first)
        #expect(first["unit"] as? Int == UnitsPlantedTests.planted[0] + 1 && first["key"] as? String == "isA")
        #expect(abs((first["score"] as? Double ?? 0) - 1) < 1e-4)
        let labels = try CLIErrorTests.runCapturing(binary, ["units", "--by", "annotation", "stop", files.trace, "--json", "--top", "1"])
        #expect(labels.status == 0, "\(labels.stderr)")
        let stop = try #require(try UnitsPlantedTests.objects(labels.stdout).first)
        #expect(stop["unit"] as? Int == UnitsPlantedTests.planted[2] + 1 && stop["key"] as? String == "stop")
        let missing = try CLIErrorTests.runCapturing(binary, ["units", files.trace, "--by", "annotation", "stp"])
        #expect(missing.status == 1 && missing.stderr.contains("did you mean 'stop'"), "\(missing.stderr)")
    }

    @Test func replayOpensTheTracesModelWithANote() throws {
        let binary = try #require(CLIErrorTests.binary)
        let files = try Self.record()
        defer { try? FileManager.default.removeItem(atPath: files.folder) }
        let headless = try CLIErrorTests.run(binary, ["replay", files.trace])
        #expect(headless.stderr.hasPrefix("error: ") && !headless.stderr.contains("note:"), "without a terminal only the error: \(headless.stderr)")
        let session = try TmuxSession(command: [binary, "replay", files.trace], width: 160, height: 50)
        defer { session.kill() }
        let screen = try session.waitForScreen { $0.contains("t=1/") }
        #expect(screen.contains("why · pre-activation = W·x + U·h₋₁ + b"))
        #expect(screen.contains("stop") && screen.contains("isA"), "the tracks' rows")
        try session.sendKeys("q")
        #expect(try session.waitForExit() == 0)
        // The note was written before the full screen opened; it is there again once it closes.
        try session.waitForScreen { $0.replacingOccurrences(of: "\n", with: "").contains("note: using the trace's model \(files.model)") }
    }
}

/// `units` refuses bad invocations with one line that says what to do.
@Suite(.enabled(if: TmuxSession.builtProduct(named: "gatescope") != nil, "gatescope is not built"))
struct UnitsErrorTests {
    @Test func badInvocationsSayWhatToDo() throws {
        let binary = try #require(CLIErrorTests.binary)
        let folder = try UnitsPlantedTests.directory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let model = folder + "/planted.safetensors", trace = folder + "/trace.safetensors"
        try UnitsPlantedTests.writeModel(to: model)
        _ = try CLIErrorTests.run(binary, ["record", "--model", model, "--text", "ab.", "--out", trace])
        let cases: [([String], String)] = [
            (["units"], "give a trace file"),
            (["units", trace, "--text", "ab"], "need --model or --demo"),
            (["units", trace, "--series", "q"], "this LSTM has no series 'q'; use one of: h c f i o g"),
            (["units", trace, "--by", "foo"], "--by must be token or annotation"),
            (["units", trace, "--top", "0"], "--top must be at least 1"),
            (["units", trace, "--key", "zz"], "no token 'zz'"),
            (["units", trace, "--by", "annotation"], "--by annotation needs the annotation's name"),
            (["units", trace, "--by", "annotation", "pos"], "this run has no annotations"),
            (["units", "--model", model], "--model needs an input"),
            (["units", trace, "--annotate", folder + "/missing.csv"], "missing.csv"),
        ]
        for (arguments, expected) in cases {
            let result = try CLIErrorTests.run(binary, arguments)
            #expect(result.exited && result.status == 1, "\(arguments)")
            #expect(result.stderr.hasPrefix("error: ") && result.stderr.contains(expected) && result.stderr.split(separator: "\n").count == 1,
                    "\(arguments): \(result.stderr)")
        }
    }
}

import Foundation
import Testing

/// Bad input end to end against the built `gatescope` binary: every case prints exactly one line on
/// standard error, `error: …` saying what is wrong and what to do, exits with the documented status
/// (1; 2 for `diff`, as diff(1)), never crashes and never hangs.
@Suite(.enabled(if: TmuxSession.builtProduct(named: "gatescope") != nil,
                "gatescope is not built; run `swift build` (or set GATESCOPE_BIN_DIR)"))
struct CLIErrorTests {
    static let binary = TmuxSession.builtProduct(named: "gatescope")

    /// One bad invocation: arguments (with `$D` the fixture directory, `$M` a good model, `$I` a good
    /// input, `$T` a good trace, `$F` the repository's Fuzz/ directory, `$S` its demos/ directory), what the message must
    /// mention, and the exit status.
    struct Case: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var mentions: [String]
        var status: Int32 = 1
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let badModels: [(file: String, mentions: String)] = [
        ("nope.safetensors", "No such file"), ("empty.safetensors", "0 bytes"),
        ("truncated.safetensors", "truncated"), ("header-past-end.safetensors", "runs past the end"),
        ("overlap.safetensors", "overlaps"), ("dtype.safetensors", "unknown dtype 'Q8'"),
        ("nan-weights.safetensors", "NaN"), ("garbage.onnx", "not an ONNX model"), ("$T", "holds no recurrent weights"),
    ]
    static let badTraces: [(file: String, mentions: String)] = [
        ("nope.safetensors", "No such file"), ("empty.safetensors", "0 bytes"),
        ("truncated.safetensors", "truncated"), ("header-past-end.safetensors", "runs past the end"),
        ("overlap.safetensors", "overlaps"), ("dtype.safetensors", "unknown dtype 'Q8'"),
        ("$M", "is a gatescope model, not a trace"), ("garbage.onnx", "is an ONNX model, not a trace"),
        ("seq.csv", "is text (a CSV input? pass it with --input), not safetensors"),
        ("seq.npy", "is a NumPy .npy array (an input sequence? pass it with --input), not safetensors"),
    ]
    static let badInputs: [(file: String, mentions: String)] = [
        ("nope.csv", "No such file"), ("empty.csv", "is empty"), ("wide.csv", "has 3 columns but the model takes 2"),
        ("word.csv", "'x' is not a number"), ("nan.csv", "NaN"),
    ]

    static let cases: [Case] = {
        var cases: [Case] = []
        for (file, mentions) in badModels {
            let model = file.hasPrefix("$") ? file : "$D/" + file
            cases.append(Case(arguments: ["record", "--model", model, "--input", "$I", "--out", "$D/out.safetensors"], mentions: [mentions]))
            cases.append(Case(arguments: ["explore", "--model", model, "--input", "$I"], mentions: [mentions]))
            cases.append(Case(arguments: ["replay", "$T", "--model", model], mentions: [mentions]))
            if file != "$T" { cases.append(Case(arguments: ["inspect", model], mentions: [mentions])) }
        }
        // A sequence passed where a model or trace goes says what it is and where it belongs.
        cases.append(Case(arguments: ["inspect", "$D/seq.npy"], mentions: ["is a NumPy .npy array", "--input"]))
        cases.append(Case(arguments: ["inspect", "$D/seq.csv"], mentions: ["is text (a CSV input?", "--input"]))
        for (file, mentions) in badTraces {
            let trace = file.hasPrefix("$") ? file : "$D/" + file
            cases.append(Case(arguments: ["replay", trace], mentions: [mentions]))
            cases.append(Case(arguments: ["render", trace, "--format", "txt", "--out", "$D/out.txt"], mentions: [mentions]))
            cases.append(Case(arguments: ["diff", trace, "$T"], mentions: [mentions], status: 2))
            cases.append(Case(arguments: ["diff", "$T", trace], mentions: [mentions], status: 2))
            cases.append(Case(arguments: ["replay", "$T", "--compare", trace], mentions: [mentions]))
        }
        for (file, mentions) in badInputs {
            cases.append(Case(arguments: ["record", "--model", "$M", "--input", "$D/" + file, "--out", "$D/out.safetensors"], mentions: [mentions]))
            cases.append(Case(arguments: ["explore", "--model", "$M", "--input", "$D/" + file], mentions: [mentions]))
        }
        for file in ["nope.csv", "empty.csv", "word.csv", "nan.csv"] {
            let mentions = badInputs.first { $0.file == file }!.mentions
            cases.append(Case(arguments: ["train", "series", "--data", "$D/" + file, "--out", "$D/out.safetensors"], mentions: [mentions]))
        }
        cases += [
            Case(arguments: ["record", "--model", "$M", "--input", "$I", "--out", "$D/o.safetensors", "--prefix", "nosuch"],
                 mentions: ["no recurrent module 'nosuch'", "rnn (LSTM 2→8)", "--prefix"]),
            Case(arguments: ["inspect", "$M", "--prefix", "nosuch"], mentions: ["'nosuch'", "rnn (LSTM 2→8)"]),
            Case(arguments: ["explore", "--model", "$M", "--input", "$I", "--prefix", "nosuch"], mentions: ["'nosuch'", "rnn (LSTM 2→8)"]),
            Case(arguments: ["replay", "$T", "--model", "$M", "--prefix", "nosuch"], mentions: ["'nosuch'", "rnn (LSTM 2→8)"]),
            Case(arguments: ["explore", "--demo", "nosuch"], mentions: ["no demo called 'nosuch'", "adding", "brackets"]),
            Case(arguments: ["lesson", "--demo", "nosuch"], mentions: ["no demo called 'nosuch'"]),
            Case(arguments: ["lesson", "$D/nope.lesson"], mentions: ["no lesson called", "01-conveyor-belt"]),
            Case(arguments: ["lesson", "$D/empty.lesson"], mentions: ["lesson: TITLE"]),
            Case(arguments: ["lesson", "$D/bad.lesson"], mentions: ["expected 'key: value'"]),
            Case(arguments: ["explore", "--demo", "adding"], mentions: ["needs a terminal", "gatescope record"]),
            Case(arguments: ["explore", "--model", "$M", "--input", "$I"], mentions: ["needs a terminal"]),
            Case(arguments: ["replay", "$T"], mentions: ["needs a terminal"]),
            // Found while fuzzing: raw_data whose byte size overflows Int trapped in ONNXTensor.floats.
            Case(arguments: ["inspect", "$F/onnx/regressions/raw-data-size-overflow.onnx"], mentions: ["far too large", "corrupt"]),
            Case(arguments: ["record", "--model", "$F/onnx/regressions/raw-data-size-overflow.onnx", "--input", "$I", "--out", "$D/o.safetensors"],
                 mentions: ["far too large"]),
            Case(arguments: ["train", "adding", "--steps", "1", "--out", "$D/no/such/dir/m.safetensors"], mentions: ["cannot write into the directory", "No such file or directory"]),
            // torch.save archives: a view past its storage, a foreign global (kept opaque, never run), a plain
            // zip and a damaged one are refused naming what they are.
            Case(arguments: ["inspect", "$F/torch/seeds/bad_view.pt"], mentions: ["reaches element 5 of a storage of 4", "corrupt"]),
            Case(arguments: ["record", "--model", "$F/torch/seeds/foreign_global.pt", "--input", "$I", "--out", "$D/o.safetensors"],
                 mentions: ["holds no recurrent weights"]),
            Case(arguments: ["inspect", "$F/zip/seeds/stored.zip"], mentions: ["is a zip archive holding 'hello.txt'", "not model weights"]),
            Case(arguments: ["explore", "--model", "$D/damaged.pt", "--input", "$I"], mentions: ["no zip end-of-central-directory record"]),
            // A model with no input of its own says which kind of input it reads.
            Case(arguments: ["explore", "--model", "$S/text/model.safetensors"], mentions: ["give an input", "--text \""]),
            Case(arguments: ["explore", "--model", "$S/series/model.safetensors"], mentions: ["give an input", "--input FILE.csv"]),
            // Misspelt demo and lesson names get the closest one suggested.
            Case(arguments: ["explore", "--demo", "addding"], mentions: ["no demo called 'addding' (did you mean 'adding'?)", "brackets"]),
            Case(arguments: ["explore", "--compare", "brackets,brackts-gru"], mentions: ["did you mean 'brackets-gru'?"]),
            Case(arguments: ["lesson", "--demo", "sinee"], mentions: ["no demo called 'sinee' (did you mean 'sine'?)"]),
            Case(arguments: ["lesson", "conveyer-belt"], mentions: ["no lesson called 'conveyer-belt' (did you mean '01-conveyor-belt'?)"]),
            Case(arguments: ["lesson", "forgt-gate"], mentions: ["did you mean '02-forget-gate'?"]),
            Case(arguments: ["record", "--demo", "addng", "--out", "$D/o.safetensors"],
                 mentions: ["no demo called 'addng' (did you mean 'adding'?)"]),
        ]
        return cases
    }()

    @Test(arguments: cases)
    func badInputGivesOneErrorLine(_ badCase: Case) throws {
        let binary = try #require(Self.binary)
        let fixtures = try #require(Self.fixtures)
        let arguments = badCase.arguments.map {
            $0.replacingOccurrences(of: "$D", with: fixtures.directory)
                .replacingOccurrences(of: "$M", with: fixtures.model)
                .replacingOccurrences(of: "$I", with: fixtures.input)
                .replacingOccurrences(of: "$T", with: fixtures.trace)
                .replacingOccurrences(of: "$F", with: fixtures.fuzz)
                .replacingOccurrences(of: "$S", with: (fixtures.model as NSString).deletingLastPathComponent + "/..")
        }
        let result = try Self.run(binary, arguments)
        #expect(result.exited, "ended by signal \(result.status) (a crash)")
        #expect(result.status == badCase.status, "exit status; stderr: \(result.stderr)")
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 1, "exactly one line on stderr: \(result.stderr)")
        #expect(result.stderr.hasPrefix("error: "), "starts with 'error: ': \(result.stderr)")
        #expect(!result.stderr.contains("Fatal error"))
        for text in badCase.mentions {
            #expect(result.stderr.contains(text), "mentions '\(text)': \(result.stderr)")
        }
    }

    @Test func unknownTrainingTaskIsAUsageErrorListingTheTasks() throws {
        let binary = try #require(Self.binary)
        let result = try Self.run(binary, ["train", "nosuch", "--out", "/tmp/never.safetensors"])
        #expect(result.exited && result.status == 64, "ArgumentParser's usage status")
        #expect(result.stderr.hasPrefix("Error: unknown task 'nosuch'; the tasks are: brackets, adding"))
    }

    // MARK: Fixtures

    struct Fixtures: Sendable {
        var directory: String
        var model: String
        var input: String
        var trace: String
        var fuzz: String
    }

    /// Bad files made once per test run beside a good model, input and trace.
    static let fixtures: Fixtures? = try? makeFixtures()

    static func makeFixtures() throws -> Fixtures {
        var root = #filePath
        for _ in 0..<3 { root = (root as NSString).deletingLastPathComponent }
        let model = root + "/demos/adding/model.safetensors", input = root + "/demos/adding/input.csv"
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("cli-errors-\(getpid())-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // Every test of the run shares the directory: it goes when the test process exits.
        atexit {
            if let directory = CLIErrorTests.fixtures?.directory { try? FileManager.default.removeItem(atPath: directory) }
        }
        func write(_ name: String, _ bytes: [UInt8]) throws {
            try Data(bytes).write(to: URL(fileURLWithPath: directory + "/" + name))
        }
        func safetensors(_ header: String, _ data: [UInt8]) -> [UInt8] {
            let json = Array(header.utf8)
            return withUnsafeBytes(of: UInt64(json.count).littleEndian, Array.init) + json + data
        }
        let good = Array(try Data(contentsOf: URL(fileURLWithPath: model)))
        let headerLength = Int(good[0..<8].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) })
        try write("empty.safetensors", [])
        try write("truncated.safetensors", Array(good[0..<(8 + headerLength + (good.count - 8 - headerLength) / 2)]))
        try write("header-past-end.safetensors", withUnsafeBytes(of: UInt64(100_000).littleEndian, Array.init) + Array(#"{"a":1}"#.utf8))
        try write("overlap.safetensors", safetensors(
            #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#,
            [UInt8](repeating: 0, count: 12)))
        try write("dtype.safetensors", safetensors(#"{"a":{"dtype":"Q8","shape":[2],"data_offsets":[0,8]}}"#, [UInt8](repeating: 0, count: 8)))
        // NaN as the first weight of the recurrent layer's input matrix.
        let header = try JSONSerialization.jsonObject(with: Data(good[8..<(8 + headerLength)])) as? [String: Any] ?? [:]
        let name = try #require(header.keys.first { $0.contains("weight_ih") })
        let offsets = try #require((header[name] as? [String: Any])?["data_offsets"] as? [Int])
        var nan = good
        withUnsafeBytes(of: Float.nan.bitPattern.littleEndian) { bits in
            for k in 0..<4 { nan[8 + headerLength + offsets[0] + k] = bits[k] }
        }
        try write("nan-weights.safetensors", nan)
        try write("garbage.onnx", (0..<300).map { UInt8(truncatingIfNeeded: $0 * 37 + 11) })
        try write("empty.csv", [])
        try write("seq.csv", Array("value,marker\n0.5,0\n0.25,1\n".utf8))
        try write("seq.npy", [0x93] + Array("NUMPY".utf8) + [1, 0, 0x76, 0] + Array("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2), }".utf8))
        try write("wide.csv", Array("a,b,c\n1,2,3\n4,5,6\n".utf8))
        try write("word.csv", Array("a,b\n1,x\n".utf8))
        try write("nan.csv", Array("a,b\n1,nan\n".utf8))
        try write("damaged.pt", [0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 60))
        try write("empty.lesson", [])
        try write("bad.lesson", Array("hello world\n".utf8))
        let trace = directory + "/trace.safetensors"
        let binary = try #require(binary)
        let recorded = try run(binary, ["record", "--model", model, "--input", input, "--out", trace])
        guard recorded.exited, recorded.status == 0 else { throw CocoaError(.fileWriteUnknown) }
        return Fixtures(directory: directory, model: model, input: input, trace: trace, fuzz: root + "/Fuzz")
    }

    /// Runs the binary with stdin from /dev/null and stdout / stderr to files (never a TTY), killing it
    /// after `timeout` (which fails the test: the program hung).
    static func run(_ binary: String, _ arguments: [String], timeout: Duration = .seconds(30))
        throws -> (status: Int32, exited: Bool, stderr: String) {
        let result = try runCapturing(binary, arguments, timeout: timeout)
        return (result.status, result.exited, result.stderr)
    }

    /// Runs the binary with `arguments`; its exit status, whether it exited, its stdout and its stderr.
    static func runCapturing(_ binary: String, _ arguments: [String], timeout: Duration = .seconds(30))
        throws -> (status: Int32, exited: Bool, stdout: String, stderr: String) {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("cli-run-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("out"), err = directory.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm-256color"
        process.environment = environment
        try process.run()
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while process.isRunning && ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.01) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            Issue.record("gatescope \(arguments.joined(separator: " ")) hung (killed after \(timeout))")
        }
        process.waitUntilExit()
        let stderr = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
        let stdout = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
        return (process.terminationStatus, process.terminationReason == .exit, stdout, stderr)
    }
}

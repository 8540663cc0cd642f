import Foundation
import Testing

/// A hostile user's cases against the built binary: signals never kill the program with the
/// terminal broken or temporary files left, recordings are never lost, outputs that are not regular
/// files are never replaced, and file content reaches the terminal escaped.
@Suite(.serialized, .enabled(if: TmuxSession.builtProduct(named: "gatescope") != nil,
                             "gatescope is not built; run `swift build` (or set GATESCOPE_BIN_DIR)"))
struct HardeningEndToEndTests {
    static let binary = TmuxSession.builtProduct(named: "gatescope")

    /// The repository's root (for the demos).
    static let root: String = {
        var root = #filePath
        for _ in 0..<3 { root = (root as NSString).deletingLastPathComponent }
        return root
    }()
    static var model: String { root + "/demos/adding/model.safetensors" }
    static var input: String { root + "/demos/adding/input.csv" }

    /// A fresh directory, removed by the caller.
    static func makeDirectory(_ label: String) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("hardening-\(label)-\(getpid())-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The result of one run.
    struct Outcome {
        var status: Int32
        var exited: Bool
        var stdout: Data
        var stderr: String
    }

    /// Runs the binary with stdin from `stdin` (or /dev/null) and output to files, killing it after
    /// `timeout` (which fails the test).
    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
                    timeout: Duration = .seconds(60)) throws -> Outcome {
        let binary = try #require(Self.binary)
        let directory = try makeDirectory("run")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let out = directory + "/out", err = directory + "/err", inPath = directory + "/in"
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        _ = FileManager.default.createFile(atPath: err, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        if let stdin {
            _ = FileManager.default.createFile(atPath: inPath, contents: Data(stdin.utf8))
            process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: inPath))
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        var env = ProcessInfo.processInfo.environment
        env["TERM"] = "xterm-256color"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        try process.run()
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while process.isRunning && ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.01) }
        if process.isRunning {
            process.terminate()
            Issue.record("gatescope \(arguments.joined(separator: " ")) hung (killed after \(timeout))")
        }
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, exited: process.terminationReason == .exit,
                       stdout: (try? Data(contentsOf: URL(fileURLWithPath: out))) ?? Data(),
                       stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }

    // MARK: Signals in a full-screen session

    @Test(arguments: [("SIGQUIT", SIGQUIT), ("SIGUSR1", SIGUSR1), ("SIGUSR2", SIGUSR2), ("SIGPIPE", SIGPIPE), ("SIGALRM", SIGALRM)])
    func aFatalSignalRestoresTheTerminal(name: String, number: Int32) throws {
        let binary = try #require(Self.binary)
        let session = try TmuxSession(command: [binary, "explore", "--demo", "builtin"], width: 100, height: 30)
        defer { session.kill() }
        try session.waitForScreen { $0.contains("t=1/13") }
        try session.signal(number)
        #expect(try session.waitForExit() == 128 + number, "\(name)")
        try session.expectTerminalRestored(name)
        let screen = try session.capture()
        #expect(!screen.contains("crashed") && !screen.contains("Backtrac"), "no crash report: \(screen)")
    }

    @Test func ctrlBackslashQuitsCleanly() throws {
        let binary = try #require(Self.binary)
        let session = try TmuxSession(command: [binary, "explore", "--demo", "builtin"], width: 100, height: 30)
        defer { session.kill() }
        try session.waitForScreen { $0.contains("t=1/13") }
        try session.sendKeys("C-\\")
        #expect(try session.waitForExit() == 128 + SIGQUIT)
        #expect(try session.paneVariable("alternate_on") == "0")
        let screen = try session.capture()
        #expect(!screen.contains("crashed") && !screen.contains("Backtrac"), "no crash report: \(screen)")
    }

    @Test func aRecordingThatCannotBeSavedIsKeptAndReported() throws {
        let binary = try #require(Self.binary)
        let directory = try Self.makeDirectory("full")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let session = try TmuxSession(command: [binary, "explore", "--demo", "builtin", "--record-to", "/dev/full"],
                                      width: 100, height: 30, environment: ["TMPDIR": directory])
        defer { session.kill() }
        try session.waitForScreen { $0.contains("t=1/13") }
        try session.sendKeys("r")
        try session.waitForScreen { $0.contains("● REC 1") }
        try session.sendKeys("Right", "Right", "r")
        // The whole reason is on screen, wrapped rather than cut at the edge.
        let screen = try session.waitForScreen { $0.contains("No space left on device") }
        #expect(screen.contains("kept at"), "says where the recording went: \(screen)")
        try session.sendKeys("q")
        #expect(try session.waitForExit() == 1)
        #expect(try session.paneVariable("alternate_on") == "0")
        // On stderr after the terminal was restored.
        try session.waitForScreen { $0.contains("error: could not save the recording to /dev/full") }
        let kept = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.contains("rescued") }
        #expect(kept.count == 1, "the recording is kept in the temporary directory: \(kept)")
        let inspect = try Self.run(["inspect", directory + "/" + (kept.first ?? "none")])
        #expect(inspect.status == 0 && String(decoding: inspect.stdout, as: UTF8.self).contains("steps:       3"))
    }

    @Test func aCorruptBookmarksFileWarnsAndOpensTheTrace() throws {
        let binary = try #require(Self.binary)
        let directory = try Self.makeDirectory("bookmarks")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let trace = directory + "/t.safetensors"
        #expect(try Self.run(["record", "--model", Self.model, "--input", Self.input, "--out", trace]).status == 0)
        let garbage = "this is not\ta bookmarks file\u{1b}[2J\n"
        try garbage.write(toFile: trace + ".bookmarks.tsv", atomically: true, encoding: .utf8)
        let session = try TmuxSession(command: [binary, "replay", trace], width: 100, height: 30)
        defer { session.kill() }
        try session.waitForScreen { $0.contains("t=1/50") }
        try session.sendKeys("b")
        try session.sendKeys("Enter")
        try session.sendKeys("q")
        #expect(try session.waitForExit() == 0)
        try session.waitForScreen { $0.replacingOccurrences(of: "\n", with: "").contains("opened without its bookmarks") }
        #expect(try String(contentsOfFile: trace + ".bookmarks.tsv", encoding: .utf8) == garbage, "the file is left as it was")
    }

    // MARK: Locale and terminal types

    @Test func aCLocaleOnAUTF8TerminalDrawsCorrectly() throws {
        let binary = try #require(Self.binary)
        let session = try TmuxSession(command: [binary, "explore", "--demo", "builtin"], width: 100, height: 30,
                                      environment: ["LANG": "C", "LC_ALL": "C", "LC_CTYPE": String?.none])
        defer { session.kill() }
        let screen = try session.waitForScreen { $0.contains("t=1/13") && $0.contains("q quit") }
        #expect(screen.contains("█") && screen.contains("─") && screen.contains("·"), "block and rule glyphs drawn: \(screen)")
        try session.sendKeys("Right")
        try session.waitForScreen { $0.contains("t=2/13") }
        try session.sendKeys("q")
        #expect(try session.waitForExit() == 0)
    }

    @Test func asciiFallbackDrawsOnlyASCII() throws {
        let binary = try #require(Self.binary)
        let session = try TmuxSession(command: [binary, "explore", "--demo", "builtin"], width: 100, height: 30,
                                      environment: ["GATESCOPE_ASCII": "1"])
        defer { session.kill() }
        let screen = try session.waitForScreen { $0.contains("t=1/13") && $0.contains("q quit") }
        let allASCII = screen.unicodeScalars.allSatisfy { $0.isASCII }
        #expect(allASCII, "ASCII only: \(screen)")
        try session.sendKeys("q")
        #expect(try session.waitForExit() == 0)
    }

    @Test func aTerminalWithoutAlternateScreenIsClearedOnExit() throws {
        let binary = try #require(Self.binary)
        let session = try TmuxSession(command: [binary, "explore", "--demo", "builtin"], width: 100, height: 30, term: "vt100")
        defer { session.kill() }
        try session.waitForScreen { $0.contains("t=1/13") }
        try session.sendKeys("q")
        #expect(try session.waitForExit() == 0)
        let screen = try session.capture()
        #expect(!screen.contains("t=1/13") && !screen.contains("gatescope ·"), "the last frame is gone: \(screen)")
    }

    // MARK: Headless commands

    @Test(arguments: [SIGINT, SIGTERM, SIGHUP, SIGQUIT])
    func anInterruptedRecordLeavesNoTemporaryFile(signal number: Int32) throws {
        let binary = try #require(Self.binary)
        let directory = try Self.makeDirectory("record-signal")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Long enough that the trace is still being written when the signal comes.
        var csv = "value,marker\n"
        for t in 0..<200_000 { csv += "0.\(t % 97),\(t % 50 == 0 ? 1 : 0)\n" }
        try csv.write(toFile: directory + "/long.csv", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["record", "--model", Self.model, "--input", directory + "/long.csv", "--out", directory + "/trace.safetensors"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now.advanced(by: .seconds(120))
        var sawTemporary = false
        while process.isRunning && ContinuousClock.now < deadline {
            if try FileManager.default.contentsOfDirectory(atPath: directory).contains(where: { $0.contains(".tmp-") }) {
                sawTemporary = true
                break
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        try #require(sawTemporary, "the recording finished before a temporary file was seen")
        kill(process.processIdentifier, number)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == number,
                "ends as the signal would have, not \(process.terminationReason.rawValue)/\(process.terminationStatus)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0 != "long.csv" }
        #expect(leftovers.isEmpty, "left behind: \(leftovers)")
    }

    @Test func trainingIntoAClosedPipeStillSavesTheModel() throws {
        let binary = try #require(Self.binary)
        let directory = try Self.makeDirectory("train-pipe")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let model = directory + "/m.safetensors"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["train", "adding", "--steps", "20", "--out", model]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        // As `| head -1`: the reader goes away at once.
        try pipe.fileHandleForReading.close()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        #expect(FileManager.default.fileExists(atPath: model))
    }

    @Test func recordingIntoDevNullKeepsTheDevice() throws {
        let directory = try Self.makeDirectory("devnull")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try Self.run(["record", "--model", Self.model, "--input", Self.input, "--out", "/dev/null"])
        #expect(result.status == 0, "\(result.stderr)")
        var info = stat()
        #expect(stat("/dev/null", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR, "/dev/null is still a device")
    }

    @Test func recordToStandardOutputWritesTheTraceThere() throws {
        let directory = try Self.makeDirectory("stdout")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let piped = try Self.run(["record", "--model", Self.model, "--input", Self.input, "--out", "-"])
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(piped.stderr.contains("recorded 50 steps"), "the summary goes to stderr: \(piped.stderr)")
        let file = try Self.run(["record", "--model", Self.model, "--input", Self.input, "--out", directory + "/t.safetensors"])
        #expect(file.status == 0)
        let written = try Data(contentsOf: URL(fileURLWithPath: directory + "/t.safetensors"))
        #expect(piped.stdout == written, "the same bytes as a file (\(piped.stdout.count) vs \(written.count))")
    }

    @Test func recordToATerminalIsRefused() throws {
        let binary = try #require(Self.binary)
        let session = try TmuxSession(command: [binary, "record", "--model", Self.model, "--input", Self.input, "--out", "-"],
                                      width: 120, height: 20)
        defer { session.kill() }
        #expect(try session.waitForExit() == 1)
        try session.waitForScreen { $0.replacingOccurrences(of: "\n", with: "").contains("which is a terminal; redirect it") }
    }

    @Test func aSymbolicLinkOutputWritesItsTarget() throws {
        let directory = try Self.makeDirectory("symlink")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createSymbolicLink(atPath: directory + "/link.safetensors", withDestinationPath: "target.safetensors")
        let result = try Self.run(["record", "--model", Self.model, "--input", Self.input, "--out", directory + "/link.safetensors"])
        #expect(result.status == 0, "\(result.stderr)")
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: directory + "/link.safetensors")
        #expect(link == "target.safetensors", "the link stays a link")
        let size = try FileManager.default.attributesOfItem(atPath: directory + "/target.safetensors")[.size] as? Int
        #expect((size ?? 0) > 1000, "the target holds the trace")
    }

    @Test func aDirectoryOutputIsRefused() throws {
        let directory = try Self.makeDirectory("dir-out")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try Self.run(["record", "--model", Self.model, "--input", Self.input, "--out", directory])
        #expect(result.exited && result.status == 1)
        #expect(result.stderr.contains("is a directory"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }

    @Test func aFullDiskSaysWhyAndNamesNoVanishedFile() throws {
        let result = try Self.run(["record", "--model", Self.model, "--input", Self.input, "--out", "/dev/full"])
        #expect(result.exited && result.status == 1)
        #expect(result.stderr.contains("No space left on device"), "\(result.stderr)")
        #expect(!result.stderr.contains(".tmp-"), "names no temporary file: \(result.stderr)")
    }

    // MARK: Escaping

    @Test func inspectEscapesControlCharactersFromMetadata() throws {
        let directory = try Self.makeDirectory("inject")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // A valid safetensors file: one tensor, and metadata that would set the title and clear the screen.
        let header = #"{"__metadata__":{"title":"\u001b]0;pwned\u0007\u001b[2J"},"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#
        var bytes = withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian, Array.init)
        bytes += Array(header.utf8) + [0, 0, 0, 0]
        let path = directory + "/evil\u{1b}[31m.safetensors"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let result = try Self.run(["inspect", path])
        #expect(!result.stdout.contains(0x1B) && !result.stdout.contains(0x07), "no raw ESC or BEL on stdout")
        #expect(!result.stderr.utf8.contains(0x1B) && !result.stderr.utf8.contains(0x07), "no raw ESC or BEL on stderr: \(result.stderr)")
        let text = String(decoding: result.stdout, as: UTF8.self) + result.stderr
        #expect(text.contains("^["), "escapes are shown as ^[: \(text)")
    }

    @Test func compareInputUsesEveryModelOption() throws {
        let directory = try Self.makeDirectory("compare-input")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "value,marker\n0.5,1\n0.25,0\n".write(toFile: directory + "/b.csv", atomically: true, encoding: .utf8)
        // A head that does not exist must be refused, not silently replaced by the model's own.
        let result = try Self.run(["explore", "--model", Self.model, "--input", Self.input, "--compare-input", directory + "/b.csv",
                                   "--head", "nosuch"])
        #expect(result.exited && result.status == 1)
        #expect(result.stderr.contains("no linear layer 'nosuch'"), "\(result.stderr)")
    }

    // MARK: Option values

    @Test(arguments: [
        (["render", "$T", "--format", "cast", "--explorer", "--width", "100000", "--height", "100000"], "--width must be between 40 and 1000"),
        (["render", "$T", "--format", "cast", "--fps", "-5"], "--fps must be between 0.01"),
        // A frame every 10³⁰ s (timestamps of 1e+31 in the cast) was accepted.
        (["render", "$T", "--format", "cast", "--fps", "1e-30"], "--fps must be between 0.01 (a frame every 100 s) and 1000"),
        (["render", "$T", "--format", "txt", "--steps", "-1000:5"], "--steps"),
        (["diff", "$T", "$T", "--tolerance", "-1"], "--tolerance must be a finite number ≥ 0"),
        (["diff", "$T", "$T", "--tolerance", "inf"], "--tolerance must be a finite number ≥ 0 (e.g. 1e-6)"),
        (["units", "$T", "--top", "-1"], "--top must be at least 1, not -1"),
        (["train", "adding", "--steps", "-3", "--out", "/tmp/never.safetensors"], "--steps must be at least 1"),
    ])
    func negativeAndHugeNumbersGetTheirOwnMessage(arguments: [String], mentions: String) throws {
        let directory = try Self.makeDirectory("options")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let trace = directory + "/t.safetensors"
        #expect(try Self.run(["record", "--model", Self.model, "--input", Self.input, "--out", trace]).status == 0)
        let result = try Self.run(arguments.map { $0 == "$T" ? trace : $0 } + (arguments[0] == "render" ? ["--out", directory + "/o"] : []))
        #expect(result.exited && result.status != 0)
        #expect(result.stderr.contains(mentions), "\(result.stderr)")
        #expect(!result.stderr.contains("Missing value"), "\(result.stderr)")
    }
}

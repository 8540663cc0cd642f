import Foundation
import Testing

/// A live session longer than the history it holds in memory, end to end (the real binary under
/// tmux): Home still reaches step 1 with its values (recomputed from a checkpoint, the same as the
/// explorer shows for the same rows read from a file), and the spool files in `$TMPDIR` are there
/// while the session runs and gone after it ends: on `q`, after an error, and on SIGTERM.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed; skipping the live history terminal tests"),
       .enabled(if: TmuxSession.builtProduct(named: "gatescope") != nil,
                "gatescope is not built; run `swift build` (or set GATESCOPE_BIN_DIR)"))
struct LiveHistoryEndToEndTests {
    static let binary = TmuxSession.builtProduct(named: "gatescope")
    /// The adding demo's model (LSTM 2→8 with a head): rows are `value,marker`.
    static let model = ReplayEndToEndTests.model
    /// Rows piped in: step 1 is `0.8125,1`, then 5999 more.
    static let steps = 6000

    /// A fresh directory with the input rows (`input.csv`) and an empty `tmp/` for `$TMPDIR`.
    private func scratch() throws -> (directory: URL, input: String, tmp: String) {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("live-history-e2e-\(getpid())-\(UUID().uuidString.prefix(8))")
        let tmp = directory.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        var rows = "0.8125,1\n"
        for t in 1..<Self.steps { rows += "\(Double(t % 97) / 97),\(t % 41 == 3 ? 1 : 0)\n" }
        let input = directory.appendingPathComponent("input.csv").path
        try rows.write(toFile: input, atomically: true, encoding: .utf8)
        return (directory, input, tmp.path)
    }

    /// The live spool files in `tmp`.
    private func spoolFiles(in tmp: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: tmp).filter { $0.hasPrefix(".gatescope-live-") }.sorted()
    }

    /// A live session on `input` (standard input from the file), holding 100 steps in memory.
    private func liveSession(_ binary: String, input: String, tmp: String, extra: String = "") throws -> TmuxSession {
        let command = "exec '\(binary)' explore --model '\(Self.model)' --input - \(extra) < '\(input)'"
        return try TmuxSession(command: ["sh", "-c", command], width: 120, height: 40,
                               environment: ["NO_COLOR": String?.none, "TMPDIR": tmp, "GATESCOPE_LIVE_HISTORY": "100"])
    }

    /// The inspector's lines for the step at the cursor (right of the `│`, from the `f = σ` line on).
    private func inspector(_ screen: String) -> [String] {
        let right = screen.split(separator: "\n").compactMap { line -> String? in
            guard let bar = line.firstIndex(of: "│") else { return nil }
            return line[line.index(after: bar)...].trimmingCharacters(in: .whitespaces)
        }
        guard let first = right.firstIndex(where: { $0.hasPrefix("f = σ") }) else { return [] }
        return Array(right[first..<min(right.count, first + 6)])
    }

    @Test func homeReachesStepOneWithItsValuesAfterMoreRowsThanTheHistoryHolds() throws {
        let binary = try #require(Self.binary)
        let (directory, input, tmp) = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }

        // The reference: the same rows read from a file (checkpointed, not live), at step 1.
        let file = try TmuxSession(command: [binary, "explore", "--model", Self.model, "--input", input],
                                   width: 120, height: 40, environment: ["NO_COLOR": String?.none])
        defer { file.kill() }
        let reference = inspector(try file.waitForScreen { $0.contains("t=1/\(Self.steps)") && $0.contains("f = σ") })
        #expect(reference.count == 6, "\(reference)")
        try file.sendKeys("q")
        #expect(try file.waitForExit() == 0)

        let session = try liveSession(binary, input: input, tmp: tmp)
        defer { session.kill() }
        try session.waitForScreen(timeout: .seconds(30)) { $0.contains("input ended after \(Self.steps) steps") }
        let spooled = try spoolFiles(in: tmp)
        #expect(spooled.count == 2 && spooled.contains { $0.hasPrefix(".gatescope-live-input.tmp-") }, "\(spooled)")
        let inputSpool = try #require(spooled.first { $0.hasPrefix(".gatescope-live-input.") })
        let size = try FileManager.default.attributesOfItem(atPath: tmp + "/" + inputSpool)[.size] as? Int
        #expect(size == Self.steps * 2 * 4, "every row on disk, two floats each")
        try session.sendKeys("Home")
        let screen = try session.waitForScreen { $0.contains("t=1/\(Self.steps)") && $0.contains("step 1 of \(Self.steps) · input 0.81") }
        #expect(!screen.contains("no longer held"))
        #expect(inspector(screen) == reference, "step 1 live: \(inspector(screen))\nfrom the file: \(reference)")
        try session.sendKeys("q")
        #expect(try session.waitForExit() == 0)
        #expect(try spoolFiles(in: tmp).isEmpty, "the spool files are deleted on q")
    }

    @Test func theSpoolFilesGoAfterAnErrorAndOnASignal() throws {
        let binary = try #require(Self.binary)
        let (directory, input, tmp) = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }

        // A recording that cannot be saved: the session ends with an error (status 1).
        let failing = try liveSession(binary, input: input, tmp: tmp, extra: "--record-to /dev/full")
        defer { failing.kill() }
        try failing.waitForScreen(timeout: .seconds(30)) { $0.contains("input ended after \(Self.steps) steps") }
        #expect(try spoolFiles(in: tmp).count == 2)
        try failing.sendKeys("r")
        try failing.waitForScreen { $0.contains("● REC") }
        try failing.sendKeys("q")
        #expect(try failing.waitForExit() == 1)
        #expect(try spoolFiles(in: tmp).isEmpty, "the spool files are deleted after an error")

        let killed = try liveSession(binary, input: input, tmp: tmp)
        defer { killed.kill() }
        try killed.waitForScreen(timeout: .seconds(30)) { $0.contains("input ended after \(Self.steps) steps") }
        #expect(try spoolFiles(in: tmp).count == 2)
        try killed.signal(SIGTERM)
        #expect(try killed.waitForExit() == 128 + SIGTERM)
        #expect(try spoolFiles(in: tmp).isEmpty, "the spool files are deleted on SIGTERM")
    }

    @Test func aHistoryThatIsNotAStepCountIsRefused() throws {
        let binary = try #require(Self.binary)
        let command = "echo 0.5,1 | '\(binary)' explore --model '\(Self.model)' --input -"
        let session = try TmuxSession(command: ["sh", "-c", command], width: 160, height: 10,
                                      environment: ["GATESCOPE_LIVE_HISTORY": "lots"])
        defer { session.kill() }
        #expect(try session.waitForExit() == 1)
        #expect(try session.capture().contains("error: GATESCOPE_LIVE_HISTORY=lots is not a step count; give a whole number of 16 or more"))
    }
}

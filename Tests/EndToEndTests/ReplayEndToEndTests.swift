import Foundation
import Testing

/// Live input, recording, bookmarks and replay end to end: the real `gatescope` binary under tmux.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed; skipping the replay terminal tests"),
       .enabled(if: TmuxSession.builtProduct(named: "gatescope") != nil,
                "gatescope is not built; run `swift build` (or set GATESCOPE_BIN_DIR)"))
struct ReplayEndToEndTests {
    static let binary = TmuxSession.builtProduct(named: "gatescope")
    /// The adding demo's model (LSTM 2→8 with a head): rows are `value,marker`.
    static let model: String = {
        var path = #filePath
        for _ in 0..<3 { path = (path as NSString).deletingLastPathComponent }
        return path + "/demos/adding/model.safetensors"
    }()

    /// A fresh directory for files the test writes.
    private func scratch() throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("replay-e2e-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func liveInputFromAPipeStepsAsRowsArriveAndRecords() throws {
        let binary = try #require(Self.binary)
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let recording = directory.appendingPathComponent("live.safetensors").path
        let script = "(printf '0.1,0\\n0.2,1\\n'; sleep 2; printf '0.3,0\\n0.4,1\\n0.5,0\\n'; sleep 6) | "
            + "'\(binary)' explore --model '\(Self.model)' --input - --record-to '\(recording)'"
        let session = try TmuxSession(command: ["sh", "-c", script], width: 100, height: 30,
                                      environment: ["NO_COLOR": String?.none])
        defer { session.kill() }
        let first = try session.waitForScreen { $0.contains("t=2/2") }
        #expect(first.contains("◉ LIVE"))
        try session.sendKeys("r")
        try session.waitForScreen { $0.contains("● REC 1") }
        try session.waitForScreen { $0.contains("t=5/5") && $0.contains("● REC 4") }
        try session.sendKeys("Left")
        try session.waitForScreen { $0.contains("t=4/5") && $0.contains("End follows") }
        try session.sendKeys("r")
        try session.waitForScreen { $0.contains("saved 5 recorded steps to \(recording)") }
        try session.sendKeys("q")
        // The shell waits for the writer (its last sleep) before it exits.
        #expect(try session.waitForExit(timeout: .seconds(20)) == 0)
        #expect(FileManager.default.fileExists(atPath: recording))
    }

    @Test func replayOpensScrubsBookmarksAndQuits() throws {
        let binary = try #require(Self.binary)
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        var rows = "value,marker\n"
        for t in 0..<6000 { rows += "\(Double(t % 97) / 97),\(t % 41 == 3 ? 1 : 0)\n" }
        let input = directory.appendingPathComponent("input.csv").path
        let trace = directory.appendingPathComponent("trace.safetensors").path
        try rows.write(toFile: input, atomically: true, encoding: .utf8)
        let record = Process()
        record.executableURL = URL(fileURLWithPath: binary)
        record.arguments = ["record", "--model", Self.model, "--input", input, "--out", trace]
        record.standardOutput = FileHandle.nullDevice
        try record.run()
        record.waitUntilExit()
        #expect(record.terminationStatus == 0)

        let session = try TmuxSession(command: [binary, "replay", trace], width: 120, height: 30,
                                      environment: ["NO_COLOR": String?.none])
        defer { session.kill() }
        // Both in one capture: tmux may be caught between the status line and the rest of a frame.
        try session.waitForScreen { $0.contains("t=1/6000") && $0.contains("statistics over steps 1–") }
        try session.sendKeys("G")
        try session.waitForScreen { $0.contains("t=6000/6000") && $0.contains("earlier") }
        try session.sendKeys("<", "<")
        try session.waitForScreen { !$0.contains("t=6000/6000") && $0.contains("/6000") }
        try session.sendKeys("g", "l", "l")
        try session.waitForScreen { $0.contains("t=3/6000") }
        try session.sendKeys("b")
        try session.waitForScreen { $0.contains("note for t=3") }
        try session.sendText("spike")
        try session.sendKeys("Enter")
        try session.waitForScreen { $0.contains("★ spike") }
        try session.sendKeys("G", "\"")
        try session.waitForScreen { $0.contains("t=3/6000") && $0.contains("bookmark t=3: spike") }
        try session.sendKeys("q")
        #expect(try session.waitForExit() == 0)
        let marks = try String(contentsOfFile: trace + ".bookmarks.tsv", encoding: .utf8)
        #expect(marks == "# gatescope bookmarks 1\n2\tspike\n")
    }
}

import Foundation
import Testing

/// Ctrl-C during a recording: the explorer ends gracefully, saves the recording, restores the terminal
/// and exits with 128 + signal. The real `gatescope` binary under tmux.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed; skipping the signal terminal tests"),
       .enabled(if: TmuxSession.builtProduct(named: "gatescope") != nil,
                "gatescope is not built; run `swift build` (or set GATESCOPE_BIN_DIR)"))
struct SignalRecordingEndToEndTests {
    static let binary = TmuxSession.builtProduct(named: "gatescope")

    @Test(arguments: [("SIGINT", Int32(130)), ("SIGTERM", 143), ("SIGHUP", 129)])
    func aSignalSavesTheRecordingInProgress(name: String, status: Int32) throws {
        let binary = try #require(Self.binary)
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("signal-e2e-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let recording = directory.appendingPathComponent("interrupted.safetensors").path
        let session = try TmuxSession(command: [binary, "explore", "--demo", "builtin", "--record-to", recording],
                                      width: 100, height: 30, environment: ["NO_COLOR": String?.none])
        defer { session.kill() }
        try session.waitForScreen { $0.contains("t=1/13") }
        try session.sendKeys("r")
        try session.waitForScreen { $0.contains("● REC 1") }
        try session.sendKeys("Right", "Right", "Right")
        try session.waitForScreen { $0.contains("t=4/13") && $0.contains("● REC 4") }
        switch name {
        case "SIGINT": try session.sendKeys("C-c")
        case "SIGTERM": try session.signal(SIGTERM)
        default: try session.signal(SIGHUP)
        }
        #expect(try session.waitForExit() == status)
        #expect(try session.paneVariable("alternate_on") == "0")
        #expect(try session.paneVariable("cursor_flag") == "1")
        #expect(try session.paneVariable("mouse_any_flag") == "0")
        let modes = session.ttyModes
        #expect(modes.before != nil && modes.before == modes.after, "tty modes restored")
        // Printed after the terminal was restored, so it is on the normal screen.
        try session.waitForScreen { $0.contains("recorded: \(recording)") }

        #expect(FileManager.default.fileExists(atPath: recording))
        let inspect = Process()
        inspect.executableURL = URL(fileURLWithPath: binary)
        inspect.arguments = ["inspect", recording]
        let pipe = Pipe()
        inspect.standardOutput = pipe
        inspect.standardError = FileHandle.nullDevice
        try inspect.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        inspect.waitUntilExit()
        #expect(inspect.terminationStatus == 0)
        let steps = output.split(separator: "\n").first { $0.hasPrefix("steps:") }
            .map { $0.dropFirst(6).trimmingCharacters(in: .whitespaces) }
        #expect(steps == "4", "the recording holds the four steps reached: \(output)")
        // Atomic save: no temporary file is left beside it.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { !$0.hasPrefix("interrupted.safetensors") }
        #expect(leftovers.isEmpty, "left behind: \(leftovers)")
    }
}

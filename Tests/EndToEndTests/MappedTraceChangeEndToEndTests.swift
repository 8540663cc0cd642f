import Foundation
import Testing

/// `replay` of a trace that is overwritten in place while open: the next read says so on the
/// screen (the session stays usable), and a bus error that slips past the check ends the program
/// with a one-line error and the terminal restored, never a death by SIGBUS.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed; skipping the replay terminal tests"),
       .enabled(if: TmuxSession.builtProduct(named: "gatescope") != nil,
                "gatescope is not built; run `swift build` (or set GATESCOPE_BIN_DIR)"))
struct MappedTraceChangeEndToEndTests {
    static let binary = TmuxSession.builtProduct(named: "gatescope")

    @Test func aTraceTruncatedDuringReplayIsReportedNotFatal() throws {
        let binary = try #require(Self.binary)
        let directory = try HardeningEndToEndTests.makeDirectory("mapped")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var rows = "value,marker\n"
        for t in 0..<6000 { rows += "\(Double(t % 97) / 97),\(t % 41 == 3 ? 1 : 0)\n" }
        let input = directory + "/input.csv", trace = directory + "/t.safetensors"
        try rows.write(toFile: input, atomically: true, encoding: .utf8)
        let recorded = try HardeningEndToEndTests.run(["record", "--model", HardeningEndToEndTests.model,
                                                       "--input", input, "--out", trace])
        #expect(recorded.status == 0, "\(recorded.stderr)")

        let session = try TmuxSession(command: [binary, "replay", trace], width: 200, height: 30,
                                      environment: ["NO_COLOR": String?.none])
        defer { session.kill() }
        try session.waitForScreen { $0.contains("t=1/6000") && $0.contains("statistics over steps 1–") }
        // In place, as `cp` or a crashed writer would leave it: the last steps' pages are gone.
        #expect(truncate(trace, 300) == 0)
        try session.sendKeys("G")
        try session.waitForScreen { $0.contains("changed on disk while open") }
        try session.sendKeys("q")
        #expect(try session.waitForExit() == 0)
        #expect(try session.paneVariable("alternate_on") == "0")
    }

    @Test func aBusErrorEndsWithAnErrorAndTheTerminalRestored() throws {
        let binary = try #require(Self.binary)
        let session = try TmuxSession(command: [binary, "explore", "--demo", "builtin"], width: 100, height: 30)
        defer { session.kill() }
        try session.waitForScreen { $0.contains("t=1/13") }
        try session.signal(SIGBUS)
        #expect(try session.waitForExit() == 1)
        try session.expectTerminalRestored()
        let screen = try session.capture()
        #expect(screen.contains("error: a memory-mapped file changed or shrank on disk"), "\(screen)")
        #expect(!screen.contains("crashed") && !screen.contains("Backtrac"), "no crash report: \(screen)")
    }
}

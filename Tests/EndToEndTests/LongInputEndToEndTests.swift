import Foundation
import Testing

/// `explore` on an input longer than the explorer holds whole opens on its first window and reaches the
/// last step and any step typed after `:` (the run is computed from checkpoints, not whole), and
/// `--compare-input` compares two long inputs the same way.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable && TmuxSession.builtProduct(named: "gatescope") != nil,
                             "needs tmux and the built gatescope"))
struct LongInputEndToEndTests {
    /// A CSV of `steps` rows for the adding demo (2 inputs).
    static func writeInput(steps: Int, to path: String) throws {
        let rows = (0..<steps).map { t in "\(Float(t % 97) / 97),\(t % 50 == 0 ? 1 : 0)" }
        try (rows.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func aLongInputOpensAndGoesToTheEndAndToAnyStep() throws {
        let binary = try #require(CLIErrorTests.binary)
        let fixtures = try #require(CLIErrorTests.fixtures)
        let input = fixtures.directory + "/long-20000.csv"
        try Self.writeInput(steps: 20_000, to: input)
        let session = try TmuxSession(command: [binary, "explore", "--model", fixtures.model, "--input", input],
                                      width: 120, height: 40)
        defer { session.kill() }
        try session.waitForScreen { $0.contains("t=1/20000") && $0.contains("statistics over steps 1–1024 of 20000") }
        try session.sendKeys("End")
        try session.waitForScreen { $0.contains("t=20000/20000") && $0.contains("(this window)") }
        try session.sendKeys(":", "1", "2", "3", "4", "5", "Enter")
        try session.waitForScreen { $0.contains("t=12345/20000") }
        try session.sendKeys("q")
        #expect(try session.waitForExit() == 0)
    }

    @Test func twoLongInputsCompare() throws {
        let binary = try #require(CLIErrorTests.binary)
        let fixtures = try #require(CLIErrorTests.fixtures)
        let a = fixtures.directory + "/long-a.csv", b = fixtures.directory + "/long-b.csv"
        try Self.writeInput(steps: 9000, to: a)
        try Self.writeInput(steps: 8000, to: b)
        let session = try TmuxSession(command: [binary, "explore", "--model", fixtures.model, "--input", a, "--compare-input", b],
                                      width: 120, height: 40)
        defer { session.kill() }
        try session.waitForScreen { $0.contains("step 1/8000") }
        try session.sendKeys("End")
        try session.waitForScreen { $0.contains("step 8000/8000") }
        try session.sendKeys("q")
        #expect(try session.waitForExit() == 0)
    }
}

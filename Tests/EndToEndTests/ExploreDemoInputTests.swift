import Foundation
import Testing

/// `explore --demo NAME --input FILE` runs the demo's model on the file (it was refused: "--input needs
/// --model"), as record and units do; `--input -` (live) still needs --model.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable && TmuxSession.builtProduct(named: "gatescope") != nil,
                             "needs tmux and the built gatescope"))
struct ExploreDemoInputTests {
    @Test func aDemoRunsOnTheGivenInput() throws {
        let binary = try #require(CLIErrorTests.binary)
        let folder = try HardeningEndToEndTests.makeDirectory("demo-input")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "(()(".write(toFile: folder + "/four.txt", atomically: true, encoding: .utf8)
        let session = try TmuxSession(command: [binary, "explore", "--demo", "brackets", "--input", folder + "/four.txt"], width: 120, height: 40)
        defer { session.kill() }
        try session.waitForScreen { $0.contains("t=1/4") }
        try session.sendKeys("q")
        #expect(try session.waitForExit() == 0)
    }

    @Test func liveInputStillNeedsAModelFile() throws {
        let result = try HardeningEndToEndTests.run(["explore", "--demo", "brackets", "--input", "-"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Error: live input (--input -) needs --model FILE\n"), "\(result.stderr)")
    }
}

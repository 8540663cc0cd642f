import Foundation
import Testing

/// Two runs of different lengths compare over their common prefix (they were refused), with a note.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable && TmuxSession.builtProduct(named: "gatescope") != nil,
                             "needs tmux and the built gatescope"))
struct CompareLengthTests {
    @Test func tracesOfDifferentLengthsCompareOverTheirCommonPrefix() throws {
        let binary = try #require(CLIErrorTests.binary)
        let folder = try UnitsPlantedTests.directory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let model = folder + "/planted.safetensors", long = folder + "/long.safetensors", short = folder + "/short.safetensors"
        try UnitsPlantedTests.writeModel(to: model)
        for (text, out) in [("ab. xa b.x aa.", long), ("ab. xb", short)] {
            let result = try CLIErrorTests.run(binary, ["record", "--model", model, "--text", text, "--out", out])
            #expect(result.status == 0, "\(result.stderr)")
        }
        let session = try TmuxSession(command: [binary, "replay", long, "--compare", short], width: 120, height: 40)
        defer { session.kill() }
        try session.waitForScreen { $0.contains("step 1/6") }
        try session.sendKeys("End")
        try session.waitForScreen { $0.contains("step 6/6") }
        try session.sendKeys("q")
        #expect(try session.waitForExit() == 0)
        // The note was written before the full screen opened (long paths wrap: join the rows).
        try session.waitForScreen {
            $0.replacingOccurrences(of: "\n", with: "").contains("note: \(long) has 14 steps and \(short) has 6: comparing the first 6")
        }
    }
}

import Foundation
import Testing

/// `gatescope record --demo NAME` records a shipped demo without knowing its paths.
@Suite(.enabled(if: TmuxSession.builtProduct(named: "gatescope") != nil,
                "gatescope is not built; run swift build first"))
struct RecordDemoTests {
    @Test func recordsTheDemosOwnInputOrTheGivenText() throws {
        let binary = try #require(TmuxSession.builtProduct(named: "gatescope"))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("record-demo-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let adding = directory.appendingPathComponent("adding.safetensors").path
        let first = try CLIErrorTests.run(binary, ["record", "--demo", "adding", "--out", adding])
        #expect(first.status == 0 && first.stderr.isEmpty)
        let inspect = Process()
        inspect.executableURL = URL(fileURLWithPath: binary)
        inspect.arguments = ["inspect", adding]
        let pipe = Pipe()
        inspect.standardOutput = pipe
        try inspect.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        inspect.waitUntilExit()
        #expect(text.contains("steps:       50"))
        #expect(text.contains("adding/input.csv"))
        let typed = directory.appendingPathComponent("brackets.safetensors").path
        let second = try CLIErrorTests.run(binary, ["record", "--demo", "brackets", "--text", "(())", "--out", typed])
        #expect(second.status == 0)
        #expect(FileManager.default.fileExists(atPath: typed))
    }
}

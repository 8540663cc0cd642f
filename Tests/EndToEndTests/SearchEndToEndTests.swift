import Foundation
import Testing

/// `/` in a real terminal (tmux): `explore --demo text` finds a word of its input, `n` wraps round.
/// The expected step is the word's character position in the demo's input file, counted here.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed; skipping the search terminal test"),
       .enabled(if: TmuxSession.builtProduct(named: "gatescope") != nil,
                "gatescope is not built; run `swift build` (or set GATESCOPE_BIN_DIR)"))
struct SearchEndToEndTests {
    static let binary = TmuxSession.builtProduct(named: "gatescope")

    /// The demo's input text.
    static func demoText() throws -> String {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return try String(contentsOfFile: parts.joined(separator: "/") + "/demos/text/input.txt", encoding: .utf8)
    }

    @Test func slashFindsAWordInTheTextDemo() throws {
        let text = try Self.demoText()
        let range = try #require(text.range(of: "Bingley"))
        let expected = text.distance(from: text.startIndex, to: range.lowerBound) + 1
        let session = try TmuxSession(command: [try #require(Self.binary), "explore", "--demo", "text"], width: 120, height: 40)
        defer { session.kill() }
        try session.waitForScreen { $0.contains("t=1/\(text.count)") }
        try session.sendKeys("/")
        try session.sendText("Bingley")
        try session.waitForScreen { $0.contains("/Bingley▌") }
        try session.sendKeys("Enter")
        let found = try session.waitForScreen { $0.contains("t=\(expected)/\(text.count)") }
        #expect(found.contains("'Bingley' match 1 of 1 at t=\(expected)"))
        #expect(found.contains("input 'B'"))
        try session.sendKeys("n")
        try session.waitForScreen { $0.contains("wrapped to the start") }
        try session.sendKeys("/")
        try session.sendText("zzqq")
        try session.sendKeys("Enter")
        try session.waitForScreen { $0.contains("no match for 'zzqq'") }
        try session.sendKeys("q")
        #expect(try session.waitForExit() == 0)
    }

    @Test func uListsUnitsForTheTokenAndMMarksAPattern() throws {
        let text = try Self.demoText()
        let session = try TmuxSession(command: [try #require(Self.binary), "explore", "--demo", "text"], width: 120, height: 40)
        defer { session.kill() }
        try session.waitForScreen { $0.contains("t=1/\(text.count)") }
        try session.sendKeys("u")
        let list = try session.waitForScreen { $0.contains("units responding to 'r'") }
        #expect(list.contains("▸ layer 1  unit"))
        try session.sendKeys("Enter")
        try session.waitForScreen { !$0.contains("units responding to") && $0.contains("layer 1 unit") }
        try session.sendKeys("m", "l", "l", "m")
        try session.waitForScreen { $0.contains("pattern t=1–3 of layer 1") || $0.contains("has h ≥ 0.3 at every step t=1–3") }
        try session.sendKeys("q")
        #expect(try session.waitForExit() == 0)
    }
}

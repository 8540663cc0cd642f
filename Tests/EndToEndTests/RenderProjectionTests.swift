import Foundation
import Testing

/// `gatescope render` of an LSTM with `proj_size`: the gates and cell are H wide, `hidden` is P wide;
/// every panel shows all of its own units (the gates were once cut to P).
@Suite(.enabled(if: TmuxSession.builtProduct(named: "gatescope") != nil,
                "gatescope is not built; run `swift build` (or set GATESCOPE_BIN_DIR)"))
struct RenderProjectionTests {
    static let binary = TmuxSession.builtProduct(named: "gatescope")
    /// Gates H = 6, hidden P = 4.
    static let trace = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("GateCoreTests/Fixtures/lstm_proj.expected.safetensors").path

    func render(_ arguments: [String]) throws -> (status: Int32, text: String, stderr: String) {
        let binary = try #require(Self.binary)
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("render-proj-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try CLIErrorTests.run(binary, ["render", Self.trace, "--out", out] + arguments)
        return (result.status, (try? String(contentsOfFile: out, encoding: .utf8)) ?? "", result.stderr)
    }

    @Test func svgShowsEveryGateUnitAndTheProjectedHidden() throws {
        let result = try render(["--format", "svg"])
        #expect(result.status == 0, "\(result.stderr)")
        let units = result.text.components(separatedBy: " data-unit=\"").dropFirst()
            .map { String($0.prefix { $0 != "\"" }) }
        #expect(Set(units) == ["0", "1", "2", "3", "4", "5"])
        // 6 gate/cell series × 6 units + hidden × 4 units, 8 steps each.
        #expect(units.count == (5 * 6 + 4) * 8)
    }

    @Test func txtRowsFollowEachSeriesWidth() throws {
        let result = try render(["--format", "txt", "--series", "forget_gate,hidden"])
        #expect(result.status == 0, "\(result.stderr)")
        let panels = result.text.components(separatedBy: "\n\n")
        let forget = try #require(panels.first { $0.hasPrefix("forget gate") })
        let hidden = try #require(panels.first { $0.hasPrefix("hidden") })
        // Units are labelled from 1, as on screen: the gates' 6 units, hidden's 4.
        #expect(forget.contains("\n    6 "))
        #expect(hidden.contains("\n    4 ") && !hidden.contains("\n    5 "))
    }

    @Test func unitsOutsideANarrowSeriesAreSkippedThere() throws {
        let result = try render(["--format", "txt", "--units", "4-6", "--series", "input_gate,hidden"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.text.contains("\n    6 "))
        let tooFar = try render(["--format", "txt", "--units", "6", "--series", "input_gate,hidden"])
        #expect(tooFar.status == 1)
        #expect(tooFar.stderr.contains("hidden, which has 4"))
    }
}

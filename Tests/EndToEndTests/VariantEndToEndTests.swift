import Foundation
import Testing

/// Every variant's demo opened as a person would, in a real terminal (tmux) at 80×24 and 200×60:
/// GRU and RNN twins, the bidirectional and stacked bands, ConvLSTM maps, and the twins side by side.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed; skipping the variants' terminal tests"),
       .enabled(if: TmuxSession.builtProduct(named: "gatescope") != nil,
                "gatescope is not built; run `swift build` (or set GATESCOPE_BIN_DIR)"))
struct VariantEndToEndTests {
    static let binary = TmuxSession.builtProduct(named: "gatescope")

    static let demos: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/") + "/demos"
    }()

    /// (arguments, keys to press after the first screen, texts the screen must then show).
    static let cases: [(arguments: [String], keys: [String], expected: [String])] = [
        (["explore", "--demo", "brackets-gru"], ["l", "l"], ["reset r", "update z", "kept z·h₋₁", "t=3/30"]),
        (["explore", "--demo", "brackets-rnn"], ["l"], ["hidden h", "t=2/30"]),
        (["explore", "--demo", "brackets-bidir"], ["l", "A"], ["layer 1 → forward", "layer 1 ← reverse", "output [h→ ; h←]"]),
        (["explore", "--demo", "brackets-stacked"], ["A"], ["layer 1 ", "layer 2 ", "◂ inspector"]),
        (["explore", "--demo", "convlstm-moving-square"], ["l", "j"], ["forget f", "kept f·c₋₁", "channel 2/8", "t=2/12"]),
        (["explore", "--demo", "brackets", "--twins"], ["l", "l"], [" LSTM", " GRU", " RNN (tanh)", "▲ t=3"]),
    ]

    @Test(arguments: 0..<6)
    func opensAtBothSizes(index: Int) throws {
        let (arguments, keys, expected) = Self.cases[index]
        for (width, height) in [(80, 24), (200, 60)] {
            let session = try TmuxSession(command: [try #require(Self.binary)] + arguments, width: width, height: height,
                                          environment: ["GATESCOPE_DEMOS": Self.demos, "NO_COLOR": nil])
            defer { session.kill() }
            try session.waitForScreen { $0.contains("t=1/") }
            for key in keys { try session.sendKeys(key) }
            let screen = try session.waitForScreen { screen in expected.allSatisfy { screen.contains($0) } }
            #expect(!screen.contains("error"), "\(arguments) at \(width)×\(height)")
            try session.sendKeys("q")
            #expect(try session.waitForExit() == 0, "\(arguments) at \(width)×\(height)")
        }
    }
}

import Foundation
import Testing

/// `train` with a learning rate that makes the weights blow up stops with one error line and saves no model of
/// infinite weights (it saved one, exit 0, that no command could open); absurd batch sizes and empty text are
/// refused up front.
@Suite(.enabled(if: TmuxSession.builtProduct(named: "gatescope") != nil,
                "gatescope is not built; run `swift build` (or set GATESCOPE_BIN_DIR)"))
struct TrainDivergenceTests {
    static let binary = TmuxSession.builtProduct(named: "gatescope") ?? ""

    static func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("train-diverge-\(getpid())-\(UUID().uuidString.prefix(6))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func aDivergingRunSaysSoAndSavesNothing() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let out = folder + "/m.safetensors"
        let result = try CLIErrorTests.run(Self.binary, ["train", "sine", "--lr", "1e38", "--steps", "40", "--out", out])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: training diverged at step ") && result.stderr.hasSuffix("; nothing was saved; try a smaller --lr than 1e+38\n"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test(arguments: [(["sine", "--batch", "1000000000"], "Error: --batch must be between 1 and 4096"),
                      (["text", "--data", "EMPTY"], "error: EMPTY is too short to train on (needs over 1000 characters)")])
    func aHopelessSettingIsRefusedAtOnce(arguments: [String], message: String) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let empty = folder + "/empty.txt"
        try Data().write(to: URL(fileURLWithPath: empty))
        let result = try CLIErrorTests.run(Self.binary, ["train"] + arguments.map { $0 == "EMPTY" ? empty : $0 } + ["--steps", "1", "--out", folder + "/m.safetensors"])
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix(message.replacingOccurrences(of: "EMPTY", with: empty)), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/m.safetensors"))
    }
}

import Foundation
import Testing

/// An output that cannot be written is refused before the work: `explore --record-to DIR` said so only when
/// `r` was pressed, and `train --out DIR` only after training.
@Suite(.enabled(if: TmuxSession.builtProduct(named: "gatescope") != nil,
                "gatescope is not built; run `swift build` (or set GATESCOPE_BIN_DIR)"))
struct OutputPreflightTests {
    @Test(arguments: [["explore", "--demo", "brackets", "--record-to", "$D"],
                      ["replay", "$T", "--record-to", "$D"],
                      ["train", "sine", "--out", "$D"],
                      ["record", "--demo", "sine", "--out", "$D/missing/x.safetensors"]])
    func anUnwritableOutputIsRefusedAtOnce(arguments: [String]) throws {
        let folder = try HardeningEndToEndTests.makeDirectory("preflight")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let trace = folder + "/t.safetensors"
        #expect(try HardeningEndToEndTests.run(["record", "--demo", "sine", "--out", trace]).status == 0)
        let filled = arguments.map { $0.replacingOccurrences(of: "$D", with: folder).replacingOccurrences(of: "$T", with: trace) }
        let result = try HardeningEndToEndTests.run(filled)
        #expect(result.exited && result.status == 1)
        let expected = filled.last!.hasSuffix("/x.safetensors")
            ? "error: \(folder)/missing/x.safetensors: cannot write into the directory \(folder)/missing: No such file or directory (errno 2); check the path and permissions\n"
            : "error: \(folder): is a directory; give a file path for the output, e.g. \(folder)/out.safetensors\n"
        #expect(result.stderr == expected, "\(result.stderr)")
        #expect(result.stdout.isEmpty, "nothing ran: \(String(decoding: result.stdout, as: UTF8.self))")
    }
}

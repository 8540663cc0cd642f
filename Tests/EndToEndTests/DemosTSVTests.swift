import Foundation
import Testing

/// `gatescope demos --tsv` prints tab-separated lines (its tabs came out as `^I` once all output was escaped),
/// with a control character from the catalogue still escaped.
@Suite(.enabled(if: TmuxSession.builtProduct(named: "gatescope") != nil,
                "gatescope is not built; run `swift build` (or set GATESCOPE_BIN_DIR)"))
struct DemosTSVTests {
    @Test func theFieldsAreSeparatedByTabsAndEscaped() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("demos-tsv-\(getpid())-\(UUID().uuidString.prefix(6))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "name\ttitle\tmodel\tinput\tstory\nx\tA \u{1B}[2J title\tm.safetensors\tin.csv\tA story\n"
            .write(toFile: folder + "/catalog.tsv", atomically: true, encoding: .utf8)
        let result = try HardeningEndToEndTests.run(["demos", "--tsv"], environment: ["GATESCOPE_DEMOS": folder])
        #expect(result.status == 0, "\(result.stderr)")
        let line = String(decoding: result.stdout, as: UTF8.self)
        #expect(line == "x\tA ^[[2J title\t\(folder)/m.safetensors\t\(folder)/in.csv\tA story\n", "\(line)")
    }
}

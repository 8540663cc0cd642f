import Foundation
import Testing

/// `gatescope lesson --check` runs every stop's model and verifies its `check:` lines: every shipped
/// lesson passes, and a false or malformed check is one `error: FILE:LINE: …` line with exit status 1.
@Suite(.enabled(if: TmuxSession.builtProduct(named: "gatescope") != nil,
                "gatescope is not built; run `swift build` (or set GATESCOPE_BIN_DIR)"))
struct LessonCheckEndToEndTests {
    static let binary = TmuxSession.builtProduct(named: "gatescope") ?? ""

    /// A lesson file in a fresh directory, with `checks` in one stop on the brackets demo at t=26.
    static func lesson(_ checks: [String]) throws -> (path: String, directory: URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-check-\(getpid())-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("claims.lesson").path
        let text = "lesson: claims\n\nstop: deepest\n  demo: brackets\n  step: 26\n  say: x\n" + checks.map { "  check: \($0)\n" }.joined()
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return (path, directory)
    }

    @Test func everyShippedLessonPasses() throws {
        let result = try CLIErrorTests.run(Self.binary, ["lesson", "--check"], timeout: .seconds(120))
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
    }

    @Test func aFalseCheckNamesFileLineAndTheMeasuredValue() throws {
        // Brackets unit 1 at t=26 (depth 4): c = −2.04, measured independently in lesson 1's narration.
        let (path, directory) = try Self.lesson(["c unit 1 at t 26 = -2.04 ± 0.01", "c unit 1 at t 26 > -1.54"])
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLIErrorTests.run(Self.binary, ["lesson", "--check", path])
        #expect(result.status == 1)
        #expect(result.stderr == "error: \(path):8: check failed: c unit 1 at t 26 is -2.04, not > -1.54\n", "\(result.stderr)")
    }

    @Test func aTrueCheckPasses() throws {
        let (path, directory) = try Self.lesson(["c unit 1 at t 26 < -2", "f unit 1 at t 9 < 0.1", "i unit 1 at t 26 = 1 ± 0.01"])
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLIErrorTests.run(Self.binary, ["lesson", "--check", path])
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
    }

    @Test func aConvLSTMCheckNeedsThePixel() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-check-pixel-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("maps.lesson").path
        let stop = "lesson: maps\nstop: a\n  demo: convlstm-moving-square\n  step: 2\n  say: x\n"
        try (stop + "  check: f channel 1 at t 2 < 0.5\n").write(toFile: path, atomically: true, encoding: .utf8)
        let missing = try CLIErrorTests.run(Self.binary, ["lesson", "--check", path])
        #expect(missing.status == 1 && missing.stderr == "error: \(path):6: check: a ConvLSTM stop's checks read the stop's pixel; add 'pixel: ROW,COL'\n", "\(missing.stderr)")
        // Lesson 9 states f = 0.00 at (6,5) in channel 1 at t=2, where the square just was.
        try (stop + "  pixel: 6,5\n  check: f channel 1 at t 2 < 0.01\n").write(toFile: path, atomically: true, encoding: .utf8)
        let given = try CLIErrorTests.run(Self.binary, ["lesson", "--check", path])
        #expect(given.status == 0 && given.stderr.isEmpty, "\(given.stderr)")
    }

    @Test(arguments: [("c unit 1 at t 99 < 1", "t 99 is past the end"), ("o unit 9 at t 2 < 1", "unit 9 does not exist"),
                      ("z unit 1 at t 2 < 1", "a LSTM has no 'z'"), ("c unit 1 at 26 < 1", "expected 'at t T'"),
                      ("c unit 1 at t 26 = -2", "'VALUE ± TOL'")])
    func aBadCheckIsRefusedWithItsLine(check: String, words: String) throws {
        let (path, directory) = try Self.lesson([check])
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLIErrorTests.run(Self.binary, ["lesson", "--check", path])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: \(path):7: check") && result.stderr.contains(words), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}

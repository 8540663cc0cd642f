import Foundation
import Testing

/// A lesson of many stops: `--check` lists the first ten stops without checks, not thousands of numbers on one
/// line, and a run names the lesson by the path given when a stop's demo is missing (it showed the bare name).
@Suite(.enabled(if: TmuxSession.builtProduct(named: "gatescope") != nil,
                "gatescope is not built; run `swift build` (or set GATESCOPE_BIN_DIR)"))
struct LessonManyStopsTests {
    /// A lesson of `count` stops on `demo`, none with checks, in a fresh directory.
    static func lesson(stops count: Int, demo: String) throws -> (path: String, directory: URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-many-\(getpid())-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("many.lesson").path
        let stops = (1...count).map { "stop: s\($0)\n  demo: \(demo)\n  step: 1\n  say: x\n\n" }.joined()
        try ("lesson: many\n\n" + stops).write(toFile: path, atomically: true, encoding: .utf8)
        return (path, directory)
    }

    @Test func theStopsWithoutChecksAreListedUpToTen() throws {
        let (path, directory) = try Self.lesson(stops: 500, demo: "brackets")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLIErrorTests.runCapturing(LessonCheckEndToEndTests.binary, ["lesson", "--check", path], timeout: .seconds(120))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "\(path): ok — 500 stops, 0 checks hold (no check: lines in stops 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 … and 490 more)\n")
    }

    @Test func aMissingDemoNamesTheLessonByItsPath() throws {
        let (path, directory) = try Self.lesson(stops: 1, demo: "no-such-demo")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLIErrorTests.run(LessonCheckEndToEndTests.binary, ["lesson", path])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: \(path):4: stop 1: no demo called 'no-such-demo'"), "\(result.stderr)")
    }
}

import Foundation
import Testing

/// The teaching tools (`explore --present`) on an input longer than the explorer holds whole: they open
/// on the first window, End reaches the last step (the run is computed from checkpoints, not whole), a
/// what-if clamp there re-runs lazily and shows, and `u` undoes it. A lesson stop on a long input opens
/// at its step the same way, and its `check:` lines are refused in one line each.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable && TmuxSession.builtProduct(named: "gatescope") != nil,
                             "needs tmux and the built gatescope"))
struct TeachingLongInputEndToEndTests {
    @Test func presenterOnALongInputGoesToTheEndAndEditsThere() throws {
        let binary = try #require(CLIErrorTests.binary)
        let fixtures = try #require(CLIErrorTests.fixtures)
        let input = fixtures.directory + "/teach-long-10000.csv"
        try LongInputEndToEndTests.writeInput(steps: 10_000, to: input)
        let session = try TmuxSession(command: [binary, "explore", "--model", fixtures.model, "--input", input, "--present"],
                                      width: 120, height: 40)
        defer { session.kill() }
        try session.waitForScreen { $0.contains("t = 1 / 10000") }
        try session.sendKeys("End")
        try session.waitForScreen { $0.contains("t = 10000 / 10000") && $0.contains("unit 1 at t=10000") }
        try session.sendKeys("c")
        try session.waitForScreen { $0.contains("at t=10000 · u undoes") }
        try session.sendKeys("u")
        try session.waitForScreen { $0.contains("undone: clamp") && $0.contains("t = 10000 / 10000") }
        try session.sendKeys("q")
        #expect(try session.waitForExit() == 0)
    }

    @Test func theGradientViewOfALongRunSaysWhatItCannotShow() throws {
        let binary = try #require(CLIErrorTests.binary)
        let fixtures = try #require(CLIErrorTests.fixtures)
        let input = fixtures.directory + "/teach-long-6000.csv"
        try LongInputEndToEndTests.writeInput(steps: 6000, to: input)
        let session = try TmuxSession(command: [binary, "explore", "--model", fixtures.model, "--input", input, "--quiz"],
                                      width: 120, height: 40)
        defer { session.kill() }
        try session.waitForScreen { $0.contains("t=1/6000") }
        try session.sendKeys("End", "f")
        try session.waitForScreen { $0.contains("long input (6000 steps") && $0.contains("not done on a long input") }
        try session.sendKeys("q")
        #expect(try session.waitForExit() == 0)
    }

    @Test func aLessonStopOnALongInputOpensAtItsStepAndItsChecksAreRefused() throws {
        let binary = try #require(CLIErrorTests.binary)
        let fixtures = try #require(CLIErrorTests.fixtures)
        let input = fixtures.directory + "/teach-long-lesson-9000.csv"
        try LongInputEndToEndTests.writeInput(steps: 9000, to: input)
        let path = fixtures.directory + "/teach-long.lesson"
        let lesson = "lesson: long\n\nstop: late\n  demo: adding\n  input: \(input)\n  step: 8000\n  unit: 2\n  panel: forget\n"
            + "  say: x\n  clamp: forget 1 at 7990\n  check: f unit 2 at t 7991 = 1 ± 0.01\n"
        try lesson.write(toFile: path, atomically: true, encoding: .utf8)
        let check = try CLIErrorTests.run(binary, ["lesson", "--check", path])
        #expect(check.status == 1)
        #expect(check.stderr == "error: \(path):11: check: the stop's input has 9000 steps, more than the 4096 a check reads whole; check on a shorter input\n",
                "\(check.stderr)")
        let session = try TmuxSession(command: [binary, "lesson", path], width: 120, height: 40)
        defer { session.kill() }
        try session.waitForScreen { $0.contains("t=8000/9000") }
        try session.sendKeys("End")
        try session.waitForScreen { $0.contains("t=9000/9000") }
        try session.sendKeys("q")
        #expect(try session.waitForExit() == 0)
    }
}

import Foundation
import Testing

/// `gatescope lesson` end to end: the real binary in a real terminal (tmux), walking lessons stop by stop.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed; skipping the lesson terminal tests"),
       .enabled(if: TmuxSession.builtProduct(named: "gatescope") != nil,
                "gatescope is not built; run `swift build` (or set GATESCOPE_BIN_DIR)"))
struct LessonEndToEndTests {
    static let binary = TmuxSession.builtProduct(named: "gatescope")
    static let demos: String = {
        var path = #filePath
        for _ in 0..<3 { path = (path as NSString).deletingLastPathComponent }
        return path + "/demos"
    }()

    private func start(_ arguments: [String], width: Int, height: Int) throws -> TmuxSession {
        try TmuxSession(command: [try #require(Self.binary)] + arguments, width: width, height: height,
                        environment: ["GATESCOPE_DEMOS": .some(Self.demos), "NO_COLOR": String?.none])
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func walksTheConveyorBeltLesson(width: Int, height: Int) throws {
        let session = try start(["lesson", "01"], width: width, height: height)
        defer { session.kill() }
        let steps = [1, 5, 5, 26, 30]
        for (index, step) in steps.enumerated() {
            if index > 0 { try session.sendKeys("n") }
            // Stop 3 opens the cell diagram, which replaces the explorer (and its status line) at 80×24.
            let screen = try session.waitForScreen {
                $0.contains("stop \(index + 1)/5") && ($0.contains("t=\(step)/30") || $0.contains("unit 1 · t=\(step) ·"))
            }
            #expect(screen.contains("▶"), "stop \(index + 1): highlight marker")
            if index == 2 { #expect(screen.contains("cell diagram · LSTM") && screen.contains("-1.08")) }
        }
        try session.sendKeys("N")
        try session.waitForScreen { $0.contains("stop 4/5") && $0.contains("t=26/30") }
        try session.sendKeys("q")
        #expect(try session.waitForExit() == 0)
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func theCellDiagramFollowsTheCursor(width: Int, height: Int) throws {
        let session = try start(["explore", "--demo", "brackets"], width: width, height: height)
        defer { session.kill() }
        try session.waitForScreen { $0.contains("t=1/30") }
        try session.sendKeys("D")
        // Brackets unit 1: the first "(" writes c = 0.76 (lesson 1 checks it); the second brings it to −0.10.
        let first = try session.waitForScreen { $0.contains("cell diagram · LSTM · unit 1 · t=1") }
        #expect(first.contains("c₋₁") && first.contains("0.76") && first.contains("[h₋₁, x]"))
        try session.sendKeys("Right")
        let second = try session.waitForScreen { $0.contains("cell diagram · LSTM · unit 1 · t=2") }
        #expect(second.contains("-0.10"))
        try session.sendKeys("D")
        try session.waitForScreen { !$0.contains("cell diagram") && $0.contains("t=2/30") }
        try session.sendKeys("q")
        #expect(try session.waitForExit() == 0)
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func walksTheConvLSTMLesson(width: Int, height: Int) throws {
        let session = try start(["lesson", "09"], width: width, height: height)
        defer { session.kill() }
        let stops = [(1, "predicts σ(y)"), (2, "forget f"), (2, "written i·g"), (12, "cell c")]
        for (index, (step, map)) in stops.enumerated() {
            if index > 0 { try session.sendKeys("n") }
            let screen = try session.waitForScreen { $0.contains("stop \(index + 1)/4") && $0.contains("t=\(step)/12") }
            #expect(screen.contains("▶"), "stop \(index + 1): highlight marker")
            #expect(screen.contains(map), "stop \(index + 1): \(map)")
        }
        try session.sendKeys("f")
        try session.waitForScreen { $0.contains("does not apply to the ConvLSTM screen") }
        try session.sendKeys("Down", "Right")
        try session.waitForScreen { $0.contains("channel 2/8") && $0.contains("t=12/12") }
        try session.sendKeys("q")
        #expect(try session.waitForExit() == 0)
    }

    @Test func vanishingGradientLessonShowsBothTwins() throws {
        let session = try start(["lesson", "06-vanishing-gradient"], width: 120, height: 40)
        defer { session.kill() }
        let screen = try session.waitForScreen { $0.contains("gradient flow into output") && $0.contains("stop 1/3") }
        #expect(screen.contains("adding LSTM") && screen.contains("adding-rnn RNN"))
        try session.sendKeys("n", "n")
        try session.waitForScreen { $0.contains("stop 3/3") && $0.contains("brackets-rnn") }
        try session.sendKeys("q")
        #expect(try session.waitForExit() == 0)
    }

    @Test func whatIfQuizAndPresenterKeys() throws {
        let session = try start(["lesson", "--demo", "adding"], width: 120, height: 40)
        defer { session.kill() }
        try session.waitForScreen { $0.contains("t=1/50") }
        try session.sendKeys("c")
        try session.waitForScreen { $0.contains("clamp f of unit 1 to 0.00 at t=1") && $0.contains("difference") }
        try session.sendKeys("u")
        try session.waitForScreen { $0.contains("undone") }
        try session.sendKeys("z", "Right")
        try session.waitForScreen { $0.contains("QUIZ: will forget f of unit 1") }
        try session.sendKeys("Up")
        try session.waitForScreen { $0.contains("score") && $0.contains("t=2/50") }
        try session.sendKeys("P")
        try session.waitForScreen { $0.contains("ADDING · t = 2 / 50 · UNIT 1") }
        try session.sendKeys("q")
        #expect(try session.waitForExit() == 0)
    }

    @Test func explorePresentOpensTheTeachingToolsAndRecordsAnEdit() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("present-e2e-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let recording = directory.appendingPathComponent("edit.safetensors").path
        let session = try start(["explore", "--demo", "reber", "--present", "--record-to", recording], width: 80, height: 24)
        defer { session.kill() }
        try session.waitForScreen { $0.contains("REBER · t = 1 /") }
        try session.sendKeys("?")
        let help = try session.waitForScreen { $0.contains("gatescope help") }
        #expect(help.contains("presenter mode on / off") && help.contains("record on / off") && help.contains("what-if view"))
        #expect(!help.contains("next / previous lesson stop"))
        try session.sendKeys("Escape", "P", "r", "Right", "c")
        try session.waitForScreen { $0.contains("clamp f of unit 1") && $0.contains("● REC") }
        try session.sendKeys("Right", "q")
        #expect(try session.waitForExit() == 0)
        #expect(FileManager.default.fileExists(atPath: recording))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: recording))
        #expect(String(decoding: bytes.prefix(8192), as: UTF8.self).contains("what-if: clamp f of unit 1"))
    }

    @Test func checkReportsTheLine() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-e2e-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("bad.lesson")
        try "lesson: bad\nstop: one\n demo: brackets\n step: 99\n say: x\n".write(to: file, atomically: true, encoding: .utf8)
        let session = try start(["lesson", "--check", file.path], width: 120, height: 10)
        defer { session.kill() }
        #expect(try session.waitForExit() == 1)
        let screen = try session.capture()
        #expect(screen.contains("bad.lesson:4: stop 1: step 99 is past the end; 'brackets' has 30 steps"))
    }
}

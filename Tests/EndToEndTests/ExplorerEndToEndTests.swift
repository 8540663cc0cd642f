import Foundation
import Testing

/// The explorer end to end: the real `gatescope` binary in a real terminal (tmux).
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed; skipping the explorer's terminal tests"),
       .enabled(if: TmuxSession.builtProduct(named: "gatescope") != nil,
                "gatescope is not built; run `swift build` (or set GATESCOPE_BIN_DIR)"))
struct ExplorerEndToEndTests {
    static let binary = TmuxSession.builtProduct(named: "gatescope")

    private func start(_ arguments: [String] = ["explore", "--demo", "builtin"], width: Int = 80, height: Int = 24,
                       term: String = "xterm-256color", environment: [String: String?] = [:]) throws -> TmuxSession {
        var environment = environment
        for name in ["NO_COLOR", "COLORTERM", "GATESCOPE_COLOR"] where environment[name] == nil {
            environment[name] = .some(nil)
        }
        return try TmuxSession(command: [try #require(Self.binary)] + arguments, width: width, height: height,
                               term: term, environment: environment)
    }

    private func expectRestored(_ session: TmuxSession, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try session.paneVariable("alternate_on") == "0", sourceLocation: sourceLocation)
        #expect(try session.paneVariable("cursor_flag") == "1", sourceLocation: sourceLocation)
        #expect(try session.paneVariable("mouse_any_flag") == "0", sourceLocation: sourceLocation)
        let modes = session.ttyModes
        #expect(modes.before != nil && modes.before == modes.after, "tty modes restored", sourceLocation: sourceLocation)
    }

    @Test func stepsPlaysResizesAndQuits() throws {
        let session = try start()
        defer { session.kill() }
        // The whole first frame (a capture can land while curses is still writing it).
        let first = try session.waitForScreen { $0.contains("t=1/13") && $0.contains("conveyor belt") && $0.contains("(()(()))((())") && $0.contains("q quit") }
        #expect(first.contains("forget f"))
        #expect(first.contains("conveyor belt"))
        #expect(first.contains("(()(()))((())"))

        try session.sendKeys("Right", "Right", "Right")
        try session.waitForScreen { $0.contains("t=4/13") }
        try session.sendKeys("l")
        try session.waitForScreen { $0.contains("t=5/13") }
        try session.sendKeys("Left")
        try session.waitForScreen { $0.contains("t=4/13") }

        try session.sendKeys("+", "+", "+")
        try session.waitForScreen { $0.contains("60 steps/s") }
        try session.sendKeys("Space")
        try session.waitForScreen { $0.contains("▶ playing") || $0.contains("t=13/13") }
        try session.waitForScreen { $0.contains("t=13/13") && $0.contains("⏸ paused") }

        try session.resize(width: 50, height: 14)
        try session.waitForScreen { $0.contains("needs at least 60×18") }
        try session.resize(width: 160, height: 45)
        let wide = try session.waitForScreen { $0.contains("inspector") && $0.contains("t=13/13") }
        #expect(wide.contains("why · pre-activation = W·x + U·h₋₁ + b"))

        try session.sendKeys("?")
        try session.waitForScreen { $0.contains("gatescope help") }
        try session.sendKeys("Escape")
        try session.waitForScreen { !$0.contains("gatescope help") }

        try session.sendKeys("q")
        #expect(try session.waitForExit() == 0)
        try expectRestored(session)
    }

    @Test func bareGatescopeOpensADemo() throws {
        let session = try start([], width: 100, height: 30)
        defer { session.kill() }
        try session.waitForScreen { $0.contains("t=1/") && $0.contains("gatescope ·") }
        try session.sendKeys("q")
        #expect(try session.waitForExit() == 0)
    }

    @Test func monochromeWithNoColor() throws {
        let session = try start(width: 80, height: 24, environment: ["NO_COLOR": "1"])
        defer { session.kill() }
        try session.waitForScreen { $0.contains("t=1/13") }
        try session.sendKeys("G")
        let screen = try session.waitForScreen { $0.contains("t=13/13") }
        #expect(!screen.contains("▀"), "no half blocks without colour")
        #expect(screen.contains("█") || screen.contains("▓"))
        try session.sendKeys("q")
        #expect(try session.waitForExit() == 0)
        try expectRestored(session)
    }

    @Test func mouseClickSelectsAUnitAndAStep() throws {
        let session = try start(width: 120, height: 40)
        defer { session.kill() }
        try session.waitForScreen { $0.contains("t=1/13") }
        try session.sendKeys("G")
        try session.waitForScreen { $0.contains("t=13/13") }
        // SGR mouse report: left press at column 21, row 4 (1-based), i.e. the forget panel, step 5.
        #expect(try session.paneVariable("mouse_any_flag") == "1")
        // SGR mouse reports: a left press (then release) at column 21, row 4 (1-based): the forget
        // panel's first row (units 1 and 2) at step 5. Unit 1 is selected, so the click picks unit 2.
        try session.sendText("\u{1B}[<0;21;4M")
        let screen = try session.waitForScreen { $0.contains("t=5/13") }
        try session.sendText("\u{1B}[<0;21;4m")
        #expect(screen.contains("unit 2 · step 5 of 13"))
        try session.sendKeys("q")
        #expect(try session.waitForExit() == 0)
    }

    @Test func unknownDemoIsAClearError() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.binary))
        process.arguments = ["explore", "--demo", "no-such-demo"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        let message = String(decoding: data, as: UTF8.self)
        #expect(message.hasPrefix("error: "))
        #expect(message.contains("no-such-demo") || message.contains("no demos/ directory"))
    }
}

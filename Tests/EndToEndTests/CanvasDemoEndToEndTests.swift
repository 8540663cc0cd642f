import Foundation
import Testing

/// The terminal layer end to end: `canvas-demo` in a real terminal (tmux).
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed; skipping terminal tests"),
       .enabled(if: TmuxSession.builtProduct(named: "canvas-demo") != nil,
                "canvas-demo is not built; run `swift build --product canvas-demo` (or set GATESCOPE_BIN_DIR)"))
struct CanvasDemoEndToEndTests {
    static let binary = TmuxSession.builtProduct(named: "canvas-demo")

    private func start(width: Int = 80, height: Int = 24, term: String = "xterm-256color",
                       environment: [String: String?] = [:]) throws -> TmuxSession {
        var environment = environment
        for name in ["NO_COLOR", "COLORTERM", "GATESCOPE_COLOR"] where environment[name] == nil {
            environment[name] = .some(nil)
        }
        return try TmuxSession(command: [try #require(Self.binary)], width: width, height: height,
                               term: term, environment: environment)
    }

    /// The terminal is as it was: normal screen, cursor shown, no mouse reporting, same tty modes.
    private func expectRestored(_ session: TmuxSession, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try session.paneVariable("alternate_on") == "0", sourceLocation: sourceLocation)
        #expect(try session.paneVariable("cursor_flag") == "1", sourceLocation: sourceLocation)
        #expect(try session.paneVariable("mouse_any_flag") == "0", sourceLocation: sourceLocation)
        #expect(try session.paneVariable("keypad_cursor_flag") == "0", sourceLocation: sourceLocation)
        let modes = session.ttyModes
        #expect(modes.before != nil && modes.before == modes.after, "tty modes restored", sourceLocation: sourceLocation)
    }

    @Test func drawsMovesPlaysResizesAndQuitsCleanly() throws {
        let session = try start()
        defer { session.kill() }
        try session.waitForScreen { $0.contains("canvas-demo · 80×24 · palette256 · counter 0") }
        #expect(try session.paneVariable("alternate_on") == "1")
        #expect(try session.paneVariable("cursor_flag") == "0")

        try session.sendKeys("Right", "Down")
        try session.waitForScreen { $0.contains("last event: key down") }
        let lines = try session.capture().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[9].dropFirst(3).hasPrefix("◆"), "marker moved from (2,8) to (3,9)")

        try session.sendKeys("Space")
        try session.waitForScreen { $0.contains("▶ playing") && !$0.contains("counter 0 ") }
        try session.sendKeys("Space")
        try session.waitForScreen { $0.contains("⏸ paused") }

        try session.resize(width: 30, height: 10)
        let small = try session.waitForScreen { $0.contains("this terminal is") }
        let message = small.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(message == "gatescope needs at least 40×12 — this terminal is 30×10. Enlarge it or press q.")
        try session.resize(width: 100, height: 30)
        try session.waitForScreen { $0.contains("canvas-demo · 100×30") }

        try session.sendKeys("q")
        #expect(try session.waitForExit() == 0)
        try session.waitForScreen { $0.contains("canvas-demo: quit after") }
        try expectRestored(session)
    }

    @Test func mouseClicksMoveTheMarker() throws {
        let session = try start()
        defer { session.kill() }
        try session.waitForScreen { $0.contains("counter 0") }
        #expect(try session.paneVariable("mouse_any_flag") == "1")
        // SGR mouse reports (what tmux sends for a click at column 11, row 6), press then release.
        try session.sendText("\u{1B}[<0;11;6M")
        try session.waitForScreen { $0.contains("last event: mouse press left at 10,5") }
        try session.sendText("\u{1B}[<0;11;6m")
        try session.waitForScreen { $0.contains("last event: mouse release left at 10,5") }
        try session.sendText("\u{1B}[<65;5;6M")
        try session.waitForScreen { $0.contains("last event: mouse scroll down at 4,5") }
        let lines = try session.capture().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[5].dropFirst(10).hasPrefix("◆"))
        try session.sendKeys("q")
        #expect(try session.waitForExit() == 0)
    }

    @Test(arguments: [("SIGINT", Int32(130)), ("SIGTERM", 143), ("SIGHUP", 129)])
    func signalsRestoreTheTerminal(name: String, status: Int32) throws {
        let session = try start()
        defer { session.kill() }
        try session.waitForScreen { $0.contains("counter 0") }
        switch name {
        case "SIGINT": try session.sendKeys("C-c")
        case "SIGTERM": try session.signal(SIGTERM)
        default: try session.signal(SIGHUP)
        }
        #expect(try session.waitForExit() == status)
        try expectRestored(session)
    }

    @Test func suspendRestoresTheTerminalAndResumeRepaints() throws {
        let session = try start()
        defer { session.kill() }
        try session.waitForScreen { $0.contains("counter 0") }
        try session.sendKeys("C-z")
        try session.wait(for: "the program to stop") { session.isSuspended }
        #expect(try session.paneVariable("alternate_on") == "0", "left the full screen while stopped")
        #expect(try session.paneVariable("cursor_flag") == "1")
        try session.resume()
        try session.waitForScreen { $0.contains("canvas-demo · 80×24") }
        #expect(try session.paneVariable("alternate_on") == "1")
        try session.sendKeys("Right")
        try session.waitForScreen { $0.contains("last event: key right") }
        try session.sendKeys("q")
        #expect(try session.waitForExit() == 0)
        try expectRestored(session)
    }

    @Test(arguments: [
        ([:], "palette256"), (["NO_COLOR": "1"], "monochrome"), (["GATESCOPE_COLOR": "16"], "palette16"),
        (["GATESCOPE_COLOR": "mono"], "monochrome"), (["COLORTERM": "truecolor"], "palette256"),
    ] as [([String: String], String)])
    func colourModeFollowsTheEnvironment(environment: [String: String], mode: String) throws {
        let session = try start(environment: environment.mapValues { Optional($0) })
        defer { session.kill() }
        try session.waitForScreen { $0.contains("· \(mode) ·") }
        try session.sendKeys("q")
        #expect(try session.waitForExit() == 0)
    }

    @Test(arguments: [
        ("xyz-unknown", "error: unknown terminal type 'xyz-unknown'; set TERM to e.g. xterm-256color"),
        ("dumb", "error: terminal type 'dumb' cannot address the cursor"),
    ])
    func unusableTermFailsWithAClearMessage(term: String, message: String) throws {
        let session = try start(term: term)
        defer { session.kill() }
        #expect(try session.waitForExit() == 1)
        let screen = try session.capture()
        #expect(screen.split(whereSeparator: \.isNewline).joined().contains(message))
        try expectRestored(session)
    }

    @Test func notATerminalFailsWithAClearMessage() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.binary))
        let output = Pipe(), errors = Pipe()
        (process.standardOutput, process.standardError) = (output, errors)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(errorText == "error: canvas-demo needs a terminal; stdout is not a TTY. "
                + "Use `gatescope record` or `gatescope render` for headless output.\n")
    }
}

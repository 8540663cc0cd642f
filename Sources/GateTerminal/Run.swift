import GateCanvas
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `app` full-screen on the process's terminal until it quits, restoring the terminal on every
/// way out. Call it as `try GateTerminal.run(app: &app)`.
///
/// - Normal quit and thrown errors: the terminal is restored, then the function returns or rethrows.
/// - SIGINT, SIGTERM, SIGHUP: the handler only notes the signal; the loop ends gracefully (the app's
///   `interrupted(bySignal:)` runs, e.g. saving a recording), the terminal is restored, and a
///   ``TerminalInterruption`` is thrown. Print what the session produced, then exit with its
///   ``TerminalInterruption/exitStatus`` (130, 143 or 129).
/// - Ctrl-Z suspends (terminal restored while stopped) and `fg` resumes with a repaint.
/// - If the environment variable `GATESCOPE_FRAME_STATS` names a file, one CSV line per frame
///   (`frame,cells,bytes,full,microseconds`) is written there after the session.
///
/// - Parameters:
///   - app: the app; it holds its final state afterwards.
///   - appName: the name used in the "terminal too small" message.
///   - commandName: the command named in the "needs a terminal" error.
/// - Throws: ``TerminalSetupError`` when there is no usable terminal (print its `description` to
///   stderr and exit with status 1), ``TerminalInterruption`` after a signal (terminal already
///   restored), or whatever the terminal threw during the session.
public func run(app: inout some TerminalApp, appName: String = "gatescope",
                commandName: String = "gatescope explore") throws {
    let environment = NcursesTerminal.processEnvironment()
    let statsPath = environment["GATESCOPE_FRAME_STATS"].flatMap { $0.isEmpty ? nil : $0 }
    let terminal = try NcursesTerminal(commandName: commandName, recordsFrames: statsPath != nil,
                                       environment: environment)
    let outcome: RunOutcome
    do {
        defer {
            terminal.close()
            if let statsPath { writeFrameStats(terminal.frames, to: statsPath) }
        }
        outcome = try runApp(&app, on: terminal, appName: appName)
    }
    if case .interrupted(let signal) = outcome { throw TerminalInterruption(signal: signal) }
}

/// Writes one CSV line per frame to `path`; failures are ignored (statistics are best effort).
private func writeFrameStats(_ frames: [FrameStats], to path: String) {
    var text = "frame,cells,bytes,full,microseconds\n"
    for (index, frame) in frames.enumerated() {
        let micros = frame.duration.components.seconds * 1_000_000
            + frame.duration.components.attoseconds / 1_000_000_000_000
        text += "\(index),\(frame.cellsChanged),\(frame.bytesWritten.map(String.init) ?? ""),"
            + "\(frame.fullRedraw ? 1 : 0),\(micros)\n"
    }
    guard let file = fopen(path, "w") else { return }
    fputs(text, file)
    fclose(file)
}

import GateCanvas
import ArgumentParser

/// What a full-screen session's recordings came to, told after the terminal is restored: the files
/// saved (stdout) and the recordings that could not be saved where asked, with the reason and where
/// they were kept instead (stderr, and a non-zero exit status).
final class RecordingReport {
    /// One line per recording that could not be saved at its path.
    private(set) var failures: [String] = []

    /// Things the person should know that did not stop the session (e.g. unreadable bookmarks).
    private(set) var warnings: [String] = []

    /// Notes a recording that could not be saved.
    func fail(_ line: String) { failures.append(line) }

    /// Notes something to tell after the session.
    func warn(_ line: String) { warnings.append(line) }

    /// Prints `saved` on stdout ("recorded: PATH") and every failure on stderr ("error: …").
    func print(saved: [String]) {
        for path in saved { Swift.print("recorded: \(TerminalText.escaped(path))") }
        for line in warnings { printWarning(line) }
        for line in failures { printError(line) }
    }

    /// Throws exit status 1 when a recording could not be saved where asked.
    func check() throws {
        if !failures.isEmpty { throw ExitCode(1) }
    }
}

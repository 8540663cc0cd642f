import GateCanvas
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import GateTerminal

/// Runs a command body and turns any error into one line on stderr, `error: …`, and exit status 1.
/// A full-screen session ended by a signal exits quietly with 128 + signal (130 after Ctrl-C).
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let exit as ExitCode {
        throw exit
    } catch let interruption as TerminalInterruption {
        throw ExitCode(interruption.exitStatus)
    } catch {
        printError(String(describing: error))
        throw ExitCode(1)
    }
}

/// Writes `error: message` as one line to standard error, control characters escaped
/// (``TerminalText``): messages may quote file content.
func printError(_ message: String) {
    // Some errors (the terminal layer's) already carry the prefix.
    let body = message.hasPrefix("error: ") ? String(message.dropFirst(7)) : message
    printDiagnostic("error: ", body)
}

/// Writes `warning: message` as one line to standard error, control characters escaped.
func printWarning(_ message: String) {
    printDiagnostic("warning: ", message)
}

/// One line on standard error: `prefix`, then `body` with line breaks joined and controls escaped.
private func printDiagnostic(_ prefix: String, _ body: String) {
    let joined = body.split(whereSeparator: \.isNewline).joined(separator: " ")
    let line = prefix + TerminalText.escaped(joined) + "\n"
    var bytes = Array(line.utf8)
    _ = write(2, &bytes, bytes.count)
}

/// An error with a message for the user.
struct UserError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Writes `note: message` as one line to standard error, control characters escaped like errors
/// (``TerminalText``: ESC shows as `^[`): notes may quote a file's metadata.
func printNote(_ message: String) {
    printDiagnostic("note: ", message)
}

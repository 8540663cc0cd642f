#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GateFormats
import GateTerminal

/// Process-wide signal policy for every command, installed before any command runs.
///
/// - SIGPIPE and SIGXFSZ are ignored: a closed pipe (`train … | head -1`) or a file-size limit
///   turns into a write error (or a progress line nobody reads) instead of killing the process
///   before it saves its work.
/// - The other signals whose default action ends the process (SIGINT, SIGTERM, SIGHUP, SIGQUIT,
///   SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGXCPU) first delete the temporary files of unfinished
///   outputs, then end the process as the signal would have (status 128 + signal; no crash report).
///   A full-screen session replaces these handlers with its own while it runs, to restore the
///   terminal first.
/// - SIGBUS (a memory-mapped trace truncated or rewritten in place between the size check and the
///   read, see ``MappedSafeTensors``) restores the terminal, deletes temporary files, prints a
///   one-line `error:` and exits with status 1.
/// - Temporary files are also deleted at `exit`.
enum ProcessSignals {
    /// The signals that delete temporary files and then end the process.
    static let ending: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGXCPU]

    /// Installs the policy (once, at start-up).
    static func install() {
        TemporaryFileRegistry.prepare()
        _ = signal(SIGPIPE, SIG_IGN)
        _ = signal(SIGXFSZ, SIG_IGN)
        let handler: @convention(c) (Int32) -> Void = { number in
            TemporaryFileRegistry.removeAll()
            // SA_RESETHAND restored the default action; the signal is blocked until we return.
            _ = raise(number)
        }
        TerminalRescue.prepare()
        let busError: @convention(c) (Int32) -> Void = { _ in
            TerminalRescue.restoreFromSignalHandler()
            TemporaryFileRegistry.removeAll()
            let message: StaticString = "error: a memory-mapped file changed or shrank on disk while it was being read (bus error); if a trace was overwritten in place, open it again (write new traces to another name)\n"
            _ = write(STDERR_FILENO, message.utf8Start, message.utf8CodeUnitCount)
            _exit(1)
        }
        SignalHandler.install(busError, for: SIGBUS)
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for number in ending {
            // A signal ignored by whoever started us (nohup, a background job) stays ignored.
            if SignalHandler.isIgnored(number) { continue }
            sigaddset(&unblock, number)
            SignalHandler.install(handler, for: number, flags: Int32(truncatingIfNeeded: SA_RESETHAND))
        }
        // A parent that started us with these signals blocked would make them never arrive.
        sigprocmask(SIG_UNBLOCK, &unblock, nil)
        atexit { TemporaryFileRegistry.removeAll() }
    }
}

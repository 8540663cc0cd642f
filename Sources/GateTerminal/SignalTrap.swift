#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Catches SIGINT, SIGTERM, SIGHUP and the other signals whose default action ends the process
/// (SIGQUIT, SIGUSR1, SIGUSR2, SIGPIPE, SIGALRM, SIGVTALRM, SIGXCPU) while a full-screen session
/// runs, so the loop can restore the terminal before the process ends with 128 + signal (Ctrl-\ no
/// longer lets a crash reporter draw over the screen). The handler only stores the signal number (async-signal-safe);
/// the run loop polls ``takePending()``.
///
/// Installed before ncurses starts, so ncurses does not install its own SIGINT/SIGTERM handlers
/// (those call endwin inside the handler and exit with status 1). SIGTSTP and SIGWINCH are left to
/// ncurses, which suspends (endwin, stop, repaint on SIGCONT) and reports KEY_RESIZE.
final class SignalTrap {
    /// The signals caught.
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGPIPE, SIGALRM,
                                   SIGVTALRM, SIGXCPU]

    /// Written by the handler, read by the loop. A raw pointer: no lazy initialisation or exclusivity
    /// checks run inside the handler once it has been created (which `init` forces).
    nonisolated(unsafe) private static let pending: UnsafeMutablePointer<sig_atomic_t> = {
        let pointer = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: 1)
        pointer.initialize(to: 0)
        return pointer
    }()

    private var previous: [(Int32, sigaction)] = []

    /// Installs the handlers.
    init() {
        Self.pending.pointee = 0
        let handler: @convention(c) (Int32) -> Void = { signal in SignalTrap.pending.pointee = signal }
        for signal in Self.signals {
            // No SA_RESTART: a blocking read returns early with EINTR.
            if let old = SignalHandler.install(handler, for: signal) { previous.append((signal, old)) }
        }
    }

    /// The signal caught since the last call, if any.
    func takePending() -> Int32? {
        let signal = Self.pending.pointee
        guard signal != 0 else { return nil }
        Self.pending.pointee = 0
        return signal
    }

    /// Puts the previous handlers back.
    func restore() {
        for (signal, old) in previous {
            var old = old
            sigaction(signal, &old, nil)
        }
        previous.removeAll()
    }
}

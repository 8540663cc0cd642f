#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Puts the terminal back from inside a fatal-signal handler (SIGBUS from a mapped file changed
/// under us), where ncurses' `endwin` must not run: restores the tty modes saved when the
/// full-screen session opened (`tcsetattr` is async-signal-safe) and writes fixed sequences that
/// stop mouse reporting, reset attributes, show the cursor and leave the alternate screen.
///
/// ``NcursesTerminal`` calls ``sessionOpened(ttyDescriptor:)`` and ``sessionClosed()``; the
/// command line's handler calls ``restoreFromSignalHandler()``.
public enum TerminalRescue {
    /// The tty's modes before the session, and whether they are valid (1) — raw storage, so the
    /// handler runs no lazy initialisation (``prepare()`` forces it).
    nonisolated(unsafe) private static let saved: UnsafeMutablePointer<termios> = {
        let pointer = UnsafeMutablePointer<termios>.allocate(capacity: 1)
        pointer.initialize(to: termios())
        return pointer
    }()
    nonisolated(unsafe) private static let state: UnsafeMutablePointer<sig_atomic_t> = {
        let pointer = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: 2)
        pointer.initialize(repeating: -1, count: 2)
        return pointer
    }()

    /// Creates the storage; call once before installing a handler that uses it.
    public static func prepare() {
        _ = saved
        _ = state
    }

    /// Remembers the modes of `ttyDescriptor` (before ncurses changes them).
    static func sessionOpened(ttyDescriptor: Int32) {
        prepare()
        state[0] = -1
        guard tcgetattr(ttyDescriptor, saved) == 0 else { return }
        state[1] = ttyDescriptor
        state[0] = 1
    }

    /// The session ended and restored the terminal itself.
    static func sessionClosed() {
        state[0] = -1
    }

    /// Restores the terminal when a full-screen session is open; async-signal-safe.
    public static func restoreFromSignalHandler() {
        guard state[0] == 1 else { return }
        state[0] = -1
        _ = tcsetattr(state[1], TCSANOW, saved)
        let reset: StaticString = "\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1003l\u{1B}[?1006l\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l\r\n"
        _ = write(STDOUT_FILENO, reset.utf8Start, reset.utf8CodeUnitCount)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Installing a plain C signal handler with `sigaction`, shared by the full-screen session's
/// ``SignalTrap`` and the command line's process-wide policy.
public enum SignalHandler {
    /// Installs `handler` for `signal` with `flags` (no SA_RESTART unless given) and an empty mask;
    /// returns the action it replaced, or nil when `sigaction` failed.
    @discardableResult
    public static func install(_ handler: @convention(c) (Int32) -> Void, for signal: Int32, flags: Int32 = 0) -> sigaction? {
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = handler
        #else
        action.__sigaction_u.__sa_handler = handler
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = flags
        var old = sigaction()
        return sigaction(signal, &action, &old) == 0 ? old : nil
    }

    /// Whether `signal` is ignored now (e.g. inherited from `nohup` or a background job).
    public static func isIgnored(_ signal: Int32) -> Bool {
        var current = sigaction()
        guard sigaction(signal, nil, &current) == 0 else { return false }
        #if canImport(Glibc)
        return unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self) == 1
        #else
        return unsafeBitCast(current.__sigaction_u.__sa_handler, to: Int.self) == 1
        #endif
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporary files this process has open, so that a signal handler or `exit` can delete them:
/// an interrupted `record` must not leave `.NAME.tmp-XXXXXX` files behind.
///
/// Paths live in a fixed table of C strings; ``removeAll()`` only reads the table and calls `unlink`,
/// which is async-signal-safe. ``TemporaryFile`` registers itself on creation and unregisters on
/// commit or discard.
public enum TemporaryFileRegistry {
    /// How many temporary files can be tracked at once (more are still written, just not tracked).
    static let capacity = 64

    nonisolated(unsafe) private static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let table = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        table.initialize(repeating: nil, count: capacity)
        return table
    }()

    nonisolated(unsafe) private static let lock: UnsafeMutablePointer<pthread_mutex_t> = {
        let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        return mutex
    }()

    /// Creates the table now, so a signal handler never runs its lazy initialisation.
    public static func prepare() {
        _ = slots
        _ = lock
    }

    /// Tracks `template` (a `mkstemp` template ending in `XXXXXX`) before the file exists: returns the
    /// table's own copy for `mkstemp` to fill in place, so a signal that comes the moment the file is
    /// created already finds its name in the table (nil when the table is full: the caller makes the
    /// file untracked). Unregister the filled-in path as usual.
    static func registerTemplate(_ template: String) -> UnsafeMutablePointer<CChar>? {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        for index in 0..<capacity where slots[index] == nil {
            slots[index] = strdup(template)
            return slots[index]
        }
        return nil
    }

    /// Stops tracking `path` (it was renamed into place or deleted).
    static func unregister(_ path: String) {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        for index in 0..<capacity {
            guard let entry = slots[index], strcmp(entry, path) == 0 else { continue }
            slots[index] = nil
            free(entry)
            return
        }
    }

    /// The paths tracked now (for tests and diagnostics).
    public static var paths: [String] {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        return (0..<capacity).compactMap { slots[$0].map { String(cString: $0) } }
    }

    /// Deletes every tracked file. Async-signal-safe (no locks, no allocation): call it from a signal
    /// handler or at exit.
    public static func removeAll() {
        for index in 0..<capacity {
            if let entry = slots[index] { unlink(entry) }
        }
    }
}

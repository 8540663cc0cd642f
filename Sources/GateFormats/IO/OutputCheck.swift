#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A check, before long work, that an output path can be written: a session's `--record-to` or a training
/// run's `--out` is refused at once, not after the recording or the training it would have held.
public enum OutputCheck {
    /// Throws what writing `path` would throw at the start: an empty path, a directory, a socket, or a
    /// directory that is missing, read-only or not writable. Devices, FIFOs and `-` pass (they are opened
    /// when written).
    public static func requireWritable(_ path: String) throws {
        let target = try OutputTarget(path: path)
        if target.isStream { return }
        let slash = target.path.lastIndex(of: "/")
        let directory = slash.map { String(target.path[..<$0]) } ?? "."
        guard access(directory.isEmpty ? "/" : directory, W_OK) == 0 else {
            throw FileBytes.systemError("cannot write into the directory \(directory.isEmpty ? "/" : directory)", path: path)
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads and crash-safe writes with plain POSIX calls.
public enum FileBytes {
    /// Reads the whole file at `path`.
    public static func read(path: String) throws -> [UInt8] {
        let (descriptor, size) = try openRegularFile(path: path)
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let got = bytes.withUnsafeMutableBytes { buffer in
                readBytes(descriptor, buffer.baseAddress! + done, size - done)
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw systemError("cannot read", path: path)
            }
            if got == 0 { bytes.removeLast(size - done); break }  // file shrank while reading
            done += got
        }
        return bytes
    }

    /// Reads up to `count` bytes at offset `offset` of the open file `descriptor` (fewer at its end);
    /// `path` names it in errors.
    static func read(descriptor: Int32, count: Int, at offset: Int, path: String) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, count - done, off_t(offset + done)) }
            if got < 0 {
                if errno == EINTR { continue }
                throw systemError("cannot read", path: path)
            }
            if got == 0 { bytes.removeLast(count - done); break }
            done += got
        }
        return bytes
    }

    /// Reads standard input to its end, refusing more than `limit` bytes (a stream that never ends, such as
    /// `yes`, stops with an error instead of filling memory).
    public static func readStandardInput(limit: Int) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = chunk.withUnsafeMutableBytes { readBytes(0, $0.baseAddress!, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw systemError("cannot read", path: "standard input")
            }
            if got == 0 { return bytes }
            guard bytes.count + got <= limit else {
                throw FormatError("is longer than \(limit / 1_000_000) MB; save it to a file and pass --input FILE", source: "standard input")
            }
            bytes += chunk[..<got]
        }
    }

    /// Writes `bytes` to `path` atomically: a temporary file in the same directory is written,
    /// flushed with `fsync`, then renamed over `path` (and the directory is fsynced).
    /// Readers see either the old file or the complete new one, never a partial write.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let temporary = try TemporaryFile(finalPath: path)
        do {
            try temporary.write(bytes, at: 0)
            try temporary.commit()
        } catch {
            temporary.discard()
            throw error
        }
    }

    /// Opens the regular file at `path` for reading: its descriptor (the caller closes it) and size.
    /// Opened without blocking, so a FIFO with no writer is refused at once instead of hanging.
    static func openRegularFile(path: String) throws -> (descriptor: Int32, size: Int) {
        let descriptor = try openForReading(path: path)
        guard descriptor >= 0 else { throw systemError("cannot open for reading", path: path) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let error = systemError("cannot stat", path: path)
            close(descriptor)
            throw error
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw FormatError("is not a regular file; pass the path of a file", source: path)
        }
        return (descriptor, Int(info.st_size))
    }

    /// `open(path, O_RDONLY)` without blocking on a FIFO (O_NONBLOCK does not change reads of regular files);
    /// an empty path is refused with its own message.
    static func openForReading(path: String) throws -> Int32 {
        guard !path.isEmpty else { throw FormatError("the path is empty; pass the path of a file") }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw systemError("cannot open for reading", path: path) }
        return descriptor
    }

    /// A `FormatError` built from `errno`.
    static func systemError(_ what: String, path: String) -> FormatError {
        let code = errno
        let reason = String(cString: strerror(code))
        let advice: String
        switch code {
        case ENOSPC, EDQUOT: advice = "free some space or write somewhere else"
        case EFBIG: advice = "the file is larger than this file system or limit allows; write somewhere else"
        case EROFS: advice = "the file system is read-only; write somewhere else"
        case EPIPE: advice = "the reader went away"
        default: advice = "check the path and permissions"
        }
        return FormatError("\(what): \(reason) (errno \(code)); \(advice)", source: path)
    }
}

/// `read(2)`, reachable from inside ``FileBytes`` whose own `read(path:)` shadows the name.
private func readBytes(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

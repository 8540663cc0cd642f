#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension FileBytes {
    /// Reads `length` bytes at `offset` of the regular file at `path` (nil length: to the end),
    /// refusing ranges that run past the file's end.
    public static func read(path: String, offset: Int, length: Int?) throws -> [UInt8] {
        let (descriptor, size) = try openRegularFile(path: path)
        defer { close(descriptor) }
        guard offset >= 0, offset <= size else {
            throw FormatError("has \(size) bytes, so offset \(offset) lies outside it; the model refers to data this file does not hold", source: path)
        }
        let count = length ?? (size - offset)
        guard count >= 0, count <= size - offset else {
            throw FormatError("has \(size) bytes, so \(count) bytes at offset \(offset) run past its end; the model refers to data this file does not hold", source: path)
        }
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = bytes.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress! + done, count - done, off_t(offset + done))
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw systemError("cannot read", path: path)
            }
            guard got > 0 else { throw FormatError("shrank while being read; try again", source: path) }
            done += got
        }
        return bytes
    }
}

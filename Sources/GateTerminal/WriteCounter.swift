#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes this process has written so far, from the `wchar` line of /proc/self/io (Linux only).
/// Differences around a flush give the bytes sent to the terminal.
final class WriteCounter {
    private let descriptor: Int32

    /// Opens /proc/self/io; nil where it does not exist.
    init?() {
        let descriptor = open("/proc/self/io", O_RDONLY)
        guard descriptor >= 0 else { return nil }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// The process's total bytes written, or nil when it cannot be read.
    func bytesWritten() -> Int? {
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[0..<count], as: UTF8.self)
        for line in text.split(separator: "\n") where line.hasPrefix("wchar:") {
            return Int(line.dropFirst(6).drop(while: { $0 == " " }))
        }
        return nil
    }
}

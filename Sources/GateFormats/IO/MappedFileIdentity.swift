#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What tells a mapped file's contents apart over time: device, inode, size and modification time
/// (to the nanosecond), from `fstat`.
struct MappedFileIdentity: Equatable {
    /// The device holding the file.
    let device: UInt64
    /// The inode number.
    let inode: UInt64
    /// The size in bytes.
    let size: Int64
    /// Modification time, seconds.
    let seconds: Int
    /// Modification time, nanoseconds within the second.
    let nanoseconds: Int

    /// The identity described by `info`.
    init(_ info: stat) {
        device = UInt64(truncatingIfNeeded: info.st_dev)
        inode = UInt64(truncatingIfNeeded: info.st_ino)
        size = Int64(info.st_size)
        #if canImport(Glibc)
        seconds = Int(info.st_mtim.tv_sec)
        nanoseconds = Int(info.st_mtim.tv_nsec)
        #else
        seconds = Int(info.st_mtimespec.tv_sec)
        nanoseconds = Int(info.st_mtimespec.tv_nsec)
        #endif
    }
}

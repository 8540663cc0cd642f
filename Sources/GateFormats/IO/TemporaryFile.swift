#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A temporary file next to its final path, written with `pwrite` and published by `rename`.
///
/// Used by ``FileBytes/writeAtomically(_:to:)`` and ``StreamingSafeTensorsWriter``.
final class TemporaryFile {
    /// Where the file will be renamed to on ``commit()``.
    let finalPath: String
    /// The temporary file's own path (same directory as `finalPath`).
    let temporaryPath: String
    private var descriptor: Int32

    /// Creates and opens `<dir>/.<name>.tmp-XXXXXX` next to `finalPath`.
    init(finalPath: String) throws {
        self.finalPath = finalPath
        let slash = finalPath.lastIndex(of: "/")
        let directory = slash.map { String(finalPath[...$0]) } ?? ""
        let name = slash.map { String(finalPath[finalPath.index(after: $0)...]) } ?? finalPath
        var template = Array("\(directory).\(name).tmp-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw FileBytes.systemError("cannot create a temporary file in the same directory", path: finalPath)
        }
        self.descriptor = descriptor
        self.temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        fchmod(descriptor, 0o644)
    }

    deinit {
        if descriptor >= 0 { discard() }
    }

    /// Writes all of `bytes` at file offset `offset`.
    func write(_ bytes: [UInt8], at offset: Int) throws {
        try bytes.withUnsafeBytes { try write(buffer: $0, at: offset) }
    }

    /// Writes all of `buffer` at file offset `offset`, retrying short writes.
    func write(buffer: UnsafeRawBufferPointer, at offset: Int) throws {
        guard descriptor >= 0 else { throw FormatError("write after the file was closed; this is a bug in the caller", source: finalPath) }
        var done = 0
        while done < buffer.count {
            let wrote = pwrite(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if wrote < 0 {
                if errno == EINTR { continue }
                throw FileBytes.systemError("cannot write", path: temporaryPath)
            }
            done += wrote
        }
    }

    /// Sets the file length (extending with a sparse hole of zeros).
    func setLength(_ length: Int) throws {
        guard ftruncate(descriptor, off_t(length)) == 0 else {
            throw FileBytes.systemError("cannot size the file", path: temporaryPath)
        }
    }

    /// Flushes the file to disk, renames it to `finalPath`, and flushes the directory.
    func commit() throws {
        guard descriptor >= 0 else { throw FormatError("commit after the file was closed; this is a bug in the caller", source: finalPath) }
        guard fsync(descriptor) == 0 else { throw FileBytes.systemError("cannot fsync", path: temporaryPath) }
        close(descriptor)
        descriptor = -1
        guard rename(temporaryPath, finalPath) == 0 else {
            let error = FileBytes.systemError("cannot rename \(temporaryPath) into place", path: finalPath)
            unlink(temporaryPath)
            throw error
        }
        let slash = finalPath.lastIndex(of: "/")
        let directory = slash.map { String(finalPath[...$0]) } ?? "."
        let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            _ = fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    /// Closes and deletes the temporary file without publishing it.
    func discard() {
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
        }
        unlink(temporaryPath)
    }
}

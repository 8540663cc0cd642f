#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A temporary file next to its final path, written with `pwrite` and published by `rename`.
///
/// Used by ``FileBytes/writeAtomically(_:to:)`` and ``StreamingSafeTensorsWriter``. The output is
/// resolved first (see ``OutputTarget``): a symbolic link writes its target (the link stays), a
/// device or FIFO (`/dev/null`, `/dev/stdout`, a named pipe) is never renamed over but receives the
/// finished bytes in order, and anything else that is not a regular file is refused. Every
/// temporary file is listed in ``TemporaryFileRegistry`` until it is committed or discarded, so an
/// interrupted process can delete it.
final class TemporaryFile {
    /// Where the file will be renamed to on ``commit()`` (the resolved target).
    let finalPath: String
    /// The output path as given (named in error messages).
    let requestedPath: String
    /// The temporary file's own path (same directory as `finalPath`, or the temporary directory
    /// when the output is a device or FIFO).
    let temporaryPath: String
    private let streamsIntoOutput: Bool
    private var descriptor: Int32

    /// Creates and opens `<dir>/.<name>.tmp-XXXXXX` next to `finalPath`.
    init(finalPath requested: String) throws {
        let target = try OutputTarget(path: requested)
        self.requestedPath = requested
        self.finalPath = target.path
        self.streamsIntoOutput = target.isStream
        let slash = target.path.lastIndex(of: "/")
        let name = target.path == OutputTarget.standardOutput ? "stdout"
            : slash.map { String(target.path[target.path.index(after: $0)...]) } ?? target.path
        let directory = target.isStream ? OutputTarget.temporaryDirectory() + "/"
            : (slash.map { String(target.path[...$0]) } ?? "")
        let pattern = "\(directory).\(name).tmp-XXXXXX"
        // mkstemp fills in the registry's own copy of the name, so there is no moment when the file
        // exists and a signal handler would not know to delete it.
        let descriptor: Int32, path: String
        if let tracked = TemporaryFileRegistry.registerTemplate(pattern) {
            descriptor = mkstemp(tracked)
            path = String(cString: tracked)
            if descriptor < 0 { TemporaryFileRegistry.unregister(path) }
        } else {
            var template = Array(pattern.utf8CString)
            descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        }
        guard descriptor >= 0 else {
            throw FileBytes.systemError("cannot create a temporary file in \(target.isStream ? directory : "the same directory")",
                                        path: requested)
        }
        self.descriptor = descriptor
        self.temporaryPath = path
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
        guard descriptor >= 0 else { throw FormatError("write after the file was closed; this is a bug in the caller", source: requestedPath) }
        var done = 0
        while done < buffer.count {
            let wrote = pwrite(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if wrote < 0 {
                if errno == EINTR { continue }
                throw FileBytes.systemError("cannot write", path: requestedPath)
            }
            done += wrote
        }
    }

    /// Sets the file length (extending with a sparse hole of zeros).
    func setLength(_ length: Int) throws {
        guard ftruncate(descriptor, off_t(length)) == 0 else {
            throw FileBytes.systemError("cannot size the file", path: requestedPath)
        }
    }

    /// Flushes the file to disk, renames it to `finalPath`, and flushes the directory. For a device
    /// or FIFO output, copies the bytes into it in order and deletes the temporary file.
    func commit() throws {
        guard descriptor >= 0 else { throw FormatError("commit after the file was closed; this is a bug in the caller", source: requestedPath) }
        if streamsIntoOutput {
            defer { discard() }
            try copyIntoOutput()
            return
        }
        guard fsync(descriptor) == 0 else {
            let error = FileBytes.systemError("cannot write", path: requestedPath)
            discard()
            throw error
        }
        close(descriptor)
        descriptor = -1
        guard rename(temporaryPath, finalPath) == 0 else {
            let error = FileBytes.systemError("cannot move the finished file into place", path: requestedPath)
            unlink(temporaryPath)
            TemporaryFileRegistry.unregister(temporaryPath)
            throw error
        }
        TemporaryFileRegistry.unregister(temporaryPath)
        let slash = finalPath.lastIndex(of: "/")
        let directory = slash.map { String(finalPath[...$0]) } ?? "."
        let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            _ = fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    /// Copies the temporary file, from its start, into the device or FIFO at `finalPath`.
    private func copyIntoOutput() throws {
        let toStandardOutput = finalPath == OutputTarget.standardOutput
        let output = toStandardOutput ? STDOUT_FILENO : open(finalPath, O_WRONLY | O_CLOEXEC)
        guard output >= 0 else { throw FileBytes.systemError("cannot open for writing", path: requestedPath) }
        defer { if !toStandardOutput { close(output) } }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var offset = 0
        while true {
            let got = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, $0.count, off_t(offset)) }
            if got < 0 {
                if errno == EINTR { continue }
                throw FileBytes.systemError("cannot read back the temporary file for", path: requestedPath)
            }
            if got == 0 { return }
            var done = 0
            while done < got {
                let wrote = chunk.withUnsafeBytes { writeDescriptor(output, $0.baseAddress! + done, got - done) }
                if wrote < 0 {
                    if errno == EINTR { continue }
                    throw FileBytes.systemError("cannot write", path: requestedPath)
                }
                done += wrote
            }
            offset += got
        }
    }

    /// Closes and deletes the temporary file without publishing it.
    /// Reads `buffer.count` bytes at file offset `offset` back into `buffer` (a spool read back).
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws {
        guard descriptor >= 0 else { throw FormatError("read after the file was closed; this is a bug in the caller", source: requestedPath) }
        var done = 0
        while done < buffer.count {
            let got = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else {
                throw FileBytes.systemError("cannot read back the temporary file \(temporaryPath)", path: requestedPath)
            }
            done += got
        }
    }

    func discard() {
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
        }
        unlink(temporaryPath)
        TemporaryFileRegistry.unregister(temporaryPath)
    }
}

/// `write(2)`, reachable from inside ``TemporaryFile`` whose own `write` methods shadow the name.
private func writeDescriptor(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}

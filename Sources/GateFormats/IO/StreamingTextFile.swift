/// A text file written piece by piece (appended in order) and published atomically when finished:
/// the pieces go to a temporary file beside the target, renamed over it by ``commit()``; the whole
/// text is never held in memory. A device or FIFO target (`/dev/stdout`) gets the bytes in order.
public final class StreamingTextFile {
    /// The file being written.
    private let file: TemporaryFile
    /// Bytes written so far.
    public private(set) var bytesWritten = 0

    /// Starts a file that will replace `path` when committed.
    public init(path: String) throws {
        file = try TemporaryFile(finalPath: path)
    }

    /// Appends `text` (UTF-8).
    public func append(_ text: String) throws {
        var text = text
        try text.withUTF8 { try file.write(buffer: UnsafeRawBufferPointer($0), at: bytesWritten) }
        bytesWritten += text.utf8.count
    }

    /// Publishes the file at its path.
    public func commit() throws {
        try file.commit()
    }

    /// Deletes the unfinished file.
    public func discard() {
        file.discard()
    }
}

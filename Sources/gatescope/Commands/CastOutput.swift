import Foundation
import GateFormats

/// Where `render --format cast` writes, piece by piece: a file published atomically when finished,
/// or standard output (`-`) as the pieces come.
final class CastOutput {
    /// The file, unless the output is standard output.
    private let file: StreamingTextFile?
    /// Bytes written so far.
    private(set) var bytesWritten = 0

    /// Output to `path` (`-` for standard output).
    init(path: String) throws {
        file = path == "-" ? nil : try StreamingTextFile(path: path)
    }

    /// Appends `text`.
    func write(_ text: String) throws {
        if let file { try file.append(text) } else { FileHandle.standardOutput.write(Data(text.utf8)) }
        bytesWritten += text.utf8.count
    }

    /// Publishes the file.
    func finish() throws { try file?.commit() }

    /// Deletes the unfinished file.
    func discard() { file?.discard() }
}

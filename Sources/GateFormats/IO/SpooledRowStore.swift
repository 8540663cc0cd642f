import GateCore

/// A ``RowStore`` in a temporary file (`$TMPDIR/.gatescope-live-NAME.tmp-XXXXXX`): rows are written as
/// they are appended and read back with `pread`, so a live run of any length keeps its input and
/// checkpoints on disk, not in memory. The file is listed in ``TemporaryFileRegistry`` (deleted on a
/// signal, an error or exit) and deleted when the store goes away.
public final class SpooledRowStore: RowStore {
    public let columns: Int
    public private(set) var rows = 0
    /// The file.
    private let file: TemporaryFile

    /// An empty store of `columns`-wide rows named `name`, in `directory` (the temporary directory when nil).
    public init(name: String, columns: Int, directory: String? = nil) throws {
        self.columns = columns
        file = try TemporaryFile(finalPath: "\(directory ?? OutputTarget.temporaryDirectory())/gatescope-live-\(name)")
    }

    deinit { file.discard() }

    /// Where the rows are (deleted with the store).
    public var path: String { file.temporaryPath }

    public func append(_ matrix: Matrix) throws {
        guard matrix.columns == columns || matrix.rows == 0 else {
            throw FormatError("rows of \(matrix.columns) values for a spool of \(columns); this is a bug in the caller", source: path)
        }
        guard !matrix.values.isEmpty else {
            rows += matrix.rows
            return
        }
        try matrix.values.withUnsafeBytes { try file.write(buffer: $0, at: rows * columns * 4) }
        rows += matrix.rows
    }

    public func read(_ range: Range<Int>) throws -> Matrix {
        guard range.lowerBound >= 0, range.upperBound <= rows else {
            throw FormatError("rows \(range.lowerBound)..<\(range.upperBound) of a spool of \(rows); this is a bug in the caller", source: path)
        }
        var values = [Float](repeating: 0, count: range.count * columns)
        if !values.isEmpty {
            try values.withUnsafeMutableBytes { try file.read(into: $0, at: range.lowerBound * columns * 4) }
        }
        return Matrix(rows: range.count, columns: columns, values: values)
    }

    /// Deletes the file now (the store is then empty and cannot be appended to).
    public func discard() {
        file.discard()
    }
}

/// Rows of floats of one width, appended in order and read back by range: where a live run keeps its
/// input and checkpoints (a temporary file, `SpooledRowStore` in GateFormats, or ``MemoryRowStore``).
public protocol RowStore: AnyObject {
    /// Values per row.
    var columns: Int { get }
    /// Rows appended so far.
    var rows: Int { get }
    /// Appends the rows of `matrix` (``columns`` wide).
    func append(_ matrix: Matrix) throws
    /// Rows `range` (within ``rows``) as a matrix.
    func read(_ range: Range<Int>) throws -> Matrix
}

/// A ``RowStore`` in memory (typing sessions, tests, and the fallback when no temporary file can be made).
public final class MemoryRowStore: RowStore {
    /// Everything appended.
    private var matrix: Matrix

    /// An empty store of `columns`-wide rows.
    public init(columns: Int) { matrix = Matrix(rows: 0, columns: columns) }

    public var columns: Int { matrix.columns }
    public var rows: Int { matrix.rows }

    public func append(_ more: Matrix) throws {
        guard more.columns == matrix.columns else {
            throw ShapeError("rows of \(more.columns) values for a store of \(matrix.columns); this is a bug in the caller")
        }
        matrix.appendRows(more)
    }

    public func read(_ range: Range<Int>) throws -> Matrix {
        guard range.lowerBound >= 0, range.upperBound <= matrix.rows else {
            throw ShapeError("rows \(range) of a store of \(matrix.rows); this is a bug in the caller")
        }
        return matrix.rows(range)
    }
}

/// A pixel a ConvLSTM lesson stop selects: row and column, 1-based from the top left (`pixel: ROW,COL`).
public struct LessonPixel: Sendable, Equatable {
    /// The row (1 = top).
    public var row: Int
    /// The column (1 = left).
    public var column: Int

    /// A pixel from its row and column.
    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }
}

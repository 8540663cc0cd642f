/// What one flush to the terminal cost.
public struct FrameStats: Hashable, Sendable {
    /// Cells written (changed cells, or every cell on a full redraw).
    public var cellsChanged: Int
    /// Bytes sent to the terminal, when the backend can measure them.
    public var bytesWritten: Int?
    /// Whether the whole screen was redrawn (first frame, resize, colour pairs reset).
    public var fullRedraw: Bool
    /// Wall time spent in the flush.
    public var duration: Duration

    /// Creates frame statistics.
    public init(cellsChanged: Int, bytesWritten: Int? = nil, fullRedraw: Bool = false, duration: Duration = .zero) {
        self.cellsChanged = cellsChanged
        self.bytesWritten = bytesWritten
        self.fullRedraw = fullRedraw
        self.duration = duration
    }
}

/// Something that draws itself into a rectangle of a cell buffer (ratatui's model): screens are
/// layouts of widgets, and a widget never draws outside the rectangle it is given.
public protocol Widget {
    /// Draws into `rect` of `buffer`.
    func draw(in rect: Rect, into buffer: inout CellBuffer)
}

extension StyledText: Widget {
    /// Draws the line on the rectangle's first row, cut at its right edge.
    public func draw(in rect: Rect, into buffer: inout CellBuffer) {
        guard rect.height > 0 else { return }
        draw(into: &buffer, x: rect.x, y: rect.y, maxX: rect.maxX)
    }
}

/// A mouse event at a cell.
public struct MouseEvent: Hashable, Sendable {
    /// Column of the cell under the pointer (0 = left).
    public var x: Int
    /// Row of the cell under the pointer (0 = top).
    public var y: Int
    /// What happened.
    public var action: MouseAction

    /// Creates a mouse event.
    public init(x: Int, y: Int, action: MouseAction) {
        self.x = x
        self.y = y
        self.action = action
    }
}

/// Something the app reacts to.
public enum InputEvent: Hashable, Sendable {
    /// A key press.
    case key(Key)
    /// A mouse press, release or scroll.
    case mouse(MouseEvent)
    /// The terminal now has this size (already reflected in the next buffer).
    case resize(width: Int, height: Int)
    /// The app's `tickInterval` elapsed.
    case tick
}

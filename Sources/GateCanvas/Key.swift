/// A key press, decoded from the terminal's escape sequences.
public enum Key: Hashable, Sendable {
    /// A printable character (including space).
    case character(Character)
    /// Arrow up.
    case up
    /// Arrow down.
    case down
    /// Arrow left.
    case left
    /// Arrow right.
    case right
    /// Home.
    case home
    /// End.
    case end
    /// Page up.
    case pageUp
    /// Page down.
    case pageDown
    /// Tab.
    case tab
    /// Shift-Tab.
    case backTab
    /// Enter or Return.
    case enter
    /// Escape (after the terminal's short escape delay).
    case escape
    /// Backspace.
    case backspace
    /// Delete (forward).
    case delete
    /// Insert.
    case insert
    /// Function key F1…F63.
    case function(Int)
    /// A control combination, with the lower-case letter or symbol: Ctrl-A is `.ctrl("a")`.
    case ctrl(Character)
}

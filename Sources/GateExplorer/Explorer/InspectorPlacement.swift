import GateCanvas
/// How the inspector is shown at the current terminal size.
public enum InspectorPlacement: Sendable, Equatable {
    /// Beside the panels, on the right.
    case side(Rect)
    /// Under the panels.
    case below(Rect)
    /// Over the panels, opened with `i`.
    case overlay(Rect)
    /// Not shown (press `i`).
    case hidden

    /// The inspector's rectangle, when shown.
    public var rect: Rect? {
        switch self {
        case .side(let r), .below(let r), .overlay(let r): r
        case .hidden: nil
        }
    }
}

import GateCanvas
/// What the last layout offers to commands that depend on the screen: how many units a page holds,
/// what can take the focus, and how far the inspector can scroll.
public struct ExplorerViewport: Sendable, Equatable {
    /// Units shown at once in each panel.
    public var unitsPerPage: Int
    /// Focus targets in Tab order.
    public var focusTargets: [ExplorerFocus]
    /// Largest useful inspector scroll offset.
    public var inspectorScrollLimit: Int

    /// A viewport.
    public init(unitsPerPage: Int, focusTargets: [ExplorerFocus], inspectorScrollLimit: Int = 0) {
        self.unitsPerPage = max(1, unitsPerPage)
        self.focusTargets = focusTargets
        self.inspectorScrollLimit = max(0, inspectorScrollLimit)
    }
}

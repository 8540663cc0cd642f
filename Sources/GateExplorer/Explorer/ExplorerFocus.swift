import GateCanvas
/// What Up/Down act on: a heatmap panel (select units) or the inspector (scroll its lines).
public enum ExplorerFocus: Hashable, Sendable {
    /// The heatmap panel at this index in the cell kind's panel list.
    case panel(Int)
    /// The inspector.
    case inspector
}

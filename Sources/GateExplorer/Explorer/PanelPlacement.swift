import GateCanvas
/// Where one heatmap panel sits on screen.
public struct PanelPlacement: Sendable, Equatable {
    /// Index of the panel in the cell kind's panel list.
    public var index: Int
    /// The panel.
    public var kind: PanelKind
    /// The label column (name, symbol and meaning).
    public var label: Rect
    /// The unit-number gutter with the selection marker.
    public var gutter: Rect
    /// The heatmap: one column per step in the time window, `unitsPerRow` units per text row.
    public var heatmap: Rect
}

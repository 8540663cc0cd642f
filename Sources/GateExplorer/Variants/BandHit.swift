import GateCanvas
/// What a click in the all-layers view (`A`) landed on: a band's layer and direction, and, on its
/// heatmap, the step and the unit of that layer trace.
public struct BandHit: Sendable, Equatable {
    /// The layer (0-based, as in the trace).
    public var layer: Int
    /// The direction: true for reverse.
    public var isReverse: Bool
    /// The step clicked (0-based), when the click was on the heatmap.
    public var step: Int?
    /// The unit of the layer trace clicked (0-based), when the click was on the heatmap.
    public var unit: Int?
}

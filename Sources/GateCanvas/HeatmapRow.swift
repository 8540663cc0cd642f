/// One text row of a ``Heatmap``: the unit drawn in the upper half (the glyph colour of `▀`) and
/// the one in the lower half (the background; nil for an odd last unit or one unit per row), each
/// with the factor that brings its values into the colour scale's domain.
public struct HeatmapRow: Sendable, Equatable {
    /// Column of the upper unit in the values.
    public var upper: Int
    /// Column of the lower unit, if any.
    public var lower: Int?
    /// Multiplies the upper unit's values (1 / its colour range).
    public var upperFactor: Float
    /// Multiplies the lower unit's values.
    public var lowerFactor: Float

    /// A row of one or two units.
    public init(upper: Int, lower: Int?, upperFactor: Float = 1, lowerFactor: Float = 1) {
        self.upper = upper
        self.lower = lower
        self.upperFactor = upperFactor
        self.lowerFactor = lowerFactor
    }
}

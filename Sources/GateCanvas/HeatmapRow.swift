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

extension HeatmapRow {
    /// Units per text row in `mode`: two (`▀`, upper in the glyph, lower in the background) in colour,
    /// one in monochrome, where a cell has a single glyph to shade — the one rule every heatmap follows.
    public static func unitsPerRow(in mode: ColorMode) -> Int { mode == .monochrome ? 1 : 2 }

    /// The text rows of `units` in order, `perRow` (1 or 2) to a row, each unit's values multiplied
    /// by `factor(unit)`.
    public static func rows(_ units: [Int], perRow: Int, factor: (Int) -> Float = { _ in 1 }) -> [HeatmapRow] {
        stride(from: 0, to: units.count, by: max(1, perRow)).map { index in
            let lower = perRow == 2 && index + 1 < units.count ? units[index + 1] : nil
            return HeatmapRow(upper: units[index], lower: lower, upperFactor: factor(units[index]),
                              lowerFactor: lower.map(factor) ?? 1)
        }
    }
}

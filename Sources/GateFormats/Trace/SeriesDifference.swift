/// How one series of one layer differs between two traces.
public struct SeriesDifference: Sendable, Equatable {
    /// The layer and direction (`l0`, `l0_reverse`); empty for `input` and `output`.
    public var layerKey: String
    /// The series name.
    public var series: String
    /// Largest |a − b|; NaN when one side is NaN and the other is not (anywhere in the series).
    public var maxAbs: Float
    /// Mean |a − b| over every value (NaN pairs count as 0, NaN-vs-number as excluded and counted).
    public var meanAbs: Double
    /// Step (row) of the largest difference.
    public var step: Int
    /// Unit (column) of the largest difference.
    public var unit: Int
    /// The two values there.
    public var values: (Float, Float)
    /// Positions where exactly one side is NaN.
    public var nanMismatches: Int

    /// "l0.forget_gate"; "input" and "output" (the head's) have no layer key.
    public var name: String { layerKey.isEmpty ? series : layerKey + "." + series }

    /// Equality of every field.
    public static func == (a: SeriesDifference, b: SeriesDifference) -> Bool {
        a.layerKey == b.layerKey && a.series == b.series && a.maxAbs == b.maxAbs && a.meanAbs == b.meanAbs
            && a.step == b.step && a.unit == b.unit && a.values.0.bitPattern == b.values.0.bitPattern
            && a.values.1.bitPattern == b.values.1.bitPattern && a.nanMismatches == b.nanMismatches
    }
}
